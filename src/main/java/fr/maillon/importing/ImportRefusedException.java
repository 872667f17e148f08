package fr.maillon.importing;

import java.util.List;

/** A file refused as a whole: nothing of it is written; every problem found is listed. */
public class ImportRefusedException extends RuntimeException {

    private final transient List<ImportProblem> problems;

    public ImportRefusedException(List<ImportProblem> problems) {
        super(problems.size() + " problems");
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
