package fr.maillon.chain;

import java.util.List;

/**
 * A sentence of the path, as a message key and its ICU arguments (counts as numbers for the plurals, names and dates
 * as text), so that no sentence is ever assembled from words.
 */
public record StepText(String messageKey, List<Object> arguments) {

    public StepText {
        arguments = List.copyOf(arguments);
    }

    public static StepText of(String messageKey, Object... arguments) {
        return new StepText(messageKey, List.of(arguments));
    }

    public Object[] argumentArray() {
        return arguments.toArray();
    }
}
