package fr.maillon.web;

import org.springframework.validation.BindingResult;

/** Puts a service's rule violations back into the form, as message codes on their fields. */
public final class FormErrors {

    private FormErrors() {
    }

    public static void reject(BindingResult result, RuleViolationException ex) {
        for (RuleViolationException.Violation violation : ex.violations()) {
            if (violation.field().isEmpty()) {
                result.reject(violation.code(), violation.arguments(), null);
            }
            else {
                result.rejectValue(violation.field(), violation.code(), violation.arguments(), null);
            }
        }
    }
}
