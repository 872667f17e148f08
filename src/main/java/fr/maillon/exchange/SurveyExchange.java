package fr.maillon.exchange;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import fr.maillon.exchange.EvaluationDocument.ConditionPart;
import fr.maillon.exchange.EvaluationDocument.FeedPart;
import fr.maillon.exchange.EvaluationDocument.ResponsePart;
import fr.maillon.exchange.EvaluationDocument.SectionPart;
import fr.maillon.exchange.EvaluationDocument.SurveyPart;
import fr.maillon.exchange.EvaluationDocument.SurveyQuestionPart;
import fr.maillon.exchange.EvaluationDocument.WavePart;
import fr.maillon.framework.FrameworkService;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.survey.AnswerReader;
import fr.maillon.survey.AnswerService;
import fr.maillon.survey.AnswerService.Response;
import fr.maillon.survey.Answers;
import fr.maillon.survey.Feed;
import fr.maillon.survey.Question;
import fr.maillon.survey.QuestionDraft;
import fr.maillon.survey.Section;
import fr.maillon.survey.SectionDraft;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.SurveyService;
import fr.maillon.survey.Wave;
import fr.maillon.survey.WaveDraft;
import fr.maillon.web.Problems.ApiError;
import fr.maillon.web.RuleViolationException;

/**
 * The surveys' part of the exchange format. Responses are exported for the structure's own
 * members only; on import every response is checked like an answer typed in.
 */
@Component
class SurveyExchange {

    private final SurveyService surveys;
    private final AnswerService answers;
    private final FrameworkService framework;
    private final AccessPolicy access;
    private final MessageSource messages;
    /** Wave dates travel as days in the configured zone. */
    private final Clock clock;

    SurveyExchange(SurveyService surveys, AnswerService answers, FrameworkService framework, AccessPolicy access,
            MessageSource messages, Clock clock) {
        this.clock = clock;
        this.surveys = surveys;
        this.answers = answers;
        this.framework = framework;
        this.access = access;
        this.messages = messages;
    }

    @Nullable
    List<SurveyPart> export(long evaluationId) {
        List<Survey> list = surveys.surveys(evaluationId);
        if (list.isEmpty()) {
            return null;
        }
        Map<Long, String> indicatorCodes = new HashMap<>();
        framework.indicators(evaluationId).forEach(indicator -> indicatorCodes.put(indicator.id(), indicator.code()));
        List<Feed> feeds = surveys.feeds(evaluationId);
        List<SurveyPart> parts = new ArrayList<>();
        for (Survey survey : list) {
            Map<Long, String> sectionRefs = new HashMap<>();
            for (Section section : survey.sections()) {
                sectionRefs.put(section.id(), "sec-" + (sectionRefs.size() + 1));
            }
            Map<Long, Integer> sectionPositions = new HashMap<>();
            Map<Long, Integer> questionPositions = new HashMap<>();
            positions(survey.items(), sectionPositions, questionPositions);
            List<SectionPart> sections = survey.sections().stream().map(section -> new SectionPart(
                    sectionRefs.get(section.id()), section.title(), section.titleEn(),
                    section.parentId() == null ? null : sectionRefs.get(section.parentId()), section.relevant(),
                    section.layout(), sectionPositions.get(section.id()))).toList();
            Map<Long, String> codes = new HashMap<>();
            survey.questions().forEach(question -> codes.put(question.id(), question.code()));
            List<SurveyQuestionPart> questions = survey.questions().stream().map(question -> new SurveyQuestionPart(
                    question.code(), question.sectionId() == null ? null : sectionRefs.get(question.sectionId()),
                    question.kind(), question.label(), question.labelEn(), question.hint(), question.hintEn(),
                    question.required() ? true : null, question.personalData() ? true : null, question.minimum(),
                    question.maximum(), question.conditionQuestionId() == null ? null
                            : new ConditionPart(codes.get(question.conditionQuestionId()), question.conditionValues()),
                    question.choices(), question.relevant(), question.constraint(), question.constraintMessage(),
                    question.constraintMessageEn(), question.orOther() ? true : null,
                    questionPositions.get(question.id()))).toList();
            Map<Long, String> waveRefs = new HashMap<>();
            List<WavePart> waves = new ArrayList<>();
            for (Wave wave : survey.waves()) {
                String ref = "w-" + (waves.size() + 1);
                waveRefs.put(wave.id(), ref);
                ZoneId zone = clock.getZone();
                waves.add(new WavePart(ref, wave.label(), wave.firstDay(zone), wave.lastDay(zone), wave.period()));
            }
            List<ResponsePart> responses = access.isMember(survey.structureId()) ? answers.responses(survey.id())
                    .stream().map(response -> response(response, waveRefs, codes)).toList() : List.of();
            List<FeedPart> feedParts = feeds.stream().filter(feed -> feed.surveyId() == survey.id())
                    .map(feed -> new FeedPart(indicatorCodes.get(feed.indicatorId()), codes.get(feed.questionId()),
                            feed.statistic(), feed.choiceCode(), feed.breakdownQuestionId() == null ? null
                                    : codes.get(feed.breakdownQuestionId()))).toList();
            String secret = responses.isEmpty() ? null : surveys.respondentSecret(survey.id())
                    .map(Base64.getEncoder()::encodeToString).orElse(null);
            parts.add(new SurveyPart(survey.title(), survey.titleEn(), survey.introduction(), survey.audience(),
                    survey.consentText(), sections, questions, waves, responses, feedParts,
                    survey.followsRespondents() ? true : null, secret));
        }
        return parts;
    }

    /** Each item's place within its section (or the survey), from 1, as the questionnaire shows them. */
    private static void positions(List<Survey.Item> items, Map<Long, Integer> sections, Map<Long, Integer> questions) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Survey.SectionItem section) {
                sections.put(section.section().id(), i + 1);
                positions(section.items(), sections, questions);
            }
            else {
                questions.put(((Survey.QuestionItem) items.get(i)).question().id(), i + 1);
            }
        }
    }

    private static ResponsePart response(Response response, Map<Long, String> waveRefs, Map<Long, String> codes) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        response.answers().forEach((question, value) -> {
            if (codes.containsKey(question)) {
                values.put(codes.get(question), node(value));
            }
        });
        Map<String, String> others = new LinkedHashMap<>();
        response.others().forEach((question, text) -> {
            if (codes.containsKey(question)) {
                others.put(codes.get(question), text);
            }
        });
        return new ResponsePart(waveRefs.get(response.waveId()), response.source(), response.consent() ? true : null,
                response.submittedAt(), values, others.isEmpty() ? null : others, response.respondentKey());
    }

    /** A survey's secret as a document gives it (base64 of 32 bytes); anything else is refused by name. */
    private static byte[] secret(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        }
        catch (IllegalArgumentException ex) {
            throw new RuleViolationException("respondentSecret", "survey.respondent.secret");
        }
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof List<?> list) {
            var array = nodes.arrayNode();
            list.forEach(item -> array.add(String.valueOf(item)));
            return array;
        }
        if (value instanceof BigDecimal number) {
            return nodes.numberNode(number);
        }
        return value instanceof Boolean bool ? nodes.booleanNode(bool) : nodes.stringNode(String.valueOf(value));
    }

    // --- import -------------------------------------------------------------------------------

    /** Writes the surveys through their services, after the framework (whose indicators they feed). */
    void write(long evaluationId, List<SurveyPart> parts, List<ApiError> errors) {
        Map<String, Long> indicatorIds = new HashMap<>();
        framework.indicators(evaluationId).forEach(indicator -> indicatorIds.put(indicator.code(), indicator.id()));
        for (int i = 0; i < parts.size(); i++) {
            write(evaluationId, parts.get(i), "$.surveys[" + i + "]", indicatorIds, errors);
        }
    }

    private void write(long evaluationId, SurveyPart part, String path, Map<String, Long> indicatorIds,
            List<ApiError> errors) {
        long[] created = { 0 };
        attempt(path, errors, () -> created[0] = surveys.create(evaluationId, new SurveyDraft(part.title(),
                part.titleEn(), part.introduction(), part.audience(), part.consentText())));
        if (created[0] == 0) {
            return;
        }
        long surveyId = created[0];
        if (Boolean.TRUE.equals(part.followsRespondents()) || part.respondentSecret() != null) {
            attempt(path + ".respondentSecret", errors, () -> {
                if (part.respondentSecret() == null) {
                    surveys.followRespondents(surveyId, Boolean.TRUE.equals(part.followsRespondents()));
                }
                else {
                    surveys.followRespondents(surveyId, Boolean.TRUE.equals(part.followsRespondents()),
                            secret(part.respondentSecret()));
                }
            });
        }
        Map<String, Long> sections = new HashMap<>();
        List<SectionPart> sectionParts = part.sections() == null ? List.of() : part.sections();
        List<SurveyQuestionPart> questionParts = part.questions() == null ? List.of() : part.questions();
        Map<String, Long> questions = new HashMap<>();
        Set<String> sectionRefs = new HashSet<>();
        sectionParts.forEach(section -> sectionRefs.add(section.ref()));
        for (int j = 0; j < sectionParts.size(); j++) {
            SectionPart section = sectionParts.get(j);
            if (section.parent() != null && (!sectionRefs.contains(section.parent())
                    || section.parent().equals(section.ref()))) {
                errors.add(new ApiError(path + ".sections[" + j + "].parent", message("exchange.ref.section",
                        section.parent())));
            }
        }
        for (int j = 0; j < questionParts.size(); j++) {
            SurveyQuestionPart question = questionParts.get(j);
            if (question.section() != null && !sectionRefs.contains(question.section())) {
                errors.add(new ApiError(path + ".questions[" + j + "].section", message("exchange.ref.section",
                        question.section())));
            }
        }
        if (!errors.isEmpty()) {
            return;
        }
        // in the questionnaire's order: each section, then what it holds (a version 1 document has no
        // positions: its questions outside any section come first, then the sections, as it showed them)
        Set<String> visited = new HashSet<>();
        createItems(surveyId, null, null, sectionParts, questionParts, path, sections, questions, errors, visited);
        for (int j = 0; j < sectionParts.size(); j++) {
            if (!visited.contains(sectionParts.get(j).ref())) {
                // inside itself, through its own sections
                errors.add(new ApiError(path + ".sections[" + j + "].parent", message("exchange.ref.section",
                        sectionParts.get(j).parent())));
            }
        }
        for (int j = 0; j < sectionParts.size(); j++) {
            SectionPart section = sectionParts.get(j);
            Long id = sections.get(section.ref());
            if (id != null && section.relevant() != null) {
                attempt(path + ".sections[" + j + "]", errors, () -> surveys.saveSection(surveyId, id,
                        new SectionDraft(section.title(), section.titleEn(), section.parent() == null ? null
                                : sections.get(section.parent()), section.relevant())));
            }
        }
        for (int j = 0; j < questionParts.size(); j++) {
            SurveyQuestionPart question = questionParts.get(j);
            Long id = questions.get(question.code());
            if (id != null && (question.relevant() != null || question.constraint() != null)) {
                attempt(path + ".questions[" + j + "]", errors, () -> surveys.saveLogic(surveyId, id,
                        question.relevant(), question.constraint(), question.constraintMessage(),
                        question.constraintMessageEn()));
            }
        }
        Map<String, Long> waves = waves(surveyId, part, path, errors);
        if (!errors.isEmpty()) {
            return;
        }
        Survey survey = surveys.survey(surveyId);
        List<ResponsePart> responses = part.responses() == null ? List.of() : part.responses();
        for (int j = 0; j < responses.size(); j++) {
            response(survey, responses.get(j), path + ".responses[" + j + "]", waves, errors);
        }
        List<FeedPart> feeds = part.feeds() == null ? List.of() : part.feeds();
        for (int j = 0; j < feeds.size(); j++) {
            FeedPart feed = feeds.get(j);
            String feedPath = path + ".feeds[" + j + "]";
            Long indicator = indicatorIds.get(feed.indicator());
            Long question = questions.get(feed.question());
            Long breakdown = feed.breakdown() == null ? null : questions.get(feed.breakdown());
            if (indicator == null || question == null || (feed.breakdown() != null && breakdown == null)) {
                errors.add(new ApiError(feedPath, message("exchange.ref.feed")));
                continue;
            }
            attempt(feedPath, errors, () -> surveys.feed(surveyId, indicator, question, feed.statistic(),
                    feed.choice(), breakdown));
        }
    }

    /** A section's (or the survey's, {@code container} null) sections and questions, in their order, created depth first. */
    private void createItems(long surveyId, @Nullable String container, @Nullable Long containerId,
            List<SectionPart> sectionParts, List<SurveyQuestionPart> questionParts, String path,
            Map<String, Long> sections, Map<String, Long> questions, List<ApiError> errors, Set<String> visited) {
        record Placed(int position, int index, @Nullable SectionPart section, @Nullable SurveyQuestionPart question) {
        }
        List<Placed> placed = new ArrayList<>();
        for (int j = 0; j < sectionParts.size(); j++) {
            SectionPart section = sectionParts.get(j);
            if (java.util.Objects.equals(section.parent(), container)) {
                // a version 1 document: sections after the questions outside any section
                placed.add(new Placed(section.position() != null ? section.position() : 1_000_000 + j, j, section,
                        null));
            }
        }
        for (int j = 0; j < questionParts.size(); j++) {
            SurveyQuestionPart question = questionParts.get(j);
            if (java.util.Objects.equals(question.section(), container)) {
                placed.add(new Placed(question.position() != null ? question.position() : j, j, null, question));
            }
        }
        placed.sort(java.util.Comparator.comparingInt(Placed::position).thenComparingInt(Placed::index));
        for (Placed item : placed) {
            if (item.section() != null) {
                SectionPart section = item.section();
                if (!visited.add(section.ref())) {
                    errors.add(new ApiError(path + ".sections[" + item.index() + "].ref",
                            message("exchange.ref.duplicate")));
                    continue;
                }
                String sectionPath = path + ".sections[" + item.index() + "]";
                attempt(sectionPath, errors, () -> sections.put(section.ref(), surveys.saveSection(surveyId, null,
                        new SectionDraft(section.title(), section.titleEn(), containerId, null, section.layout()))));
                Long created = sections.get(section.ref());
                if (created != null) {
                    createItems(surveyId, section.ref(), created, sectionParts, questionParts, path, sections,
                            questions, errors, visited);
                }
                continue;
            }
            SurveyQuestionPart question = item.question();
            String questionPath = path + ".questions[" + item.index() + "]";
            Long condition = null;
            if (question.condition() != null) {
                condition = questions.get(question.condition().question());
                if (condition == null) {
                    errors.add(new ApiError(questionPath + ".condition.question", message("exchange.ref.earlierQuestion",
                            question.condition().question())));
                    continue;
                }
            }
            QuestionDraft draft = new QuestionDraft(containerId, question.code(), question.kind(), question.label(),
                    question.labelEn(), question.hint(), question.hintEn(),
                    // a personal question is never required (a version 1 document may say so)
                    Boolean.TRUE.equals(question.personalData()) ? Boolean.FALSE : question.required(),
                    question.personalData(), question.minimum(), question.maximum(), condition,
                    question.condition() == null ? null : question.condition().values(), question.choices(), null,
                    null, null, null, question.orOther());
            attempt(questionPath, errors, () -> questions.put(question.code(),
                    surveys.saveQuestion(surveyId, null, draft)));
        }
    }

    /** The document's waves: the first takes the place of the wave every new survey gets. */
    private Map<String, Long> waves(long surveyId, SurveyPart part, String path, List<ApiError> errors) {
        Map<String, Long> waves = new HashMap<>();
        List<WavePart> waveParts = part.waves() == null ? List.of() : part.waves();
        long first = surveys.survey(surveyId).waves().get(0).id();
        Set<String> refs = new HashSet<>();
        for (int j = 0; j < waveParts.size(); j++) {
            WavePart wave = waveParts.get(j);
            String wavePath = path + ".waves[" + j + "]";
            if (!refs.add(wave.ref())) {
                errors.add(new ApiError(wavePath + ".ref", message("exchange.ref.duplicate")));
                continue;
            }
            Long existing = j == 0 ? first : null;
            attempt(wavePath, errors, () -> waves.put(wave.ref(), surveys.saveWave(surveyId, existing,
                    new WaveDraft(wave.label(), wave.opensOn(), wave.closesOn(), wave.period()))));
        }
        return waves;
    }

    private void response(Survey survey, ResponsePart response, String path, Map<String, Long> waves,
            List<ApiError> errors) {
        Long wave = waves.get(response.wave());
        if (wave == null) {
            errors.add(new ApiError(path + ".wave", message("exchange.ref.wave", response.wave())));
            return;
        }
        Map<String, Question> byCode = new HashMap<>();
        survey.questions().forEach(question -> byCode.put(question.code(), question));
        Map<String, List<String>> form = new HashMap<>();
        for (Map.Entry<String, JsonNode> answer : response.answers().entrySet()) {
            Question question = byCode.get(answer.getKey());
            if (question == null) {
                errors.add(new ApiError(path + ".answers." + answer.getKey(), message("exchange.ref.question",
                        answer.getKey())));
                return;
            }
            List<String> values = new ArrayList<>();
            JsonNode node = answer.getValue();
            if (node.isArray()) {
                node.forEach(item -> values.add(item.asString()));
            }
            else if (node.isNumber()) {
                values.add(node.decimalValue().toPlainString());
            }
            else {
                values.add(node.asString());
            }
            form.put(AnswerReader.field(question), values);
        }
        if (response.others() != null) {
            for (Map.Entry<String, String> other : response.others().entrySet()) {
                Question question = byCode.get(other.getKey());
                if (question == null) {
                    errors.add(new ApiError(path + ".others." + other.getKey(), message("exchange.ref.question",
                            other.getKey())));
                    return;
                }
                form.put(AnswerReader.otherField(question), List.of(other.getValue()));
            }
        }
        try {
            Answers read = answers.importResponse(survey.id(), wave, form, Boolean.TRUE.equals(response.consent()),
                    response.source() == null ? "IMPORT" : response.source(), response.submittedAt(), UUID.randomUUID(),
                    response.respondent());
            read.errors().forEach((question, code) -> errors.add(new ApiError(path + ".answers."
                    + survey.question(question).map(Question::code).orElse(""), message(code))));
        }
        catch (RuleViolationException ex) {
            errors.add(new ApiError(path, message(ex.violations().get(0).code())));
        }
    }

    private void attempt(String path, List<ApiError> errors, Runnable action) {
        try {
            action.run();
        }
        catch (RuleViolationException ex) {
            ex.violations().forEach(violation -> errors.add(new ApiError(
                    violation.field().isEmpty() ? path : path + "." + violation.field(),
                    message(violation.code(), violation.arguments()))));
        }
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
