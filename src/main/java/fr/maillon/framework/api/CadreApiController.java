package fr.maillon.framework.api;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.framework.CustomPeriod;
import fr.maillon.framework.DataValue;
import fr.maillon.framework.Disaggregation;
import fr.maillon.framework.DisaggregationService;
import fr.maillon.framework.FrameworkOverview;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorLibrary;
import fr.maillon.framework.IndicatorLinks;
import fr.maillon.framework.LibraryCopy;
import fr.maillon.framework.LibraryService;
import fr.maillon.framework.ObjectiveDraft;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.framework.PeriodType;
import fr.maillon.framework.QuestionDraft;
import fr.maillon.framework.Renewal;
import fr.maillon.framework.RenewalService;
import fr.maillon.framework.ValuesWorkbook;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Versions;

@RestController
@RequestMapping("/api/v1/evaluations/{evaluationId}")
@Tag(name = "Cadre d'évaluation", description = "Objectives, evaluative questions, disaggregations, periods, libraries")
class CadreApiController {

    private final ObjectiveService objectives;
    private final DisaggregationService disaggregations;
    private final LibraryService libraries;
    private final FrameworkService framework;
    private final RenewalService renewals;
    private final ValuesWorkbook workbooks;

    CadreApiController(ObjectiveService objectives, DisaggregationService disaggregations, LibraryService libraries,
            FrameworkService framework, RenewalService renewals, ValuesWorkbook workbooks) {
        this.workbooks = workbooks;
        this.objectives = objectives;
        this.disaggregations = disaggregations;
        this.libraries = libraries;
        this.framework = framework;
        this.renewals = renewals;
    }

    @GetMapping("/framework")
    @Operation(summary = "Criteria, objectives, questions, and each indicator's questions and chain elements")
    FrameworkOverview overview(@PathVariable long evaluationId) {
        return objectives.overview(evaluationId);
    }

    @PostMapping("/objectives")
    @Operation(summary = "Add a transformation objective for a target, aimed at effects of the chain")
    ResponseEntity<Map<String, Long>> addObjective(@PathVariable long evaluationId, @RequestBody ObjectiveDraft draft) {
        return created(evaluationId, "objectives", objectives.addObjective(evaluationId, draft));
    }

    @PutMapping("/objectives/{objectiveId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change an objective", description = Versions.PUT_DESCRIPTION)
    @ApiResponse(responseCode = "409", description = Versions.CONFLICT_DESCRIPTION)
    void updateObjective(@PathVariable long evaluationId, @PathVariable long objectiveId,
            @Parameter(description = Versions.IF_MATCH_DESCRIPTION)
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody ObjectiveDraft draft) {
        objectives.updateObjective(evaluationId, objectiveId, draft, Versions.fromIfMatch(ifMatch));
    }

    @DeleteMapping("/objectives/{objectiveId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteObjective(@PathVariable long evaluationId, @PathVariable long objectiveId) {
        objectives.deleteObjective(evaluationId, objectiveId);
    }

    @PostMapping("/questions")
    @Operation(summary = "Add an evaluative question under a criterion, questioning objectives")
    ResponseEntity<Map<String, Long>> addQuestion(@PathVariable long evaluationId, @RequestBody QuestionDraft draft) {
        return created(evaluationId, "questions", objectives.addQuestion(evaluationId, draft));
    }

    @PutMapping("/questions/{questionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change an evaluative question", description = Versions.PUT_DESCRIPTION)
    @ApiResponse(responseCode = "409", description = Versions.CONFLICT_DESCRIPTION)
    void updateQuestion(@PathVariable long evaluationId, @PathVariable long questionId,
            @Parameter(description = Versions.IF_MATCH_DESCRIPTION)
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody QuestionDraft draft) {
        objectives.updateQuestion(evaluationId, questionId, draft, Versions.fromIfMatch(ifMatch));
    }

    @DeleteMapping("/questions/{questionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteQuestion(@PathVariable long evaluationId, @PathVariable long questionId) {
        objectives.deleteQuestion(evaluationId, questionId);
    }

    /** The questions an indicator answers and the chain elements it is attached to. */
    record Links(@Nullable List<Long> questionIds, @Nullable List<Long> elementIds) {
    }

    @PutMapping("/indicators/{indicatorId}/links")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set the questions an indicator answers and the chain elements it is attached to",
            description = "The links are part of the indicator: `If-Match` carries the indicator's `version`, and "
                    + "setting them raises it. " + Versions.PUT_DESCRIPTION)
    @ApiResponse(responseCode = "409", description = Versions.CONFLICT_DESCRIPTION)
    void link(@PathVariable long evaluationId, @PathVariable long indicatorId,
            @Parameter(description = Versions.IF_MATCH_DESCRIPTION)
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody Links links) {
        if ((links.questionIds() != null && links.questionIds().contains(null))
                || (links.elementIds() != null && links.elementIds().contains(null))) {
            throw new RuleViolationException("$", "web.json.nullItem");
        }
        objectives.linkIndicator(evaluationId, new IndicatorLinks(indicatorId, links.questionIds(), links.elementIds()),
                Versions.fromIfMatch(ifMatch));
    }

    @GetMapping("/values")
    @Operation(summary = "Every value recorded: indicator, period, category, value or text, source, comment")
    List<DataValue> values(@PathVariable long evaluationId) {
        return framework.values(evaluationId);
    }

    @GetMapping("/values.xlsx")
    @Operation(summary = "Every value recorded, as an XLSX workbook in the columns the value import reads back")
    ResponseEntity<byte[]> valuesWorkbook(@PathVariable long evaluationId) {
        return workbooks.download(evaluationId);
    }

    @GetMapping("/results/renewal")
    @Operation(summary = "Renewal of resources and share of support activities, per period")
    Renewal renewal(@PathVariable long evaluationId, @RequestParam(defaultValue = "YEAR") PeriodType frequency) {
        return renewals.renewal(evaluationId, frequency);
    }

    @GetMapping("/disaggregations")
    @Operation(summary = "Disaggregations offered to the structure: Maillon's and its own")
    List<Disaggregation> disaggregations(@PathVariable long evaluationId) {
        return disaggregations.disaggregations(evaluationId);
    }

    record DisaggregationBody(@Nullable String name, @Nullable List<String> categories) {
    }

    @PostMapping("/disaggregations")
    @Operation(summary = "Add a disaggregation of the structure's own (its quartiers, its publics...)")
    ResponseEntity<Map<String, Long>> addDisaggregation(@PathVariable long evaluationId,
            @RequestBody DisaggregationBody body) {
        return created(evaluationId, "disaggregations",
                disaggregations.addDisaggregation(evaluationId, body.name(), body.categories()));
    }

    @GetMapping("/periods")
    @Operation(summary = "The evaluation's custom periods")
    List<CustomPeriod> periods(@PathVariable long evaluationId) {
        return disaggregations.customPeriods(evaluationId);
    }

    record PeriodBody(@Nullable String label, @Nullable LocalDate start, @Nullable LocalDate end) {
    }

    @PostMapping("/periods")
    @Operation(summary = "Add a custom period inside the evaluation's dates")
    ResponseEntity<Map<String, Long>> addPeriod(@PathVariable long evaluationId, @RequestBody PeriodBody body) {
        return created(evaluationId, "periods",
                disaggregations.addCustomPeriod(evaluationId, body.label(), body.start(), body.end()));
    }

    @DeleteMapping("/periods/{periodId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deletePeriod(@PathVariable long evaluationId, @PathVariable long periodId) {
        disaggregations.deleteCustomPeriod(evaluationId, periodId);
    }

    @GetMapping("/libraries")
    @Operation(summary = "The indicator libraries the structure may copy from")
    List<IndicatorLibrary> libraries(@PathVariable long evaluationId) {
        return libraries.libraries(evaluationId);
    }

    record CopyBody(@Nullable List<Long> entryIds) {
    }

    @PostMapping("/libraries/copy")
    @Operation(summary = "Copy library entries into the framework, with the inputs their formulas need")
    LibraryCopy copy(@PathVariable long evaluationId, @RequestBody CopyBody body) {
        return libraries.copy(evaluationId, body.entryIds() == null ? List.of() : body.entryIds());
    }

    private static ResponseEntity<Map<String, Long>> created(long evaluationId, String collection, long id) {
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + evaluationId + "/" + collection))
                .body(Map.of("id", id));
    }
}
