package fr.maillon.exchange;

import java.util.List;

import fr.maillon.web.Problems.ApiError;

/** The document was refused; nothing was written. Each error names its JSON path. */
public class ImportRejectedException extends RuntimeException {

    private final List<ApiError> errors;

    public ImportRejectedException(List<ApiError> errors) {
        super(errors.size() + " problem(s) in the document");
        this.errors = List.copyOf(errors);
    }

    public List<ApiError> errors() {
        return errors;
    }
}
