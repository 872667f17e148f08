package fr.maillon.survey;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.Period;
import fr.maillon.framework.PeriodType;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.survey.internal.SurveyRepository;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.Dates;
import fr.maillon.web.Edit;
import fr.maillon.web.Revisions;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;

/**
 * Building surveys: the questionnaire, its waves and the indicators its questions feed. Whoever
 * reads the evaluation reads its surveys; its editors change them.
 */
@Service
public class SurveyService {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Cards printed at once, at most. */
    public static final int MAX_CARDS = 400;
    private static final BigDecimal MAX = new BigDecimal("99999999999999");

    private final EvaluationService evaluations;
    private final AccessPolicy access;
    private final FrameworkService framework;
    private final SurveyRepository surveys;
    private final Revisions revisions;
    /** Wave dates are days in its zone: a wave opens at the start of its first day and closes after its last. */
    private final Clock clock;

    SurveyService(EvaluationService evaluations, AccessPolicy access, FrameworkService framework,
            SurveyRepository surveys, Revisions revisions, Clock clock) {
        this.revisions = revisions;
        this.clock = clock;
        this.evaluations = evaluations;
        this.access = access;
        this.framework = framework;
        this.surveys = surveys;
    }

    public List<Survey> surveys(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        return surveys.surveys(evaluation.structureId(), evaluationId);
    }

    /** A survey, for whoever reads its evaluation; others get 404. */
    public Survey survey(long surveyId) {
        Survey survey = surveys.find(surveyId).orElseThrow(() -> new SurveyNotFoundException(surveyId));
        evaluations.evaluation(survey.evaluationId());
        return survey;
    }

    public boolean canEdit(Survey survey) {
        return access.hasStructureRole(survey.structureId(), Role.STRUCTURE_EDITOR);
    }

    /**
     * Whether the caller hands out the survey's public links (links, QR codes, printed
     * questionnaires): its structure's members. Readers from outside (federation, CAF) read the
     * survey and its results, not the links to answer it: the public link is for those it asks.
     */
    public boolean canDistribute(Survey survey) {
        return access.isMember(survey.structureId());
    }

    /** The survey's public links: its structure's members only; 403 for those who read it. */
    public Survey distributable(long surveyId) {
        Survey survey = survey(surveyId);
        if (!canDistribute(survey)) {
            throw new AccessDeniedException("the survey's links are for the structure's members");
        }
        return survey;
    }

    /** Paper answers are typed in by the structure's editors: 403 for those who read the survey. */
    public Survey enterable(long surveyId) {
        return editable(surveyId);
    }

    /** The survey as the caller may see it: without its waves' public links for readers from outside. */
    public Survey asSeen(Survey survey) {
        if (canDistribute(survey)) {
            return survey;
        }
        return new Survey(survey.id(), survey.structureId(), survey.evaluationId(), survey.title(), survey.titleEn(),
                survey.introduction(), survey.audience(), survey.consentText(), survey.sections(), survey.questions(),
                survey.waves().stream().map(wave -> new Wave(wave.id(), wave.surveyId(), wave.label(), "",
                        wave.opensAt(), wave.closesAt(), wave.period(), wave.position(), wave.version())).toList(),
                survey.version(), survey.followsRespondents());
    }

    /** Creates a survey with a first wave, reporting for the current year (or the evaluation's first). */
    @Transactional
    public long create(long evaluationId, SurveyDraft draft) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        long id = surveys.insert(evaluation.structureId(), evaluationId, check(draft));
        Period year = Period.containing(PeriodType.YEAR, LocalDate.now(clock));
        if (!year.within(evaluation.periodStart(), evaluation.periodEnd())) {
            year = Period.containing(PeriodType.YEAR, evaluation.periodStart());
        }
        surveys.insertWave(evaluation.structureId(), id, "Vague 1", newToken(), null, null, year.code());
        return id;
    }

    /** What a questionnaire read from another tool became: the survey, and what it could not keep. */
    public record Created(long surveyId, List<String> notKept) {

        public Created {
            notKept = List.copyOf(notKept);
        }
    }

    /**
     * Creates a survey from a questionnaire read from another tool, in its order, in one
     * transaction. (First version: top-level groups become sections, questions keep their kind,
     * labels and choices; conditions and constraints are listed as not kept.)
     */
    @Transactional
    public Created createFrom(long evaluationId, FormDefinition form) {
        long surveyId = create(evaluationId, new SurveyDraft(form.title(), form.titleEn(), null, Audience.HABITANTS,
                null));
        List<String> notKept = new ArrayList<>();
        createItems(surveyId, null, form.items(), notKept);
        return new Created(surveyId, notKept);
    }

    private void createItems(long surveyId, @Nullable Long sectionId, List<FormDefinition.Item> items,
            List<String> notKept) {
        for (FormDefinition.Item item : items) {
            if (item instanceof FormDefinition.Group group) {
                createItems(surveyId, sectionId != null ? sectionId : addSection(surveyId, group.title(),
                        group.titleEn()), group.items(), notKept);
                continue;
            }
            FormDefinition.Field field = (FormDefinition.Field) item;
            if (field.relevant() != null || field.constraint() != null) {
                notKept.add(field.name());
            }
            saveQuestion(surveyId, null, new QuestionDraft(sectionId, field.name(), field.kind(), field.label(),
                    field.labelEn(), field.hint(), field.hintEn(), field.required(), false, field.minimum(),
                    field.maximum(), null, null, field.choices()));
        }
    }

    @Transactional
    public void update(long surveyId, SurveyDraft draft) {
        update(surveyId, draft, null);
    }

    /**
     * Saves the survey over {@code version}, the one its editor read: a {@link ConcurrentEditException}
     * when someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void update(long surveyId, SurveyDraft draft, @Nullable Integer version) {
        Survey survey = editable(surveyId);
        if (!surveys.update(survey.structureId(), surveyId, check(draft), edit(version))) {
            throw revisions.conflict("survey", survey.structureId(), surveyId, () -> survey(surveyId));
        }
    }

    /** A save by the signed-in editor, now, over the version she read. */
    private Edit edit(@Nullable Integer version) {
        return revisions.edit(version, access.currentUserId());
    }

    @Transactional
    public void delete(long surveyId) {
        Survey survey = editable(surveyId);
        surveys.delete(survey.structureId(), surveyId);
    }

    @Transactional
    public long addSection(long surveyId, @Nullable String title, @Nullable String titleEn) {
        Survey survey = editable(surveyId);
        List<Violation> violations = new ArrayList<>();
        String checked = text(title, 200, "title", violations);
        String english = text(titleEn, 200, "titleEn", violations);
        if (checked == null) {
            violations.add(new Violation("title", "survey.section.title.required"));
        }
        throwIfAny(violations);
        return surveys.insertSection(survey.structureId(), surveyId, checked, english);
    }

    @Transactional
    public void deleteSection(long surveyId, long sectionId) {
        Survey survey = editable(surveyId);
        if (survey.sections().stream().noneMatch(section -> section.id() == sectionId)) {
            throw new SurveyNotFoundException(sectionId);
        }
        surveys.deleteSection(survey.structureId(), surveyId, sectionId);
    }

    /** Adds (questionId null) or changes a question, checking every rule; its choices are replaced. */
    @Transactional
    public long saveQuestion(long surveyId, @Nullable Long questionId, QuestionDraft draft) {
        return saveQuestion(surveyId, questionId, draft, null);
    }

    /**
     * Adds a question, or saves one over {@code version}, the one its editor read: a
     * {@link ConcurrentEditException} when someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public long saveQuestion(long surveyId, @Nullable Long questionId, QuestionDraft draft, @Nullable Integer version) {
        Survey survey = editable(surveyId);
        Question current = questionId == null ? null : survey.question(questionId)
                .orElseThrow(() -> new SurveyNotFoundException(questionId));
        return surveys.saveQuestion(survey.structureId(), surveyId, questionId, check(survey, current, draft),
                edit(version)).orElseThrow(() -> revisions.conflict("survey_question", survey.structureId(),
                        questionId, () -> survey(surveyId).question(questionId)
                                .orElseThrow(() -> new SurveyNotFoundException(questionId))));
    }

    /** Deletes a question no other question's condition and no indicator depends on. */
    @Transactional
    public void deleteQuestion(long surveyId, long questionId) {
        Survey survey = editable(surveyId);
        Question question = survey.question(questionId).orElseThrow(() -> new SurveyNotFoundException(questionId));
        List<String> dependents = survey.questions().stream()
                .filter(other -> Long.valueOf(questionId).equals(other.conditionQuestionId())).map(Question::code)
                .toList();
        if (!dependents.isEmpty()) {
            throw new RuleViolationException("", "survey.question.conditionOf", String.join(", ", dependents));
        }
        if (surveys.feeds(survey.structureId(), survey.evaluationId()).stream()
                .anyMatch(feed -> feed.questionId() == questionId
                        || Long.valueOf(questionId).equals(feed.breakdownQuestionId()))) {
            throw new RuleViolationException("", "survey.question.feeds", question.code());
        }
        surveys.deleteQuestion(survey.structureId(), surveyId, questionId);
    }

    /** Moves a question up or down, unless it would come before the question its condition reads (or after one reading it). */
    @Transactional
    public void moveQuestion(long surveyId, long questionId, int direction) {
        Survey survey = editable(surveyId);
        Question moved = survey.question(questionId).orElseThrow(() -> new SurveyNotFoundException(questionId));
        int index = survey.questions().indexOf(moved);
        int other = index + (direction < 0 ? -1 : 1);
        if (other >= 0 && other < survey.questions().size()) {
            Question neighbour = survey.questions().get(other);
            Question later = direction < 0 ? moved : neighbour;
            Question earlier = direction < 0 ? neighbour : moved;
            if (Long.valueOf(earlier.id()).equals(later.conditionQuestionId())) {
                throw new RuleViolationException("", "survey.question.moveCondition");
            }
        }
        surveys.moveQuestion(survey.structureId(), surveyId, questionId, direction < 0 ? -1 : 1);
    }

    /** Adds (waveId null) or changes a wave; a new wave gets its own unguessable link. */
    @Transactional
    public long saveWave(long surveyId, @Nullable Long waveId, WaveDraft draft) {
        return saveWave(surveyId, waveId, draft, null);
    }

    /**
     * Adds a wave, or saves one over {@code version}, the one its editor read: a
     * {@link ConcurrentEditException} carrying the stored {@link Wave} when someone saved it
     * meanwhile ({@code null}: not checked).
     */
    @Transactional
    public long saveWave(long surveyId, @Nullable Long waveId, WaveDraft draft, @Nullable Integer version) {
        Survey survey = editable(surveyId);
        Evaluation evaluation = evaluations.evaluation(survey.evaluationId());
        List<Violation> violations = new ArrayList<>();
        String label = text(draft.label(), 100, "label", violations);
        if (label == null) {
            violations.add(new Violation("label", "survey.wave.label.required"));
        }
        for (LocalDate day : new LocalDate[] { draft.opensOn(), draft.closesOn() }) {
            if (day != null && !Dates.isPlausible(day)) {
                violations.add(new Violation(day == draft.opensOn() ? "opensOn" : "closesOn", "survey.wave.date"));
            }
        }
        if (draft.opensOn() != null && draft.closesOn() != null && draft.closesOn().isBefore(draft.opensOn())) {
            violations.add(new Violation("closesOn", "survey.wave.order"));
        }
        Period period = draft.period() == null ? null : Period.parse(draft.period()).orElse(null);
        if (period == null || !period.within(evaluation.periodStart(), evaluation.periodEnd())) {
            violations.add(new Violation("period", "survey.wave.period.invalid"));
        }
        throwIfAny(violations);
        Instant opens = draft.opensOn() == null ? null : draft.opensOn().atStartOfDay(clock.getZone()).toInstant();
        Instant closes = draft.closesOn() == null ? null
                : draft.closesOn().plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        if (waveId == null) {
            return surveys.insertWave(survey.structureId(), surveyId, label, newToken(), opens, closes, period.code());
        }
        survey.wave(waveId).orElseThrow(() -> new SurveyNotFoundException(waveId));
        if (!surveys.updateWave(survey.structureId(), surveyId, waveId, label, opens, closes, period.code(),
                edit(version))) {
            throw revisions.conflict("survey_wave", survey.structureId(), waveId, () -> asSeen(survey(surveyId))
                    .wave(waveId).orElseThrow(() -> new SurveyNotFoundException(waveId)));
        }
        return waveId;
    }

    /** Deletes a wave no one has answered yet; the survey keeps at least one wave. */
    @Transactional
    public void deleteWave(long surveyId, long waveId) {
        Survey survey = editable(surveyId);
        survey.wave(waveId).orElseThrow(() -> new SurveyNotFoundException(waveId));
        if (survey.waves().size() == 1) {
            throw new RuleViolationException("wave", "survey.wave.deleteLast");
        }
        if (!surveys.deleteEmptyWave(survey.structureId(), surveyId, waveId)) {
            throw new RuleViolationException("wave", "survey.wave.deleteAnswered");
        }
    }

    // --- indicators fed by questions ----------------------------------------------------------

    public List<Feed> feeds(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        return surveys.feeds(evaluation.structureId(), evaluationId);
    }

    /**
     * Feeds a numeric indicator of the survey's evaluation with a statistic of a question's answers,
     * per wave, optionally per answer to a breakdown question (a disaggregation's categories).
     */
    @Transactional
    public void feed(long surveyId, long indicatorId, long questionId, @Nullable Statistic statistic,
            @Nullable String choiceCode, @Nullable Long breakdownQuestionId) {
        Survey survey = editable(surveyId);
        Indicator indicator = framework.indicators(survey.evaluationId()).stream()
                .filter(candidate -> candidate.id() == indicatorId).findFirst()
                .orElseThrow(() -> new SurveyNotFoundException(indicatorId));
        Question question = survey.question(questionId).orElseThrow(() -> new SurveyNotFoundException(questionId));
        List<Violation> violations = new ArrayList<>();
        if (!indicator.measure().numeric() || indicator.computedByFormula()) {
            violations.add(new Violation("indicatorId", "survey.feed.indicator"));
        }
        if (statistic == null || !statistic.fits(question.kind())) {
            violations.add(new Violation("statistic", "survey.feed.statistic"));
        }
        else if (statistic.needsChoice() && (choiceCode == null || !question.values().contains(choiceCode))) {
            violations.add(new Violation("choiceCode", "survey.feed.choice"));
        }
        if (breakdownQuestionId != null && survey.question(breakdownQuestionId)
                .filter(breakdown -> breakdown.kind() == QuestionKind.SINGLE).isEmpty()) {
            violations.add(new Violation("breakdownQuestionId", "survey.feed.breakdown"));
        }
        throwIfAny(violations);
        surveys.saveFeed(survey.structureId(), survey.evaluationId(), new Feed(indicatorId, surveyId, questionId,
                statistic, statistic.needsChoice() ? choiceCode : null, breakdownQuestionId));
    }

    @Transactional
    public void unfeed(long surveyId, long indicatorId) {
        Survey survey = editable(surveyId);
        surveys.deleteFeed(survey.structureId(), surveyId, indicatorId);
    }

    // --- rules --------------------------------------------------------------------------------

    /** Follows the same respondents from one wave to the next through their personal codes, or stops. */
    @Transactional
    public void followRespondents(long surveyId, boolean follow) {
        Survey survey = editable(surveyId);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        surveys.followRespondents(survey.structureId(), surveyId, follow, secret);
    }

    /** The codes of cards {@code from} to {@code from + count - 1}, for those who hand out the survey's links. */
    public List<String> cardCodes(long surveyId, int from, int count) {
        Survey survey = distributable(surveyId);
        byte[] secret = survey.followsRespondents() ? surveys.respondentSecret(survey.structureId(), surveyId)
                .orElse(null) : null;
        if (secret == null) {
            throw new RuleViolationException("respondent", "survey.respondent.notFollowed");
        }
        if (from < 1 || from > 100_000 || count < 1 || count > MAX_CARDS) {
            throw new RuleViolationException("count", "survey.respondent.cards.range", MAX_CARDS);
        }
        return IntStream.range(from, from + count)
                .mapToObj(number -> RespondentCodes.card(secret, number)).toList();
    }

    /** What a response of the survey keeps of a typed code: null when none, or the survey does not follow. */
    @Nullable String respondentKey(Survey survey, @Nullable String typed) {
        String code = survey.followsRespondents() ? RespondentCodes.normalise(typed) : null;
        return code == null ? null : surveys.respondentSecret(survey.structureId(), survey.id())
                .map(secret -> RespondentCodes.key(secret, code)).orElse(null);
    }

    Survey editable(long surveyId) {
        Survey survey = survey(surveyId);
        access.requireStructureRole(survey.structureId(), Role.STRUCTURE_EDITOR);
        return survey;
    }

    private static SurveyDraft check(SurveyDraft draft) {
        List<Violation> violations = new ArrayList<>();
        String title = text(draft.title(), 200, "title", violations);
        if (title == null) {
            violations.add(new Violation("title", "survey.title.required"));
        }
        String titleEn = text(draft.titleEn(), 200, "titleEn", violations);
        String introduction = text(draft.introduction(), 4000, "introduction", violations);
        String consent = text(draft.consentText(), 4000, "consentText", violations);
        throwIfAny(violations);
        return new SurveyDraft(title, titleEn, introduction, draft.audience() == null ? Audience.HABITANTS
                : draft.audience(), consent);
    }

    private static QuestionDraft check(Survey survey, @Nullable Question current, QuestionDraft draft) {
        List<Violation> violations = new ArrayList<>();
        String label = text(draft.label(), 1000, "label", violations);
        if (label == null) {
            violations.add(new Violation("label", "survey.question.label.required"));
        }
        String code = draft.code() == null || draft.code().isBlank()
                ? (current != null ? current.code() : uniqueCode(survey, label == null ? "" : label))
                : draft.code().strip().toLowerCase(Locale.ROOT);
        if (!code.matches("[a-z][a-z0-9_]{0,59}")) {
            violations.add(new Violation("code", "survey.question.code.invalid"));
        }
        else if (survey.questions().stream().anyMatch(other -> other.code().equals(code)
                && (current == null || other.id() != current.id()))) {
            violations.add(new Violation("code", "survey.question.code.taken"));
        }
        QuestionKind kind = draft.kind() == null ? QuestionKind.SINGLE : draft.kind();
        Long section = draft.sectionId();
        if (section != null && survey.sections().stream().noneMatch(candidate -> candidate.id() == section)) {
            violations.add(new Violation("sectionId", "survey.question.section"));
        }
        List<Choice> choices = kind.hasChoices() ? choices(draft.choices(), violations) : List.of();
        BigDecimal minimum = kind == QuestionKind.NUMBER ? draft.minimum() : null;
        BigDecimal maximum = kind == QuestionKind.NUMBER ? draft.maximum() : null;
        for (BigDecimal bound : new BigDecimal[] { minimum, maximum }) {
            if (bound != null && (bound.abs().compareTo(MAX) > 0 || bound.stripTrailingZeros().scale() > 4)) {
                violations.add(new Violation("maximum", "survey.question.bounds"));
            }
        }
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            violations.add(new Violation("maximum", "survey.question.bounds"));
        }
        Long condition = draft.conditionQuestionId();
        List<String> conditionValues = null;
        if (condition != null) {
            Question on = survey.question(condition).orElse(null);
            List<String> values = draft.conditionValues() == null ? List.of()
                    : new ArrayList<>(new HashSet<>(draft.conditionValues()));
            if (on == null || !on.kind().categorical() || (current != null && (on.id() == current.id()
                    || on.position() >= current.position()))) {
                violations.add(new Violation("conditionQuestionId", "survey.question.condition.invalid"));
            }
            else if (values.isEmpty() || !on.values().containsAll(values)) {
                violations.add(new Violation("conditionValues", "survey.question.conditionValues"));
            }
            conditionValues = on == null ? null : on.values().stream().filter(values::contains).toList();
        }
        String labelEn = text(draft.labelEn(), 1000, "labelEn", violations);
        String hint = text(draft.hint(), 1000, "hint", violations);
        String hintEn = text(draft.hintEn(), 1000, "hintEn", violations);
        throwIfAny(violations);
        return new QuestionDraft(section, code, kind, label, labelEn, hint, hintEn,
                Boolean.TRUE.equals(draft.required()), Boolean.TRUE.equals(draft.personalData()), minimum, maximum,
                condition, conditionValues, choices);
    }

    /** 2 to 50 choices with their labels; a missing code is made from the label. */
    private static List<Choice> choices(@Nullable List<Choice> choices, List<Violation> violations) {
        List<Choice> checked = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (Choice choice : choices == null ? List.<Choice>of() : choices) {
            String label = choice.label() == null ? "" : choice.label().strip();
            if (label.isEmpty()) {
                continue;
            }
            String code = choice.code() == null || choice.code().isBlank() ? Texts.slug(label, 40)
                    : choice.code().strip();
            if (code.isEmpty()) {
                code = "choix_" + (checked.size() + 1);
            }
            String english = choice.labelEn() == null || choice.labelEn().isBlank() ? null : choice.labelEn().strip();
            if (label.length() > 500 || Texts.hasControlCharacters(label) || !code.matches("[A-Za-z0-9_.-]{1,60}")
                    || !codes.add(code) || (english != null && english.length() > 500)) {
                violations.add(new Violation("choices", "survey.question.choices.invalid"));
                return List.of();
            }
            checked.add(new Choice(code, label, english));
        }
        if (checked.size() < 2 || checked.size() > 50) {
            violations.add(new Violation("choices", "survey.question.choices.count"));
        }
        return checked;
    }

    private static String uniqueCode(Survey survey, String label) {
        String slug = Texts.slug(label, 50);
        String base = slug.isEmpty() || !Character.isLetter(slug.charAt(0)) ? "q_" + slug : slug;
        String code = base;
        for (int suffix = 2; taken(survey, code); suffix++) {
            code = base + "_" + suffix;
        }
        return code;
    }

    private static boolean taken(Survey survey, String code) {
        return survey.questions().stream().anyMatch(question -> question.code().equals(code));
    }

    private static @Nullable String text(@Nullable String text, int max, String field, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > max || Texts.hasControlCharacters(stripped)) {
            violations.add(new Violation(field, "survey.text.invalid", max));
        }
        return stripped;
    }

    private static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
    }

    static String newToken() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
