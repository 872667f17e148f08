package fr.maillon.network;

import java.util.List;

/**
 * What a structure admin sees when she opens a programme's invitation link: the programme, who runs it, and the
 * structures she administers with their evaluations, to choose which joins and what it shares.
 */
public record ProgrammeOffer(Programme programme, List<Choice> structures) {

    public ProgrammeOffer {
        structures = List.copyOf(structures);
    }

    public record Choice(long structureId, String name, boolean joined, List<Option> evaluations) {

        public Choice {
            evaluations = List.copyOf(evaluations);
        }
    }

    public record Option(long id, String title) {
    }
}
