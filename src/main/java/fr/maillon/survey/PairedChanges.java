package fr.maillon.survey;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the same people's answers changed between two waves of a survey that follows its
 * respondents: for each question answered with a number, a level or yes/no, the pairs (a person
 * who gave the same code in both waves), their means before and after and the mean change, how
 * many went down, stayed and went up; beside it, every respondent's mean in each wave (unpaired).
 * Outside the structure, a question with fewer than five pairs, or whose paired and unpaired
 * groups differ by fewer than five people, is hidden; so is a count under five in the
 * distribution (and the next smallest with it, so that none can be found by difference).
 */
public record PairedChanges(Wave from, Wave to, List<Change> questions) {

    public PairedChanges {
        questions = List.copyOf(questions);
    }

    /**
     * @param decreased null when hidden
     * @param meanBefore for yes/no, the share of yes (in %)
     */
    public record Change(Question question, long pairs, @Nullable BigDecimal meanBefore,
            @Nullable BigDecimal meanAfter, @Nullable BigDecimal meanChange, @Nullable Long decreased,
            @Nullable Long unchanged, @Nullable Long increased, @Nullable Unpaired before, @Nullable Unpaired after,
            boolean hidden) {
    }

    /** Every respondent of a wave who answered: how many, and their mean (for yes/no, the share of yes in %). */
    public record Unpaired(long count, BigDecimal mean) {
    }
}
