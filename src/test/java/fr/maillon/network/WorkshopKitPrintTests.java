package fr.maillon.network;

import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every workshop kit prints its forms usable on paper: each form on one landscape page of its own, its columns
 * sharing the page's whole width (the last column's title where it should start), with rows tall enough to write.
 */
@SpringBootTest
class WorkshopKitPrintTests {

    @Autowired
    WorkshopKits kits;

    @Test
    void eachFormFillsOneLandscapePage() throws IOException {
        assertThat(kits.all()).hasSize(6);
        for (WorkshopKit kit : kits.all()) {
            byte[] pdf = kits.pdf(kit);
            java.nio.file.Files.write(java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/kits"))
                    .resolve(kit.step() + ".pdf"), pdf);
            try (PDDocument document = Loader.loadPDF(pdf)) {
                List<PDPage> landscape = new java.util.ArrayList<>();
                document.getPages().forEach(page -> {
                    if (page.getMediaBox().getWidth() > page.getMediaBox().getHeight()) {
                        landscape.add(page);
                    }
                });
                assertThat(landscape).as(kit.step() + ": one landscape page per form").hasSize(kit.forms().size());
                int first = document.getNumberOfPages() - kit.forms().size() + 1;
                for (int index = 0; index < kit.forms().size(); index++) {
                    WorkshopKit.Form form = kit.forms().get(index);
                    assertThat(form.rowHeight()).as(form.title()).isBetween(10, 20);
                    String lastColumn = form.columns().get(form.columns().size() - 1).split(" ")[0];
                    float[] right = { 0 };
                    PDFTextStripper stripper = new PDFTextStripper() {
                        @Override
                        protected void writeString(String text, List<TextPosition> positions) throws IOException {
                            if (text.contains(lastColumn) && !positions.isEmpty()) {
                                right[0] = Math.max(right[0], positions.get(0).getXDirAdj());
                            }
                            super.writeString(text, positions);
                        }
                    };
                    stripper.setStartPage(first + index);
                    stripper.setEndPage(first + index);
                    String text = stripper.getText(document);
                    assertThat(text).as(kit.step()).contains(form.title());
                    float width = document.getPage(first + index - 1).getMediaBox().getWidth();
                    int columns = form.columns().size();
                    assertThat(right[0]).as(kit.step() + " / " + form.title() + ": the columns share the page's width")
                            .isGreaterThan(width * (columns - 1f) / columns * 0.85f);
                }
            }
        }
    }
}
