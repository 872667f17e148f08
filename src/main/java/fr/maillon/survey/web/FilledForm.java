package fr.maillon.survey.web;

import java.util.List;
import java.util.Map;

/** What a respondent typed and ticked, to show the form again with an error. */
public record FilledForm(Map<String, List<String>> fields) {

    public static FilledForm empty() {
        return new FilledForm(Map.of());
    }

    public boolean has(String field, String value) {
        return fields.getOrDefault(field, List.of()).contains(value);
    }

    public String value(String field) {
        return String.join(" ", fields.getOrDefault(field, List.of()));
    }
}
