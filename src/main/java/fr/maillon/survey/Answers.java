package fr.maillon.survey;

import java.util.Map;

/**
 * A response as read from a form: the answers by question id (a choice code, a list of codes, a
 * level or a number, true or false, a text), or what is wrong, by question id.
 */
public record Answers(Map<Long, Object> values, Map<Long, String> errors, boolean consent) {

    public boolean valid() {
        return errors.isEmpty();
    }
}
