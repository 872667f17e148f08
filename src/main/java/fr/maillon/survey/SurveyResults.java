package fr.maillon.survey;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A survey's results: respondents, and per question the count and share of each answer (also
 * per wave when all waves are shown), the numbers' summary, the latest texts. Shown outside the
 * structure, any group of fewer than {@link #MINIMUM_GROUP} respondents is hidden, and so is any
 * figure that, set beside another an outsider can ask for, would tell about fewer than that
 * (complementary suppression): a hidden figure's count is 0 and its flag {@code hidden} true. The
 * survey's own count of respondents (all waves, no filter) is always given.
 *
 * @param respondents 0 when {@code suppressed}, except for the whole survey
 * @param suppressed outside the structure: nothing of this group is shown
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

    /** A number question's figures; outside the structure no minimum nor maximum, and all null (count 0) when hidden. */
    public record Numbers(long count, @Nullable BigDecimal mean, @Nullable BigDecimal minimum,
            @Nullable BigDecimal maximum, @Nullable BigDecimal sum, boolean hidden) {
    }

    /**
     * @param answered how many answered it; 0 when {@code hidden}
     * @param byWave for each wave id, the shares of each answer (when all waves are shown)
     * @param hidden outside the structure: how many answered is masked (then no share has a percent)
     */
    public record QuestionResult(Question question, long answered, List<Share> shares,
            Map<Long, List<Share>> byWave, @Nullable Numbers numbers, List<String> texts, boolean hidden) {
    }
}
