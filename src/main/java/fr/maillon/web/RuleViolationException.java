package fr.maillon.web;

import java.util.List;

/**
 * A business rule refused the input. Each violation names the field (a form field, or a JSON path
 * in the API) and an i18n message code; pages put them back into the form, the API answers 422.
 */
public class RuleViolationException extends RuntimeException {

    private final List<Violation> violations;

    public RuleViolationException(List<Violation> violations) {
        super(violations.toString());
        this.violations = List.copyOf(violations);
    }

    public RuleViolationException(String field, String code, Object... arguments) {
        this(List.of(new Violation(field, code, arguments)));
    }

    public List<Violation> violations() {
        return violations;
    }

    public record Violation(String field, String code, Object... arguments) {
    }
}
