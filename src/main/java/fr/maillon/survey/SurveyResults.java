package fr.maillon.survey;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A survey's results: respondents, and per question the count and share of each answer (also
 * per wave when all waves are shown), the numbers' summary, the latest texts. Shown outside the
 * structure, any group of fewer than {@link #MINIMUM_GROUP} respondents is hidden.
 */
public record SurveyResults(Survey survey, @Nullable Wave wave, @Nullable Question filterQuestion,
        @Nullable String filterValue, long respondents, boolean outsider, boolean suppressed,
        List<QuestionResult> questions) {

    public static final int MINIMUM_GROUP = 5;

    /** One answer's count and share among those who answered; hidden when the group is too small to show. */
    public record Share(String value, String label, long count, @Nullable BigDecimal percent, boolean hidden) {

        /** The length of its bar in a 120-pixel chart. */
        public int bar() {
            return percent == null ? 0 : percent.multiply(BigDecimal.valueOf(1.2)).intValue();
        }
    }

    public record Numbers(long count, @Nullable BigDecimal mean, @Nullable BigDecimal minimum,
            @Nullable BigDecimal maximum, @Nullable BigDecimal sum, boolean hidden) {
    }

    /**
     * @param byWave for each wave id, the shares of each answer (when all waves are shown)
     */
    public record QuestionResult(Question question, long answered, List<Share> shares,
            Map<Long, List<Share>> byWave, @Nullable Numbers numbers, List<String> texts) {
    }
}
