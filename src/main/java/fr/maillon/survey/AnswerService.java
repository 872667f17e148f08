package fr.maillon.survey;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import fr.maillon.organisation.AccessPolicy;
import fr.maillon.survey.internal.PublicSurveyCache;
import fr.maillon.survey.internal.ResponseRepository;
import fr.maillon.survey.internal.SurveyRepository;
import fr.maillon.survey.internal.Throttle;
import fr.maillon.web.RuleViolationException;

/**
 * Answers: anonymous ones through a wave's public link, and those collected on paper, typed in by
 * the structure's editors. Each response is checked against the questionnaire and stored once,
 * whatever the number of times it is sent.
 */
@Service
public class AnswerService {

    private static final String TOKEN = "[A-Za-z0-9_-]{20,64}";
    /** The form field of a respondent's personal code. */
    public static final String RESPONDENT = "respondent";

    private final SurveyRepository surveys;
    private final ResponseRepository responses;
    private final SurveyService builder;
    private final AccessPolicy access;
    private final Throttle throttle;
    private final JsonMapper json;
    private final Clock clock;
    private final PublicSurveyCache cache;

    AnswerService(SurveyRepository surveys, ResponseRepository responses, SurveyService builder, AccessPolicy access,
            Throttle throttle, JsonMapper json, PublicSurveyCache cache, Clock clock) {
        this.cache = cache;
        this.surveys = surveys;
        this.responses = responses;
        this.builder = builder;
        this.access = access;
        this.throttle = throttle;
        this.json = json;
        this.clock = clock;
    }

    /** The survey behind a public link, for anyone; an unknown link is not found. */
    public PublicSurvey open(String token) {
        Survey survey = (token.matches(TOKEN) ? cache.survey(token, known -> surveys.surveyOfToken(known)
                .flatMap(surveys::find)) : Optional.<Survey>empty()).orElseThrow(() -> new SurveyNotFoundException(0));
        Wave wave = survey.waves().stream().filter(candidate -> candidate.token().equals(token)).findFirst()
                .orElseThrow(() -> new SurveyNotFoundException(0));
        Instant now = clock.instant();
        PublicSurvey.State state = wave.openAt(now) ? PublicSurvey.State.OPEN
                : wave.opensAt() != null && now.isBefore(wave.opensAt()) ? PublicSurvey.State.NOT_YET
                        : PublicSurvey.State.CLOSED;
        return new PublicSurvey(survey, wave, state);
    }

    /** The link of the survey's wave open now, if there is one: a closed wave's link leads there. */
    public Optional<String> openWave(PublicSurvey target) {
        Instant now = clock.instant();
        return target.survey().waves().stream().filter(wave -> wave.openAt(now)).map(Wave::token).findFirst();
    }

    /**
     * Stores an anonymous response if the wave is open, the client has not posted too many, and
     * every answer is right; otherwise gives the answers back with what is wrong, storing nothing.
     * @param submissionKey made when the form was served: the same key twice stores one response
     */
    @Transactional
    public Answers answer(String token, Map<String, List<String>> form, boolean consent, @Nullable String submissionKey,
            String client) {
        PublicSurvey target = open(token);
        if (!target.open()) {
            throw new SurveyClosedException(target);
        }
        if (!throttle.allow(client)) {
            throw new TooManyAnswersException();
        }
        Answers answers = AnswerReader.read(target.survey(), form, consent);
        if (answers.valid()) {
            store(target.survey(), target.wave(), key(submissionKey), "WEB", answers, null, null, form);
        }
        return answers;
    }

    /** Stores a response collected on paper, typed in by an editor of the structure. */
    @Transactional
    public Answers enterPaper(long surveyId, long waveId, Map<String, List<String>> form, boolean consent,
            @Nullable String submissionKey) {
        Survey survey = builder.editable(surveyId);
        Wave wave = survey.wave(waveId).orElseThrow(() -> new SurveyNotFoundException(waveId));
        Answers answers = AnswerReader.read(survey, form, consent);
        if (answers.valid()) {
            store(survey, wave, key(submissionKey), "PAPER", answers, access.currentUserId(), null, form);
        }
        return answers;
    }

    /**
     * Stores a response read from an exchange document, checked like any other: its form is keyed
     * by field ({@code q<id>}), its source WEB, PAPER or IMPORT, and {@code respondentKey} the
     * fingerprint of its respondent's code as the exporting survey kept it (null: none).
     */
    @Transactional
    public Answers importResponse(long surveyId, long waveId, Map<String, List<String>> form, boolean consent,
            String source, @Nullable Instant submittedAt, UUID key, @Nullable String respondentKey) {
        Survey survey = builder.editable(surveyId);
        Wave wave = survey.wave(waveId).orElseThrow(() -> new SurveyNotFoundException(waveId));
        if (respondentKey != null && !respondentKey.matches("[0-9a-f]{32}")) {
            throw new RuleViolationException("respondent", "survey.respondent.key");
        }
        Answers answers = AnswerReader.read(survey, form, consent);
        if (answers.valid()) {
            responses.insert(survey.structureId(), survey.id(), wave.id(), key, source, answers.consent(),
                    json.writeValueAsString(stored(answers)), access.currentUserId(),
                    submittedAt != null ? submittedAt : clock.instant(), respondentKey);
        }
        return answers;
    }

    /**
     * A stored response, its answers keyed by question id, and the texts given with an "Autre"
     * choice, keyed by question id.
     */
    public record Response(long waveId, String source, boolean consent, Instant submittedAt, Map<Long, Object> answers,
            Map<Long, String> others, @Nullable String respondentKey) {

        public Response(long waveId, String source, boolean consent, Instant submittedAt, Map<Long, Object> answers) {
            this(waveId, source, consent, submittedAt, answers, Map.of(), null);
        }
    }

    /** A response read from a file: its form keyed by field ({@code q<id>}), when it was sent, and its key. */
    public record ImportedResponse(Map<String, List<String>> form, @Nullable Instant submittedAt, UUID key) {
    }

    /** What a batch of imported responses gave: how many were stored, and each response's wrong answers (by question). */
    public record ImportedBatch(int stored, List<Map<Long, String>> errors) {
    }

    /**
     * Stores responses read from a file, checked like any other, in the caller's transaction. A
     * response whose key is already stored in the wave (the same file imported again) is not stored
     * again; when one has a wrong answer, none of the batch is stored, and each one's errors are given
     * (the caller rolls its transaction back).
     */
    @Transactional
    public ImportedBatch importResponses(long surveyId, long waveId, boolean consent, List<ImportedResponse> batch) {
        Survey survey = builder.editable(surveyId);
        Wave wave = survey.wave(waveId).orElseThrow(() -> new SurveyNotFoundException(waveId));
        List<ResponseRepository.NewResponse> rows = new ArrayList<>(batch.size());
        List<Map<Long, String>> errors = new ArrayList<>(batch.size());
        Instant now = clock.instant();
        var respondentKeys = builder.respondentKeys(survey);
        boolean valid = true;
        for (ImportedResponse response : batch) {
            Answers answers = AnswerReader.read(survey, response.form(), consent);
            errors.add(answers.errors());
            valid &= answers.valid();
            if (valid) {
                rows.add(new ResponseRepository.NewResponse(response.key(), answers.consent(),
                        json.writeValueAsString(stored(answers)), response.submittedAt() != null
                                ? response.submittedAt() : now, respondentKeys.apply(response.form())));
            }
        }
        return new ImportedBatch(valid ? responses.insertAll(survey.structureId(), survey.id(), wave.id(), "IMPORT",
                access.currentUserId(), rows) : 0, errors);
    }

    /** The key of a stored response's "Autre" texts, beside the answers keyed by question id. */
    public static final String OTHERS = "other";

    /** The survey's responses, one by one, for the structure's own members only (an export). */
    @Transactional(readOnly = true)
    public List<Response> responses(long surveyId) {
        Survey survey = builder.survey(surveyId);
        if (!access.isMember(survey.structureId())) {
            throw new SurveyNotFoundException(surveyId);
        }
        return responses.responses(survey.structureId(), surveyId).stream().map(stored -> {
            Map<Long, Object> answers = new LinkedHashMap<>();
            Map<Long, String> others = new LinkedHashMap<>();
            json.readTree(stored.answers()).properties().forEach(entry -> {
                if (OTHERS.equals(entry.getKey())) {
                    entry.getValue().properties().forEach(other -> others.put(Long.parseLong(other.getKey()),
                            other.getValue().asString()));
                }
                else {
                    answers.put(Long.parseLong(entry.getKey()), value(entry.getValue()));
                }
            });
            return new Response(stored.waveId(), stored.source(), stored.consent(), stored.submittedAt(), answers,
                    others, stored.respondentKey());
        }).toList();
    }

    private static Object value(JsonNode node) {
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(item -> values.add(item.asString()));
            return values;
        }
        return node.isNumber() ? node.decimalValue() : node.isBoolean() ? node.booleanValue() : node.asString();
    }

    /** Stores a response; its form's {@value #RESPONDENT} field, when the survey follows respondents, links it to theirs. */
    private void store(Survey survey, Wave wave, UUID key, String source, Answers answers, @Nullable Long enteredBy,
            @Nullable Instant submittedAt, Map<String, List<String>> form) {
        responses.insert(survey.structureId(), survey.id(), wave.id(), key, source, answers.consent(),
                json.writeValueAsString(stored(answers)), enteredBy, submittedAt != null ? submittedAt : clock.instant(),
                builder.respondentKeys(survey).apply(form));
    }

    /** A response as stored: its answers by question id, and its "Autre" texts under {@value #OTHERS}. */
    private static Map<String, Object> stored(Answers answers) {
        Map<String, Object> byId = new LinkedHashMap<>();
        answers.values().forEach((question, value) -> byId.put(String.valueOf(question), value));
        if (!answers.others().isEmpty()) {
            Map<String, String> others = new LinkedHashMap<>();
            answers.others().forEach((question, text) -> others.put(String.valueOf(question), text));
            byId.put(OTHERS, others);
        }
        return byId;
    }

    /** The form's submission key; a missing or malformed one gets a fresh key (the response is stored). */
    private static UUID key(@Nullable String submissionKey) {
        try {
            return submissionKey == null ? UUID.randomUUID() : UUID.fromString(submissionKey);
        }
        catch (IllegalArgumentException ex) {
            return UUID.randomUUID();
        }
    }

    public static String newSubmissionKey() {
        return UUID.randomUUID().toString();
    }
}
