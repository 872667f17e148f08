package fr.maillon.importing;

import java.util.List;

/**
 * What an import of indicator values through the API did: the format told from the file's
 * content, how many values were written, and the problems (none when it was written).
 */
public record ValuesImport(FileFormat format, int imported, List<ImportProblem> problems) {

    public ValuesImport {
        problems = List.copyOf(problems);
    }
}
