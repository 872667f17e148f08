package fr.maillon.importing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TmpRealLsaCheck {

    @Test
    void readsColors() throws Exception {
        byte[] content = Files.readAllBytes(Path.of("/tmp/ans/colors.lsa"));
        List<String> out = new ArrayList<>();
        AnswerRows.Read read = AnswerRows.read(content, new AnswerRows.Handler() {
            @Override
            public void headers(List<String> headers) {
                out.add(String.join("|", headers));
            }

            @Override
            public boolean row(int line, String[] cells) {
                out.add(line + ": " + String.join("|", cells));
                return true;
            }
        });
        out.add("read " + read);
        Files.write(Path.of("/tmp/ans/colors.txt"), out);
    }
}
