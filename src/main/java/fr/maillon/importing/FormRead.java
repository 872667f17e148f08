package fr.maillon.importing;

import java.util.List;

import fr.maillon.survey.FormDefinition;

/**
 * A questionnaire file as a reader understood it: its detected format, the questionnaire, what it
 * could not keep (each with its row or line and name), and the languages its texts come in (the
 * first one leads: French when there is French).
 */
public record FormRead(FileFormat format, FormDefinition form, List<ImportProblem> notKept, List<String> languages) {

    public FormRead {
        notKept = List.copyOf(notKept);
        languages = List.copyOf(languages);
    }
}
