package fr.maillon.survey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.organisation.AccessPolicy;
import fr.maillon.survey.SurveyResults.Numbers;
import fr.maillon.survey.SurveyResults.QuestionResult;
import fr.maillon.survey.SurveyResults.Share;
import fr.maillon.survey.internal.ResponseRepository;
import fr.maillon.survey.internal.ResponseRepository.Filter;
import fr.maillon.survey.internal.ResponseRepository.GroupCount;
import fr.maillon.survey.internal.ResponseRepository.NumberSummary;

/**
 * The results of a survey, counted in the database: for the structure's members in full; for a
 * federation or a CAF it shares with, without texts and without any group of fewer than five.
 */
@Service
public class SurveyResultsService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int TEXTS = 30;

    private final SurveyService surveys;
    private final ResponseRepository responses;
    private final AccessPolicy access;
    private final MessageSource messages;

    SurveyResultsService(SurveyService surveys, ResponseRepository responses, AccessPolicy access,
            MessageSource messages) {
        this.surveys = surveys;
        this.responses = responses;
        this.access = access;
        this.messages = messages;
    }

    /** Responses per wave id, for the builder's page. */
    public Map<Long, Long> responsesPerWave(Survey survey) {
        Map<Long, Long> counts = new HashMap<>();
        responses.responsesPerWave(survey.structureId(), survey.id())
                .forEach(count -> counts.put(count.waveId(), count.count()));
        return counts;
    }

    /**
     * @param waveId one wave, or null for all (then categorical questions are also counted per wave)
     * @param filterQuestionId with {@code filterValue}: only respondents who gave that answer to that question
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public SurveyResults results(long surveyId, @Nullable Long waveId, @Nullable Long filterQuestionId,
            @Nullable String filterValue, Locale locale) {
        Survey survey = surveys.survey(surveyId);
        return results(survey, waveId, filterQuestionId, filterValue, !access.isMember(survey.structureId()), locale);
    }

    /**
     * The results as they are shown outside the structure, whoever asks: what a report, a review
     * link or a share link carries.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public SurveyResults publicResults(long surveyId, Locale locale) {
        return results(surveys.survey(surveyId), null, null, null, true, locale);
    }

    private SurveyResults results(Survey survey, @Nullable Long waveId, @Nullable Long filterQuestionId,
            @Nullable String filterValue, boolean outsider, Locale locale) {
        long surveyId = survey.id();
        Wave wave = waveId == null ? null : survey.wave(waveId).orElseThrow(() -> new SurveyNotFoundException(waveId));
        Question filterQuestion = filterQuestionId == null ? null : survey.question(filterQuestionId)
                .filter(question -> question.kind().categorical() && !(outsider && question.personalData()))
                .orElse(null);
        Filter filter = filterQuestion != null && filterValue != null && filterQuestion.values().contains(filterValue)
                ? new Filter(filterQuestion.id(), filterValue) : null;
        long respondents = responses.respondents(survey.structureId(), surveyId, waveId, filter);
        boolean suppressed = outsider && respondents < SurveyResults.MINIMUM_GROUP;
        List<QuestionResult> questions = new ArrayList<>();
        if (!suppressed) {
            for (Question question : survey.questions()) {
                if (outsider && question.personalData()) {
                    continue;
                }
                questions.add(result(survey, question, waveId, filter, outsider, locale));
            }
        }
        return new SurveyResults(survey, wave, filter == null ? null : filterQuestion,
                filter == null ? null : filterValue, respondents, outsider, suppressed, questions);
    }

    private QuestionResult result(Survey survey, Question question, @Nullable Long waveId, @Nullable Filter filter,
            boolean outsider, Locale locale) {
        long structure = survey.structureId();
        if (question.kind().categorical()) {
            boolean multiple = question.kind() == QuestionKind.MULTIPLE;
            List<GroupCount> counts = responses.counts(structure, survey.id(), waveId, question.id(), multiple, null,
                    false, filter);
            long answered = count(counts, "", "");
            Map<Long, List<Share>> byWave = new LinkedHashMap<>();
            if (waveId == null && survey.waves().size() > 1) {
                List<GroupCount> perWave = responses.counts(structure, survey.id(), null, question.id(), multiple,
                        null, true, filter);
                for (Wave wave : survey.waves()) {
                    String group = String.valueOf(wave.id());
                    byWave.put(wave.id(), shares(question, perWave, group, count(perWave, group, ""), outsider,
                            locale));
                }
            }
            return new QuestionResult(question, answered, shares(question, counts, "", answered, outsider, locale),
                    byWave, null, List.of());
        }
        if (question.kind() == QuestionKind.NUMBER) {
            NumberSummary summary = responses.numbers(structure, survey.id(), waveId, question.id(), null, filter)
                    .stream().findFirst().orElse(new NumberSummary("", 0, null, null, null, null));
            boolean hidden = outsider && summary.count() < SurveyResults.MINIMUM_GROUP;
            // outside the structure, the smallest and largest numbers are one person's answers: not shown
            return new QuestionResult(question, summary.count(), List.of(), Map.of(), new Numbers(summary.count(),
                    hidden ? null : round(summary.mean()), hidden || outsider ? null : summary.minimum(),
                    hidden || outsider ? null : summary.maximum(), hidden ? null : summary.sum(), hidden), List.of());
        }
        List<String> texts = outsider ? List.of()
                : responses.texts(structure, survey.id(), waveId, question.id(), filter, TEXTS);
        return new QuestionResult(question, outsider ? 0 : texts.size(), List.of(), Map.of(), null, texts);
    }

    private List<Share> shares(Question question, List<GroupCount> counts, String group, long answered,
            boolean outsider, Locale locale) {
        boolean groupHidden = outsider && answered < SurveyResults.MINIMUM_GROUP;
        List<Share> shares = new ArrayList<>();
        for (String value : question.values()) {
            long count = count(counts, group, value);
            boolean hidden = groupHidden || (outsider && count > 0 && count < SurveyResults.MINIMUM_GROUP);
            BigDecimal percent = answered == 0 || hidden ? null
                    : BigDecimal.valueOf(count).multiply(HUNDRED).divide(BigDecimal.valueOf(answered), 1,
                            RoundingMode.HALF_UP);
            shares.add(new Share(value, label(question, value, locale), hidden ? 0 : count, percent, hidden));
        }
        return outsider ? secondarySuppression(shares, counts, group) : shares;
    }

    /**
     * A single hidden count could be worked out from the total: the smallest count shown is hidden
     * with it.
     */
    private static List<Share> secondarySuppression(List<Share> shares, List<GroupCount> counts, String group) {
        if (shares.stream().filter(Share::hidden).count() != 1 || shares.stream().allMatch(Share::hidden)) {
            return shares;
        }
        Share smallest = shares.stream().filter(share -> !share.hidden() && share.count() > 0)
                .min(java.util.Comparator.comparingLong(Share::count)).orElse(null);
        if (smallest == null) {
            return shares;
        }
        return shares.stream().map(share -> share == smallest ? new Share(share.value(), share.label(), 0, null, true)
                : share).toList();
    }

    /** How an answer reads: a choice's label, a level of agreement, yes or no. */
    public String label(Question question, String value, Locale locale) {
        return switch (question.kind()) {
            case AGREEMENT -> messages.getMessage("survey.agreement." + value, null, value, locale);
            case YES_NO -> messages.getMessage("true".equals(value) ? "survey.yes" : "survey.no", null, value, locale);
            default -> question.choiceLabel(value, locale);
        };
    }

    private static long count(List<GroupCount> counts, String group, String value) {
        return counts.stream().filter(count -> count.group().equals(group) && count.value().equals(value))
                .mapToLong(GroupCount::count).sum();
    }

    private static @Nullable BigDecimal round(@Nullable BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
