package fr.maillon.survey;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
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
    /** Questions a survey may hold: real forms have hundreds (a verbal autopsy form, 460). */
    public static final int MAX_QUESTIONS = 2_000;
    public static final int MAX_SECTIONS = 1_000;
    /** A matrix's rows and the choices of its scale, at most. */
    public static final int MAX_MATRIX_ROWS = 100;
    public static final int MAX_MATRIX_SCALE = 20;
    public static final int MAX_CHOICES = 500;
    /** Characters of a label, a hint, a choice or a constraint message. */
    public static final int MAX_TEXT = 10_000;
    private static final int MAX_SECTION_DEPTH = 20;

    private final EvaluationService evaluations;
    private final AccessPolicy access;
    private final FrameworkService framework;
    private final SurveyRepository surveys;
    private final Revisions revisions;
    /** Wave dates are days in its zone: a wave opens at the start of its first day and closes after its last. */
    private final Clock clock;

    private final MessageSource messages;

    SurveyService(EvaluationService evaluations, AccessPolicy access, FrameworkService framework,
            SurveyRepository surveys, Revisions revisions, Clock clock, MessageSource messages) {
        this.messages = messages;
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
     * transaction: groups become sections (nested ones inside their parent, a matrix group a
     * section marked "matrix"), fields questions with their kind, labels, choices, relevance,
     * constraint and "Autre" choice. Names become codes (kept when they are XML names, else
     * derived) and expressions are rewritten to them. What could not be kept is listed, with its
     * name and the reason; a limit reached (questions, choices) refuses the whole questionnaire.
     */
    @Transactional
    public Created createFrom(long evaluationId, FormDefinition form) {
        List<FormDefinition.Field> fields = form.fields();
        if (fields.size() > MAX_QUESTIONS) {
            throw new RuleViolationException("", "survey.limit.questions", fields.size(), MAX_QUESTIONS);
        }
        long surveyId = create(evaluationId, new SurveyDraft(cut(form.title(), 200), cut(form.titleEn(), 200), null,
                Audience.HABITANTS, null));
        Survey survey = editable(surveyId);
        List<String> notKept = new ArrayList<>();
        Map<String, String> codes = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (FormDefinition.Field field : fields) {
            String code = validName(field.name()) && taken.add(field.name()) ? field.name()
                    : uniqueCode(taken, field.name().isBlank() ? field.label() : field.name());
            taken.add(code);
            if (!code.equals(field.name())) {
                notKept.add(field.name() + " : " + message("survey.import.renamed", code));
            }
            codes.putIfAbsent(field.name(), code);
        }
        Set<String> names = new HashSet<>(codes.values());
        fields.stream().filter(field -> field.orOther() && field.kind().hasChoices())
                .forEach(field -> names.add(codes.get(field.name()) + "_" + Question.OTHER));
        Creation creation = new Creation(new Survey[] { survey }, codes, names, notKept, new int[1]);
        createItems(creation, null, form.items());
        return new Created(surveyId, notKept);
    }

    /** A questionnaire being created: the survey as known so far (its sections), names and codes, what is not kept. */
    private record Creation(Survey[] survey, Map<String, String> codes, Set<String> names, List<String> notKept,
            int[] sections) {

        void added(Section section) {
            Survey known = survey[0];
            List<Section> sections = new ArrayList<>(known.sections());
            sections.add(section);
            survey[0] = new Survey(known.id(), known.structureId(), known.evaluationId(), known.title(),
                    known.titleEn(), known.introduction(), known.audience(), known.consentText(), sections,
                    known.questions(), known.waves(), known.version(), known.followsRespondents());
        }
    }

    private void createItems(Creation creation, @Nullable Long sectionId, List<FormDefinition.Item> items) {
        for (FormDefinition.Item item : items) {
            Survey survey = creation.survey()[0];
            if (item instanceof FormDefinition.Group group) {
                if (++creation.sections()[0] > MAX_SECTIONS) {
                    throw new RuleViolationException("", "survey.limit.sections", MAX_SECTIONS);
                }
                String title = group.title() == null || group.title().isBlank() ? group.name() : group.title();
                String relevant = expression(creation, group.name(), group.relevant(), "relevant");
                Section section = new Section(0, cut(creation, group.name(), title, MAX_TEXT), cut(creation,
                        group.name(), group.titleEn(), MAX_TEXT), 0, sectionId, relevant,
                        group.matrix() ? "matrix" : null);
                long created = surveys.insertSection(survey.structureId(), survey.id(), section);
                creation.added(new Section(created, section.title(), section.titleEn(), 0, sectionId, relevant,
                        section.layout()));
                createItems(creation, created, group.items());
                continue;
            }
            FormDefinition.Field field = (FormDefinition.Field) item;
            String name = field.name();
            List<Choice> choices = new ArrayList<>(field.choices());
            boolean orOther = field.orOther() && field.kind().hasChoices();
            if (field.orOther() && !field.kind().hasChoices()) {
                creation.notKept().add(name + " : " + message("survey.import.orOther"));
            }
            String relevant = expression(creation, name, field.relevant(), "relevant");
            String constraint = expression(creation, name, field.constraint(), "constraint");
            QuestionDraft draft = new QuestionDraft(sectionId, creation.codes().get(name), field.kind(),
                    cut(creation, name, field.label(), MAX_TEXT), cut(creation, name, field.labelEn(), MAX_TEXT),
                    cut(creation, name, field.hint(), MAX_TEXT), cut(creation, name, field.hintEn(), MAX_TEXT),
                    field.required(), false, field.minimum(), field.maximum(), null, null, choices, relevant,
                    constraint, constraint == null ? null : cut(creation, name, field.constraintMessage(), MAX_TEXT),
                    constraint == null ? null : cut(creation, name, field.constraintMessageEn(), MAX_TEXT), orOther);
            QuestionDraft checked;
            try {
                checked = check(survey, null, draft, creation.names(), false);
            }
            catch (RuleViolationException ex) {
                throw new RuleViolationException(ex.violations().stream().map(violation -> new Violation(
                        name + (violation.field().isEmpty() ? "" : "." + violation.field()), violation.code(),
                        violation.arguments())).toList());
            }
            surveys.saveQuestion(survey.structureId(), survey.id(), null, checked, edit(null));
        }
    }

    /** An expression with its names rewritten to codes; null, and listed, when it cannot be kept. */
    private @Nullable String expression(Creation creation, String name, @Nullable String expression, String what) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        String rewritten = SurveyLogic.rename(expression.strip(), creation.codes());
        List<Violation> violations = SurveyLogic.check(rewritten, what, creation.names());
        if (!violations.isEmpty()) {
            creation.notKept().add(name + " : " + message("survey.import." + what) + " — "
                    + message(violations.get(0).code(), violations.get(0).arguments()));
            return null;
        }
        return rewritten;
    }

    private @Nullable String cut(Creation creation, String name, @Nullable String text, int max) {
        if (text != null && text.strip().length() > max) {
            creation.notKept().add(name + " : " + message("survey.import.cut", text.strip().length(), max));
            return text.strip().substring(0, max);
        }
        return text;
    }

    private static @Nullable String cut(@Nullable String text, int max) {
        return text != null && text.strip().length() > max ? text.strip().substring(0, max) : text;
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, Locale.FRENCH);
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
        return saveSection(surveyId, null, new SectionDraft(title, titleEn, null, null));
    }

    /**
     * Adds (sectionId null) or changes a section: its titles, the section it sits in (not itself
     * nor one of its own) and its condition, an expression checked like a question's.
     */
    @Transactional
    public long saveSection(long surveyId, @Nullable Long sectionId, SectionDraft draft) {
        Survey survey = editable(surveyId);
        Section current = sectionId == null ? null : survey.section(sectionId)
                .orElseThrow(() -> new SurveyNotFoundException(sectionId));
        List<Violation> violations = new ArrayList<>();
        String checked = text(draft.title(), MAX_TEXT, "title", violations);
        String english = text(draft.titleEn(), MAX_TEXT, "titleEn", violations);
        if (checked == null) {
            violations.add(new Violation("title", "survey.section.title.required"));
        }
        Long parent = draft.parentId();
        if (parent != null && (survey.section(parent).isEmpty() || (current != null && survey.ancestors(parent)
                .stream().anyMatch(ancestor -> ancestor.id() == current.id())))) {
            violations.add(new Violation("parentId", "survey.section.parent.invalid"));
        }
        else if (parent != null && survey.ancestors(parent).size() >= MAX_SECTION_DEPTH) {
            violations.add(new Violation("parentId", "survey.section.parent.deep", MAX_SECTION_DEPTH));
        }
        if (current == null && survey.sections().size() >= MAX_SECTIONS) {
            violations.add(new Violation("title", "survey.limit.sections", MAX_SECTIONS));
        }
        String relevant = blankToNull(draft.relevant());
        violations.addAll(SurveyLogic.check(relevant, "relevant", SurveyLogic.names(survey)));
        String layout = draft.layout() != null ? draft.layout() : current == null ? null : current.layout();
        if (layout != null && !layout.equals(Section.MATRIX)) {
            violations.add(new Violation("layout", "survey.section.layout"));
        }
        throwIfAny(violations);
        Section section = new Section(current == null ? 0 : current.id(), checked, english, 0, parent, relevant,
                layout);
        if (current == null) {
            return surveys.insertSection(survey.structureId(), surveyId, section);
        }
        surveys.updateSection(survey.structureId(), surveyId, section);
        return current.id();
    }

    /**
     * Adds a matrix: a section shown as a grid, holding one single-choice question per row, every
     * row with the same scale (its choices, in order).
     */
    @Transactional
    public long addMatrix(long surveyId, SectionDraft section, List<String> scale, List<String> rows,
            boolean required) {
        List<String> choices = scale.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> lines = rows.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<Violation> violations = new ArrayList<>();
        if (choices.size() < 2 || choices.size() > MAX_MATRIX_SCALE) {
            violations.add(new Violation("scale", "survey.matrix.scale", MAX_MATRIX_SCALE));
        }
        if (lines.isEmpty() || lines.size() > MAX_MATRIX_ROWS) {
            violations.add(new Violation("rows", "survey.matrix.rows", MAX_MATRIX_ROWS));
        }
        throwIfAny(violations);
        long sectionId = saveSection(surveyId, null, new SectionDraft(section.title(), section.titleEn(),
                section.parentId(), section.relevant(), Section.MATRIX));
        List<Choice> shared = choices.stream().map(label -> new Choice(null, label, null)).toList();
        for (String row : lines) {
            saveQuestion(surveyId, null, new QuestionDraft(sectionId, null, QuestionKind.SINGLE, row, null, null, null,
                    required, false, null, null, null, null, shared));
        }
        return sectionId;
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
        return surveys.saveQuestion(survey.structureId(), surveyId, questionId, check(survey, current, draft,
                names(survey, current, draft), true), edit(version)).orElseThrow(() -> revisions.conflict("survey_question", survey.structureId(),
                        questionId, () -> survey(surveyId).question(questionId)
                                .orElseThrow(() -> new SurveyNotFoundException(questionId))));
    }

    /**
     * Sets a question's condition and rule (with its messages), checked against every question of
     * the survey: for imports, once the questions they name exist.
     */
    @Transactional
    public void saveLogic(long surveyId, long questionId, @Nullable String relevant, @Nullable String constraint,
            @Nullable String constraintMessage, @Nullable String constraintMessageEn) {
        Survey survey = editable(surveyId);
        Question question = survey.question(questionId).orElseThrow(() -> new SurveyNotFoundException(questionId));
        List<Violation> violations = new ArrayList<>();
        String checkedRelevant = blankToNull(relevant);
        String checkedConstraint = blankToNull(constraint);
        Set<String> names = SurveyLogic.names(survey);
        violations.addAll(SurveyLogic.check(checkedRelevant, "relevant", names));
        violations.addAll(SurveyLogic.check(checkedConstraint, "constraint", names));
        String message = text(constraintMessage, MAX_TEXT, "constraintMessage", violations);
        String messageEn = text(constraintMessageEn, MAX_TEXT, "constraintMessageEn", violations);
        if (checkedConstraint == null && (message != null || messageEn != null)) {
            violations.add(new Violation("constraintMessage", "survey.question.constraintMessage.alone"));
        }
        throwIfAny(violations);
        surveys.updateLogic(survey.structureId(), surveyId, question.id(), checkedRelevant, checkedConstraint, message,
                messageEn);
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
        List<String> readers = readersOf(survey, question.code(), question.id());
        if (!readers.isEmpty()) {
            throw new RuleViolationException("", "survey.question.expressionOf", question.code(),
                    String.join(", ", readers));
        }
        if (surveys.feeds(survey.structureId(), survey.evaluationId()).stream()
                .anyMatch(feed -> feed.questionId() == questionId
                        || Long.valueOf(questionId).equals(feed.breakdownQuestionId()))) {
            throw new RuleViolationException("", "survey.question.feeds", question.code());
        }
        surveys.deleteQuestion(survey.structureId(), surveyId, questionId);
    }

    /**
     * Moves a question up or down among the questions of its section, unless it would come before
     * the question its condition reads (or after one reading it).
     */
    @Transactional
    public void moveQuestion(long surveyId, long questionId, int direction) {
        Survey survey = editable(surveyId);
        Question moved = survey.question(questionId).orElseThrow(() -> new SurveyNotFoundException(questionId));
        List<Question> siblings = survey.questions(moved.sectionId());
        int other = siblings.indexOf(moved) + (direction < 0 ? -1 : 1);
        if (other < 0 || other >= siblings.size()) {
            return;
        }
        Question neighbour = siblings.get(other);
        Question later = direction < 0 ? moved : neighbour;
        Question earlier = direction < 0 ? neighbour : moved;
        if (Long.valueOf(earlier.id()).equals(later.conditionQuestionId())) {
            throw new RuleViolationException("", "survey.question.moveCondition");
        }
        surveys.swapQuestions(survey.structureId(), surveyId, questionId, neighbour.id());
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
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        followRespondents(surveyId, follow, secret);
    }

    /**
     * Follows respondents with the secret of the survey an exchange document came from (32 bytes),
     * so that the codes its respondents keep still link their answers; a survey that has its own
     * secret keeps it.
     */
    @Transactional
    public void followRespondents(long surveyId, boolean follow, byte[] secret) {
        Survey survey = editable(surveyId);
        if (secret.length != 32) {
            throw new RuleViolationException("respondentSecret", "survey.respondent.secret");
        }
        surveys.followRespondents(survey.structureId(), surveyId, follow, secret);
    }

    /** The survey's secret for its respondents' codes, for its structure's members (an export); none if never followed. */
    public Optional<byte[]> respondentSecret(long surveyId) {
        Survey survey = survey(surveyId);
        return access.isMember(survey.structureId()) ? surveys.respondentSecret(survey.structureId(), surveyId)
                : Optional.empty();
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

    /**
     * What a response of the survey keeps of a form's typed code (its {@code respondent} field): null
     * when none, or when the survey does not follow respondents. The secret is read once, for a
     * whole batch of responses.
     */
    Function<Map<String, List<String>>, @Nullable String> respondentKeys(Survey survey) {
        byte[] secret = survey.followsRespondents() ? surveys.respondentSecret(survey.structureId(), survey.id())
                .orElse(null) : null;
        return form -> {
            List<String> typed = form.getOrDefault(AnswerService.RESPONDENT, List.of());
            String code = secret == null || typed.isEmpty() ? null : RespondentCodes.normalise(typed.get(0));
            return code == null ? null : RespondentCodes.key(secret, code);
        };
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

    /** The names the survey's expressions may use once this question is saved with its code. */
    private static Set<String> names(Survey survey, @Nullable Question current, QuestionDraft draft) {
        Set<String> names = new HashSet<>(SurveyLogic.names(survey));
        if (current != null) {
            names.remove(current.code());
            names.remove(current.code() + "_" + Question.OTHER);
        }
        String code = draft.code() == null || draft.code().isBlank() ? (current != null ? current.code() : null)
                : draft.code().strip();
        if (code != null) {
            names.add(code);
            if (Boolean.TRUE.equals(draft.orOther())) {
                names.add(code + "_" + Question.OTHER);
            }
        }
        return names;
    }

    /** Who reads a question's code in an expression: other questions' codes, and section titles. */
    private static List<String> readersOf(Survey survey, String code, long questionId) {
        List<String> readers = new ArrayList<>();
        for (Question other : survey.questions()) {
            if (other.id() != questionId && (reads(other.relevant(), code) || reads(other.constraint(), code))) {
                readers.add(other.code());
            }
        }
        survey.sections().stream().filter(section -> reads(section.relevant(), code))
                .forEach(section -> readers.add(section.title()));
        return readers;
    }

    private static boolean reads(@Nullable String expression, String code) {
        return expression != null && (SurveyLogic.references(expression).contains(code)
                || SurveyLogic.references(expression).contains(code + "_" + Question.OTHER));
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /**
     * Checks a question against every rule; {@code names}: the codes its expressions may read.
     * {@code builder}: typed in the builder, where a required question cannot ask for personal
     * data (an import makes it optional instead).
     */
    private static QuestionDraft check(Survey survey, @Nullable Question current, QuestionDraft draft,
            Set<String> names, boolean builder) {
        List<Violation> violations = new ArrayList<>();
        String label = text(draft.label(), MAX_TEXT, "label", violations);
        if (label == null) {
            violations.add(new Violation("label", "survey.question.label.required"));
        }
        if (current == null && survey.questions().size() >= MAX_QUESTIONS) {
            violations.add(new Violation("", "survey.limit.questions", survey.questions().size() + 1, MAX_QUESTIONS));
        }
        String code = draft.code() == null || draft.code().isBlank()
                ? (current != null ? current.code() : uniqueCode(survey, label == null ? "" : label))
                : draft.code().strip();
        if (!SurveyLogic.validName(code)) {
            violations.add(new Violation("code", "survey.question.code.invalid"));
        }
        else if (survey.questions().stream().anyMatch(other -> other.code().equals(code)
                && (current == null || other.id() != current.id()))) {
            violations.add(new Violation("code", "survey.question.code.taken"));
        }
        else if (current != null && !current.code().equals(code) && !readersOf(survey, current.code(), current.id())
                .isEmpty()) {
            violations.add(new Violation("code", "survey.question.code.read", current.code(),
                    String.join(", ", readersOf(survey, current.code(), current.id()))));
        }
        QuestionKind kind = draft.kind() == null ? QuestionKind.SINGLE : draft.kind();
        Long section = draft.sectionId();
        if (section != null && survey.sections().stream().noneMatch(candidate -> candidate.id() == section)) {
            violations.add(new Violation("sectionId", "survey.question.section"));
        }
        boolean orOther = Boolean.TRUE.equals(draft.orOther()) && kind.hasChoices();
        List<Choice> choices = kind.hasChoices() ? choices(draft.choices(), orOther, violations) : List.of();
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
                    || survey.questions().indexOf(on) >= survey.questions().indexOf(current)))) {
                violations.add(new Violation("conditionQuestionId", "survey.question.condition.invalid"));
            }
            else if (values.isEmpty() || !on.values().containsAll(values)) {
                violations.add(new Violation("conditionValues", "survey.question.conditionValues"));
            }
            conditionValues = on == null ? null : on.values().stream().filter(values::contains).toList();
        }
        String labelEn = text(draft.labelEn(), MAX_TEXT, "labelEn", violations);
        String hint = text(draft.hint(), MAX_TEXT, "hint", violations);
        String hintEn = text(draft.hintEn(), MAX_TEXT, "hintEn", violations);
        String relevant = blankToNull(draft.relevant());
        String constraint = blankToNull(draft.constraint());
        violations.addAll(SurveyLogic.check(relevant, "relevant", names));
        violations.addAll(SurveyLogic.check(constraint, "constraint", names));
        String constraintMessage = text(draft.constraintMessage(), MAX_TEXT, "constraintMessage", violations);
        String constraintMessageEn = text(draft.constraintMessageEn(), MAX_TEXT, "constraintMessageEn", violations);
        if (constraint == null && (constraintMessage != null || constraintMessageEn != null)) {
            violations.add(new Violation("constraintMessage", "survey.question.constraintMessage.alone"));
        }
        boolean required = Boolean.TRUE.equals(draft.required());
        boolean personal = Boolean.TRUE.equals(draft.personalData());
        if (required && personal) {
            if (builder) {
                violations.add(new Violation("required", "survey.question.requiredPersonal"));
            }
            required = false;
        }
        throwIfAny(violations);
        return new QuestionDraft(section, code, kind, label, labelEn, hint, hintEn, required, personal, minimum,
                maximum, condition, conditionValues, choices, relevant, constraint, constraintMessage,
                constraintMessageEn, orOther);
    }

    /**
     * 2 to {@value #MAX_CHOICES} choices with their labels; a missing code is made from the label;
     * with {@code orOther}, an "Autre" choice (code {@value Question#OTHER}) ends them, added if missing.
     */
    private static List<Choice> choices(@Nullable List<Choice> choices, boolean orOther, List<Violation> violations) {
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
            if (label.length() > MAX_TEXT || Texts.hasControlCharacters(label) || !code.matches("[A-Za-z0-9_.-]{1,64}")
                    || !codes.add(code) || (english != null && english.length() > MAX_TEXT)) {
                violations.add(new Violation("choices", "survey.question.choices.invalid", label.length() > 60
                        ? label.substring(0, 57) + "…" : label));
                return List.of();
            }
            checked.add(new Choice(code, label, english));
        }
        if (orOther && codes.add(Question.OTHER)) {
            checked.add(new Choice(Question.OTHER, "Autre", "Other"));
        }
        if (checked.size() < 2 || checked.size() > MAX_CHOICES) {
            violations.add(new Violation("choices", "survey.question.choices.count", checked.size(), MAX_CHOICES));
        }
        return checked;
    }

    /** A code made from a name or a label that is not an XML name, unique among {@code taken}. */
    private static String uniqueCode(Set<String> taken, String name) {
        String slug = Texts.slug(name, 50);
        String base = slug.isEmpty() || !Character.isLetter(slug.charAt(0)) ? "q_" + slug : slug;
        base = base.length() > 56 ? base.substring(0, 56) : base;
        String code = base;
        for (int suffix = 2; taken.contains(code) || !validName(code); suffix++) {
            code = base + "_" + suffix;
        }
        return code;
    }

    private static boolean validName(String name) {
        return SurveyLogic.validName(name);
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
