package fr.maillon.restitution.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.restitution.QuestionVerdict;
import fr.maillon.restitution.Verdict;
import fr.maillon.restitution.VerdictDraft;
import fr.maillon.restitution.VerdictEvidence;

/**
 * A question's verdict as its form sends it: the scale, the argued text, the evidence ticked (form
 * values {@code KIND:id[:waveId]}), and the version its author read (0: none written yet).
 */
public record VerdictForm(@Nullable Verdict verdict, @Nullable String argument, @Nullable List<String> evidence,
        @Nullable Integer version, @Nullable String plainMessage) {

    public static VerdictForm of(QuestionVerdict verdict) {
        return new VerdictForm(verdict.verdict(), verdict.argument(), verdict.evidence().stream()
                .map(cited -> cited.token()).toList(), verdict.version(), verdict.plainMessage());
    }

    public static VerdictForm of(VerdictDraft draft, int version) {
        return new VerdictForm(draft.verdict(), draft.argument(), draft.evidence() == null ? List.of()
                : draft.evidence().stream().map(VerdictEvidence::token).toList(), version, draft.plainMessage());
    }

    /** The evidence ticked, or null when a value is not one the form offers. */
    @Nullable
    List<VerdictEvidence> references() {
        List<VerdictEvidence> references = new ArrayList<>();
        for (String token : evidence == null ? List.<String>of() : evidence) {
            var reference = VerdictEvidence.parse(token);
            if (reference.isEmpty()) {
                return null;
            }
            references.add(reference.get());
        }
        return references;
    }

    VerdictDraft draft(List<VerdictEvidence> references) {
        return new VerdictDraft(verdict, argument, references, plainMessage);
    }
}
