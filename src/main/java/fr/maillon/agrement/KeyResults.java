package fr.maillon.agrement;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the commission reads first: the indicators that have a target (their last figure beside it), the
 * verdicts' answers to the evaluative questions, and who took part.
 */
public record KeyResults(List<IndicatorLine> indicators, List<VerdictLine> verdicts, Participation participation) {

    public KeyResults {
        indicators = List.copyOf(indicators);
        verdicts = List.copyOf(verdicts);
    }

    /** An indicator's latest figure: its period, value, and its target and how far it goes (%) when it has one. */
    public record IndicatorLine(String name, @Nullable String unit, int precision, String period,
            @Nullable BigDecimal value, @Nullable BigDecimal target, @Nullable BigDecimal percentOfTarget) {
    }

    /**
     * A question and its answer: the verdict (a {@code Verdict}'s name, null while none is written) and what it
     * says (its plain message, else the start of its argument).
     */
    public record VerdictLine(String criterion, String question, @Nullable String verdict, @Nullable String says) {
    }

    /**
     * The workshops held, how many took part and how many of them were inhabitants, the cards kept from
     * inhabitants, and the stakeholders of type "habitants".
     */
    public record Participation(int workshops, int participants, int inhabitants, int keptFromInhabitants,
            int inhabitantStakeholders) {
    }
}
