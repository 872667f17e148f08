package fr.maillon.restitution;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the form of a question's verdict needs: the question with its verdict as stored, what the
 * evaluation holds that the verdict may cite, and the indicators the framework links to the question
 * (shown first, as the likely evidence).
 */
public record VerdictEditing(QuestionVerdict question, List<CitedEvidence> choices, Set<Long> linkedIndicatorIds) {

    public VerdictEditing {
        choices = List.copyOf(choices);
        linkedIndicatorIds = Set.copyOf(linkedIndicatorIds);
    }

    /** The choices of one kind, an indicator linked to the question before the others. */
    public List<CitedEvidence> choices(VerdictEvidenceKind kind) {
        return choices.stream().filter(choice -> choice.kind() == kind)
                .sorted(Comparator.comparing(choice -> kind != VerdictEvidenceKind.INDICATOR
                        || !linkedIndicatorIds.contains(choice.id())))
                .toList();
    }

    /** The choice a form value names, if any. */
    public Optional<CitedEvidence> choice(String token) {
        return choices.stream().filter(choice -> choice.token().equals(token)).findFirst();
    }
}
