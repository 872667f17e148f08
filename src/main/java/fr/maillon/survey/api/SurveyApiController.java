package fr.maillon.survey.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.survey.AnswerService;
import fr.maillon.survey.QuestionDraft;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.SurveyResults;
import fr.maillon.survey.SurveyResultsService;
import fr.maillon.survey.SurveyService;
import fr.maillon.survey.WaveDraft;
import fr.maillon.web.Versions;

@RestController
@Tag(name = "Enquêtes", description = "Surveys, their questionnaire, waves, responses and results")
class SurveyApiController {

    private final SurveyService surveys;
    private final AnswerService answers;
    private final SurveyResultsService results;

    SurveyApiController(SurveyService surveys, AnswerService answers, SurveyResultsService results) {
        this.surveys = surveys;
        this.answers = answers;
        this.results = results;
    }

    @GetMapping("/api/v1/evaluations/{evaluationId}/surveys")
    @Operation(summary = "The evaluation's surveys, with questions and waves (public links for the structure's members; empty for readers from outside)")
    List<Survey> list(@PathVariable long evaluationId) {
        return surveys.surveys(evaluationId).stream().map(surveys::asSeen).toList();
    }

    @PostMapping("/api/v1/evaluations/{evaluationId}/surveys")
    @Operation(summary = "Create a survey (it gets a first wave with its public link)")
    ResponseEntity<Map<String, Long>> create(@PathVariable long evaluationId, @RequestBody SurveyDraft draft) {
        long id = surveys.create(evaluationId, draft);
        return ResponseEntity.created(URI.create("/api/v1/surveys/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/api/v1/surveys/{surveyId}")
    Survey survey(@PathVariable long surveyId) {
        return surveys.asSeen(surveys.survey(surveyId));
    }

    @PostMapping("/api/v1/surveys/{surveyId}/questions")
    @Operation(summary = "Add a question (choices for single and multiple choice)")
    ResponseEntity<Map<String, Long>> addQuestion(@PathVariable long surveyId, @RequestBody QuestionDraft draft) {
        long id = surveys.saveQuestion(surveyId, null, draft);
        return ResponseEntity.created(URI.create("/api/v1/surveys/" + surveyId)).body(Map.of("id", id));
    }

    @PutMapping("/api/v1/surveys/{surveyId}/questions/{questionId}")
    @Operation(summary = "Change a question", description = Versions.PUT_DESCRIPTION)
    @ApiResponse(responseCode = "409", description = Versions.CONFLICT_DESCRIPTION)
    Map<String, Long> updateQuestion(@PathVariable long surveyId, @PathVariable long questionId,
            @Parameter(description = Versions.IF_MATCH_DESCRIPTION)
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody QuestionDraft draft) {
        return Map.of("id", surveys.saveQuestion(surveyId, questionId, draft, Versions.fromIfMatch(ifMatch)));
    }

    @PostMapping("/api/v1/surveys/{surveyId}/waves")
    @Operation(summary = "Add a wave, with its own public link")
    ResponseEntity<Map<String, Long>> addWave(@PathVariable long surveyId, @RequestBody WaveDraft draft) {
        long id = surveys.saveWave(surveyId, null, draft);
        return ResponseEntity.created(URI.create("/api/v1/surveys/" + surveyId)).body(Map.of("id", id));
    }

    @GetMapping("/api/v1/surveys/{surveyId}/responses")
    @Operation(summary = "Every response, answers by question id (the structure's members only)")
    List<AnswerService.Response> responses(@PathVariable long surveyId) {
        return answers.responses(surveyId);
    }

    @GetMapping("/api/v1/surveys/{surveyId}/results")
    @Operation(summary = "Counts and shares per question; groups under five hidden outside the structure")
    SurveyResults results(@PathVariable long surveyId, @RequestParam(required = false) @Nullable Long wave,
            Locale locale) {
        return results.results(surveyId, wave, null, null, locale);
    }
}
