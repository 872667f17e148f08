package fr.maillon.importing;

import java.util.List;

/** A values file refused through the API: nothing written; its format and every problem found. */
public class ValuesImportRefusedException extends RuntimeException {

    private final transient ValuesImport result;
    private final String filename;

    public ValuesImportRefusedException(String filename, FileFormat format, List<ImportProblem> problems) {
        super(problems.size() + " problems");
        this.filename = filename;
        this.result = new ValuesImport(format, 0, problems);
    }

    public String filename() {
        return filename;
    }

    public ValuesImport result() {
        return result;
    }
}
