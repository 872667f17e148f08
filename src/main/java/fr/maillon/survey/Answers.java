package fr.maillon.survey;

import java.util.Map;

/**
 * A response as read from a form: the answers by question id (a choice code, a list of codes, a
 * level or a number, true or false, a text), the texts given with an "Autre" choice by question id,
 * or what is wrong, by question id.
 */
public record Answers(Map<Long, Object> values, Map<Long, String> errors, boolean consent, Map<Long, String> others) {

    public Answers {
        others = Map.copyOf(others);
    }

    public Answers(Map<Long, Object> values, Map<Long, String> errors, boolean consent) {
        this(values, errors, consent, Map.of());
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
