package fr.maillon.web;

import java.util.Map;

import org.springframework.validation.BindingResult;

/** Puts a service's rule violations back into the form, as message codes on their fields. */
public final class FormErrors {

    private FormErrors() {
    }

    public static void reject(BindingResult result, RuleViolationException ex) {
        reject(result, ex, Map.of());
    }

    /** The same, for a form whose fields are named differently from the service's ({@code fields}: service → form). */
    public static void reject(BindingResult result, RuleViolationException ex, Map<String, String> fields) {
        for (RuleViolationException.Violation violation : ex.violations()) {
            String field = fields.getOrDefault(violation.field(), violation.field());
            if (field.isEmpty()) {
                result.reject(violation.code(), violation.arguments(), null);
            }
            else {
                result.rejectValue(field, violation.code(), violation.arguments(), null);
            }
        }
    }
}
