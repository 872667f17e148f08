package fr.maillon.survey;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import fr.maillon.framework.ComputedValues;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.DataValue;
import fr.maillon.survey.internal.ResponseRepository;
import fr.maillon.survey.internal.ResponseRepository.GroupCount;
import fr.maillon.survey.internal.ResponseRepository.NumberSummary;
import fr.maillon.survey.internal.SurveyRepository;

/**
 * The values survey questions give the indicators they feed: for each wave's period (waves that
 * share a period are counted together), the statistic of the answers, in total and, with a
 * breakdown question, per answer to it (the category is that answer's label). A group of fewer than
 * five answers gives no value.
 */
@Component
class SurveyValues implements ComputedValues {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final SurveyRepository surveys;
    private final ResponseRepository responses;

    SurveyValues(SurveyRepository surveys, ResponseRepository responses) {
        this.surveys = surveys;
        this.responses = responses;
    }

    @Override
    public List<Long> fedIndicators(long structureId, long evaluationId) {
        return surveys.feeds(structureId, evaluationId).stream().map(Feed::indicatorId).toList();
    }

    @Override
    public List<DataValue> values(long structureId, long evaluationId) {
        List<DataValue> values = new ArrayList<>();
        for (Feed feed : surveys.feeds(structureId, evaluationId)) {
            Survey survey = surveys.find(feed.surveyId()).orElse(null);
            Question question = survey == null ? null : survey.question(feed.questionId()).orElse(null);
            if (question == null || survey.structureId() != structureId) {
                continue;
            }
            Question breakdown = feed.breakdownQuestionId() == null ? null
                    : survey.question(feed.breakdownQuestionId()).orElse(null);
            Map<String, Tally> byPeriodAndGroup = new LinkedHashMap<>();
            for (Wave wave : survey.waves()) {
                tally(survey, question, breakdown, wave, byPeriodAndGroup);
            }
            byPeriodAndGroup.forEach((key, tally) -> {
                String period = key.substring(0, key.indexOf('|'));
                String group = key.substring(key.indexOf('|') + 1);
                BigDecimal value = tally.value(feed);
                if (value != null) {
                    String category = group.isEmpty() || breakdown == null ? ""
                            : breakdown.choiceLabel(group, Locale.FRENCH);
                    values.add(new DataValue(feed.indicatorId(), period, category, value, null, DataSource.SURVEY,
                            ComputedValues.withAnswered(tally.answered)));
                }
            });
        }
        return values;
    }

    /** Counts a wave's answers into its period's tallies, in total ("" group) and per breakdown answer. */
    private void tally(Survey survey, Question question, @Nullable Question breakdown, Wave wave,
            Map<String, Tally> tallies) {
        List<String> groups = new ArrayList<>();
        groups.add("");
        if (breakdown != null) {
            groups.addAll(breakdown.values());
        }
        if (question.kind() == QuestionKind.NUMBER) {
            List<NumberSummary> summaries = new ArrayList<>(responses.numbers(survey.structureId(), survey.id(),
                    wave.id(), question.id(), null, null));
            if (breakdown != null) {
                summaries.addAll(responses.numbers(survey.structureId(), survey.id(), wave.id(), question.id(),
                        breakdown.id(), null).stream().filter(summary -> !summary.group().isEmpty()).toList());
            }
            for (NumberSummary summary : summaries) {
                Tally tally = tallies.computeIfAbsent(wave.period() + "|" + summary.group(), key -> new Tally());
                tally.answered += summary.count();
                tally.sum = tally.sum.add(summary.sum() == null ? BigDecimal.ZERO : summary.sum());
            }
            return;
        }
        boolean multiple = question.kind() == QuestionKind.MULTIPLE;
        List<GroupCount> counts = new ArrayList<>(responses.counts(survey.structureId(), survey.id(), wave.id(),
                question.id(), multiple, null, false, null));
        if (breakdown != null) {
            counts.addAll(responses.counts(survey.structureId(), survey.id(), wave.id(), question.id(), multiple,
                    breakdown.id(), false, null).stream().filter(count -> !count.group().isEmpty()).toList());
        }
        for (GroupCount count : counts) {
            Tally tally = tallies.computeIfAbsent(wave.period() + "|" + count.group(), key -> new Tally());
            if (count.value().isEmpty()) {
                tally.answered += count.count();
            }
            else {
                tally.counts.merge(count.value(), count.count(), Long::sum);
                if (question.kind() == QuestionKind.AGREEMENT) {
                    tally.sum = tally.sum.add(new BigDecimal(count.value()).multiply(BigDecimal.valueOf(count.count())));
                }
            }
        }
    }

    /** Answers counted for one period and group. */
    private static final class Tally {

        private long answered;
        private BigDecimal sum = BigDecimal.ZERO;
        private final Map<String, Long> counts = new LinkedHashMap<>();

        /** No value from fewer than five answers: a group so small could be recognised. */
        @Nullable BigDecimal value(Feed feed) {
            if (answered < SurveyResults.MINIMUM_GROUP) {
                return null;
            }
            return switch (feed.statistic()) {
                case AGREE_SHARE -> share(count("4") + count("5"));
                case CHOICE_SHARE -> share(count(feed.choiceCode()));
                case CHOICE_COUNT -> BigDecimal.valueOf(count(feed.choiceCode()));
                case YES_SHARE -> share(count("true"));
                case YES_COUNT -> BigDecimal.valueOf(count("true"));
                case MEAN -> sum.divide(BigDecimal.valueOf(answered), MathContext.DECIMAL64).setScale(4,
                        RoundingMode.HALF_UP);
                case SUM -> sum;
                case RESPONSES -> BigDecimal.valueOf(answered);
            };
        }

        private long count(@Nullable String value) {
            return value == null ? 0 : counts.getOrDefault(value, 0L);
        }

        private BigDecimal share(long count) {
            return BigDecimal.valueOf(count).multiply(HUNDRED).divide(BigDecimal.valueOf(answered), 4,
                    RoundingMode.HALF_UP);
        }
    }
}
