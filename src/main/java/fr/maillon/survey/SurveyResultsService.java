package fr.maillon.survey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import fr.maillon.organisation.AccessPolicy;
import fr.maillon.survey.SurveyResults.Numbers;
import fr.maillon.survey.SurveyResults.QuestionResult;
import fr.maillon.survey.SurveyResults.Share;
import fr.maillon.survey.internal.Disclosure;
import fr.maillon.survey.internal.Disclosure.Group;
import fr.maillon.survey.internal.ResponseRepository;
import fr.maillon.survey.internal.ResponseRepository.Filter;
import fr.maillon.survey.internal.ResponseRepository.GroupCount;
import fr.maillon.survey.internal.ResponseRepository.NumberSummary;
import fr.maillon.survey.internal.ResponseRepository.PairedCount;
import fr.maillon.survey.internal.ResponseRepository.StoredResponse;
import fr.maillon.survey.internal.ResponseRepository.WaveMean;
import fr.maillon.web.RuleViolationException;

/**
 * The results of a survey, counted in the database: for the structure's members in full; for a
 * federation or a CAF it shares with, without texts, without any group of fewer than five, and
 * without any figure that another they can ask for would turn, by difference, into fewer than five
 * people's answers ({@link Disclosure} decides, from every response).
 */
@Service
public class SurveyResultsService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int TEXTS = 30;

    private final SurveyService surveys;
    private final ResponseRepository responses;
    private final AccessPolicy access;
    private final MessageSource messages;
    private final JsonMapper json;

    SurveyResultsService(SurveyService surveys, ResponseRepository responses, AccessPolicy access,
            MessageSource messages, JsonMapper json) {
        this.surveys = surveys;
        this.json = json;
        this.responses = responses;
        this.access = access;
        this.messages = messages;
    }

    /**
     * Responses per wave id, for the survey's page; outside the structure, a wave whose count may not
     * be shown (see {@link SurveyResults}) is there with null.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Map<Long, @Nullable Long> responsesPerWave(Survey survey) {
        Map<Long, @Nullable Long> counts = new HashMap<>();
        responses.responsesPerWave(survey.structureId(), survey.id())
                .forEach(count -> counts.put(count.waveId(), count.count()));
        if (!access.isMember(survey.structureId())) {
            Disclosure disclosure = disclosure(survey);
            for (Wave wave : survey.waves()) {
                if (!disclosure.showsRespondents(new Group(wave.id(), null, null))) {
                    counts.put(wave.id(), null);
                }
            }
        }
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
        Group group = new Group(waveId, filter == null ? null : filter.questionId(),
                filter == null ? null : filter.value());
        Disclosure disclosure = outsider ? disclosure(survey) : null;
        boolean suppressed = disclosure != null && (respondents < SurveyResults.MINIMUM_GROUP
                || !disclosure.showsRespondents(group));
        List<QuestionResult> questions = new ArrayList<>();
        if (!suppressed) {
            for (Question question : survey.questions()) {
                if (outsider && question.personalData()) {
                    continue;
                }
                questions.add(result(survey, question, group, filter, disclosure, locale));
            }
        }
        // the survey's own count is given (a report says it); a group's is not when it is suppressed
        return new SurveyResults(survey, wave, filter == null ? null : filterQuestion,
                filter == null ? null : filterValue, suppressed && !group.equals(Group.ALL) ? 0 : respondents,
                outsider, suppressed, questions);
    }

    /**
     * How the same people's answers changed between two waves (by default the first and the last),
     * for a survey that follows its respondents; empty when it does not, or has a single wave.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<PairedChanges> pairedChanges(long surveyId, @Nullable Long fromWaveId, @Nullable Long toWaveId) {
        Survey survey = surveys.survey(surveyId);
        if (!survey.followsRespondents() || survey.waves().size() < 2) {
            return Optional.empty();
        }
        Wave from = fromWaveId == null ? survey.waves().get(0) : survey.wave(fromWaveId)
                .orElseThrow(() -> new SurveyNotFoundException(fromWaveId));
        Wave to = toWaveId == null ? survey.waves().get(survey.waves().size() - 1) : survey.wave(toWaveId)
                .orElseThrow(() -> new SurveyNotFoundException(toWaveId));
        if (from.id() == to.id()) {
            throw new RuleViolationException("to", "survey.paired.sameWave");
        }
        boolean outsider = !access.isMember(survey.structureId());
        Map<String, PairedCount> pairs = new HashMap<>();
        responses.pairedCounts(survey.structureId(), surveyId, from.id(), to.id())
                .forEach(count -> pairs.put(count.question(), count));
        Map<String, WaveMean> before = new HashMap<>();
        responses.waveMeans(survey.structureId(), surveyId, from.id()).forEach(mean -> before.put(mean.question(), mean));
        Map<String, WaveMean> after = new HashMap<>();
        responses.waveMeans(survey.structureId(), surveyId, to.id()).forEach(mean -> after.put(mean.question(), mean));
        List<PairedChanges.Change> changes = new ArrayList<>();
        for (Question question : survey.questions()) {
            String key = String.valueOf(question.id());
            boolean measured = question.kind() == QuestionKind.NUMBER || question.kind() == QuestionKind.AGREEMENT
                    || question.kind() == QuestionKind.YES_NO;
            if (!measured || outsider && question.personalData()) {
                continue;
            }
            PairedCount paired = pairs.get(key);
            long count = paired == null ? 0 : paired.pairs();
            long unpairedBefore = before.containsKey(key) ? before.get(key).count() : 0;
            long unpairedAfter = after.containsKey(key) ? after.get(key).count() : 0;
            boolean hidden = outsider && (count < SurveyResults.MINIMUM_GROUP
                    || tooFew(unpairedBefore - count) || tooFew(unpairedAfter - count)
                    || unpairedBefore < SurveyResults.MINIMUM_GROUP || unpairedAfter < SurveyResults.MINIMUM_GROUP);
            if (hidden) {
                changes.add(new PairedChanges.Change(question, 0, null, null, null, null, null, null, null, null, true));
                continue;
            }
            BigDecimal scale = question.kind() == QuestionKind.YES_NO ? HUNDRED : BigDecimal.ONE;
            BigDecimal meanBefore = paired == null ? null : paired.meanBefore().multiply(scale);
            BigDecimal meanAfter = paired == null ? null : paired.meanAfter().multiply(scale);
            Long[] distribution = paired == null ? new Long[3] : distribution(outsider, paired.decreased(),
                    paired.unchanged(), paired.increased());
            changes.add(new PairedChanges.Change(question, count, round(meanBefore), round(meanAfter),
                    meanBefore == null ? null : round(meanAfter.subtract(meanBefore)), distribution[0],
                    distribution[1], distribution[2], unpaired(before.get(key), scale),
                    unpaired(after.get(key), scale), false));
        }
        return Optional.of(new PairedChanges(from, to, changes));
    }

    /** A difference of groups that could tell about fewer than five people (none is fine). */
    private static boolean tooFew(long people) {
        return people > 0 && people < SurveyResults.MINIMUM_GROUP;
    }

    /** Down, same, up; outside the structure a count under five is hidden, and the next smallest with it. */
    private static Long[] distribution(boolean outsider, long decreased, long unchanged, long increased) {
        Long[] counts = { decreased, unchanged, increased };
        if (!outsider) {
            return counts;
        }
        List<Integer> small = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (counts[i] < SurveyResults.MINIMUM_GROUP) {
                small.add(i);
            }
        }
        if (small.size() == 1) {
            int other = -1;
            for (int i = 0; i < 3; i++) {
                if (i != small.get(0) && (other < 0 || counts[i] < counts[other])) {
                    other = i;
                }
            }
            small.add(other);
        }
        small.forEach(i -> counts[i] = null);
        return counts;
    }

    private static PairedChanges.@Nullable Unpaired unpaired(@Nullable WaveMean mean, BigDecimal scale) {
        return mean == null ? null : new PairedChanges.Unpaired(mean.count(), Objects.requireNonNull(round(mean.mean().multiply(scale))));
    }

    /** What outsiders may be shown of the survey's answers, from every response (read once per request). */
    private Disclosure disclosure(Survey survey) {
        List<Disclosure.Respondent> respondents = responses.responses(survey.structureId(), survey.id()).stream()
                .map(this::respondent).toList();
        List<Disclosure.Asked> asked = new ArrayList<>();
        for (Question question : survey.questions()) {
            if (question.personalData()) {
                continue;
            }
            if (question.kind().categorical()) {
                asked.add(Disclosure.Asked.categorical(question.id(), question.values(),
                        question.kind() != QuestionKind.MULTIPLE));
            }
            else if (question.kind() == QuestionKind.NUMBER) {
                asked.add(Disclosure.Asked.number(question.id()));
            }
        }
        return new Disclosure(respondents, survey.waves().stream().map(Wave::id).toList(), asked,
                SurveyResults.MINIMUM_GROUP);
    }

    /** A stored response's answers as the database counts them: the text of each value, arrays element by element. */
    private Disclosure.Respondent respondent(StoredResponse response) {
        Map<Long, List<String>> values = new HashMap<>();
        Set<Long> numbers = new HashSet<>();
        json.readTree(response.answers()).properties().forEach(entry -> {
            long questionId;
            try {
                questionId = Long.parseLong(entry.getKey());
            }
            catch (NumberFormatException notAQuestion) {
                return;
            }
            JsonNode node = entry.getValue();
            List<String> given = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(item -> {
                    if (item.isString()) {
                        given.add(item.asString());
                    }
                });
            }
            else if (!node.isNull()) {
                given.add(node.asString());
            }
            if (node.isNumber()) {
                numbers.add(questionId);
            }
            values.put(questionId, given);
        });
        return new Disclosure.Respondent(response.waveId(), values, numbers);
    }

    private QuestionResult result(Survey survey, Question question, Group group, @Nullable Filter filter,
            @Nullable Disclosure disclosure, Locale locale) {
        long structure = survey.structureId();
        Long waveId = group.waveId();
        boolean outsider = disclosure != null;
        if (question.kind().categorical()) {
            boolean multiple = question.kind() == QuestionKind.MULTIPLE;
            List<GroupCount> counts = responses.counts(structure, survey.id(), waveId, question.id(), multiple, null,
                    false, filter);
            boolean answeredHidden = outsider && !disclosure.showsCount(group, question.id(), null);
            long answered = count(counts, "", "");
            Map<Long, List<Share>> byWave = new LinkedHashMap<>();
            if (waveId == null && survey.waves().size() > 1) {
                List<GroupCount> perWave = responses.counts(structure, survey.id(), null, question.id(), multiple,
                        null, true, filter);
                for (Wave wave : survey.waves()) {
                    String key = String.valueOf(wave.id());
                    byWave.put(wave.id(), shares(question, perWave, key, count(perWave, key, ""),
                            new Group(wave.id(), group.questionId(), group.value()), disclosure, locale));
                }
            }
            // the texts given with "Autre", like free answers: for the structure's own eyes
            List<String> others = outsider || !question.takesOther() ? List.of()
                    : responses.otherTexts(structure, survey.id(), waveId, question.id(), filter, TEXTS);
            return new QuestionResult(question, answeredHidden ? 0 : answered,
                    shares(question, counts, "", answered, group, disclosure, locale), byWave, null, others,
                    answeredHidden);
        }
        if (question.kind() == QuestionKind.NUMBER) {
            NumberSummary summary = responses.numbers(structure, survey.id(), waveId, question.id(), null, filter)
                    .stream().findFirst().orElse(new NumberSummary("", 0, null, null, null, null));
            boolean hidden = outsider && !disclosure.showsNumbers(group, question.id());
            if (hidden) {
                return new QuestionResult(question, 0, List.of(), Map.of(),
                        new Numbers(0, null, null, null, null, true), List.of(), true);
            }
            // outside the structure, the smallest and largest numbers are one person's answers: not shown
            return new QuestionResult(question, summary.count(), List.of(), Map.of(), new Numbers(summary.count(),
                    round(summary.mean()), outsider ? null : summary.minimum(), outsider ? null : summary.maximum(),
                    summary.sum(), false), List.of(), false);
        }
        List<String> texts = outsider ? List.of()
                : responses.texts(structure, survey.id(), waveId, question.id(), filter, TEXTS);
        return new QuestionResult(question, outsider ? 0 : texts.size(), List.of(), Map.of(), null, texts, false);
    }

    /** Each answer's count and share among the group's answers; outside, those the disclosure masks are hidden. */
    private List<Share> shares(Question question, List<GroupCount> counts, String key, long answered, Group group,
            @Nullable Disclosure disclosure, Locale locale) {
        boolean answeredShown = disclosure == null || disclosure.showsCount(group, question.id(), null);
        List<Share> shares = new ArrayList<>();
        for (String value : question.values()) {
            long count = count(counts, key, value);
            boolean hidden = disclosure != null && !disclosure.showsCount(group, question.id(), value);
            BigDecimal percent = answered == 0 || hidden || !answeredShown ? null
                    : BigDecimal.valueOf(count).multiply(HUNDRED).divide(BigDecimal.valueOf(answered), 1,
                            RoundingMode.HALF_UP);
            shares.add(new Share(value, label(question, value, locale), hidden ? 0 : count, percent, hidden));
        }
        return shares;
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
