package fr.maillon.chain;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A sentence of the path, as a message key and its ICU arguments (counts as numbers for the plurals, names and dates
 * as text), so that no sentence is ever assembled from words; {@code path}, when given, is the page the sentence
 * links to.
 */
public record StepText(String messageKey, List<Object> arguments, @Nullable String path) {

    public StepText {
        arguments = List.copyOf(arguments);
    }

    public StepText(String messageKey, List<Object> arguments) {
        this(messageKey, arguments, null);
    }

    public static StepText of(String messageKey, Object... arguments) {
        return new StepText(messageKey, List.of(arguments));
    }

    /** A sentence that links to the page at {@code path}. */
    public static StepText linked(String path, String messageKey, Object... arguments) {
        return new StepText(messageKey, List.of(arguments), path);
    }

    public Object[] argumentArray() {
        return arguments.toArray();
    }
}
