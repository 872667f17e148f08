package fr.maillon.web;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.ui.Model;
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

    /**
     * Someone saved the item meanwhile: the form is shown again (status 200) with what the user
     * typed, the message naming who saved and when, and under each field the value now stored
     * ({@code storedForm}, the stored item as this form's record, a record). The form then carries the
     * stored version, so that saving again replaces it knowingly.
     */
    public static void conflict(BindingResult result, Model model, ConcurrentEditException ex, Object storedForm) {
        Revision current = ex.current();
        Object who = current.updatedBy() != null ? current.updatedBy()
                : new DefaultMessageSourceResolvable("web.concurrentEdit.someone");
        if (current.updatedAt() == null) {
            result.reject("web.concurrentEdit.undated", new Object[] { who }, null);
        }
        else {
            result.reject("web.concurrentEdit.message", new Object[] { who,
                    DATE.format(current.updatedAt()), TIME.format(current.updatedAt()) }, null);
        }
        model.addAttribute("concurrentEdit", current);
        model.addAttribute("storedForm", fields(storedForm));
    }

    /** A form record's fields by name, so that a page's other forms find none of theirs in it. */
    private static Map<String, @Nullable Object> fields(Object form) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : form.getClass().getRecordComponents()) {
            try {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                fields.put(component.getName(), accessor.invoke(form));
            }
            catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("unreadable form field " + component.getName(), ex);
            }
        }
        return fields;
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
}
