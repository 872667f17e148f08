package fr.maillon.framework.api;

import java.net.URI;
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

import fr.maillon.framework.CellInput;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.IndicatorResults;
import fr.maillon.framework.PeriodType;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Versions;

@RestController
@RequestMapping("/api/v1/evaluations/{evaluationId}")
@Tag(name = "Cadre d'évaluation", description = "Indicators, their values and targets, and their results")
class FrameworkApiController {

    private final FrameworkService framework;

    FrameworkApiController(FrameworkService framework) {
        this.framework = framework;
    }

    @GetMapping("/indicators")
    @Operation(summary = "The evaluation's indicators")
    List<Indicator> indicators(@PathVariable long evaluationId) {
        return framework.indicators(evaluationId);
    }

    @PostMapping("/indicators")
    @Operation(summary = "Add an indicator (a formula is checked: known codes, no cycle)")
    ResponseEntity<Map<String, Long>> add(@PathVariable long evaluationId, @RequestBody IndicatorDraft draft) {
        long id = framework.addIndicator(evaluationId, draft);
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + evaluationId + "/indicators"))
                .body(Map.of("id", id));
    }

    @PutMapping("/indicators/{indicatorId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change an indicator", description = Versions.PUT_DESCRIPTION)
    @ApiResponse(responseCode = "409", description = Versions.CONFLICT_DESCRIPTION)
    void update(@PathVariable long evaluationId, @PathVariable long indicatorId,
            @Parameter(description = Versions.IF_MATCH_DESCRIPTION)
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody IndicatorDraft draft) {
        framework.updateIndicator(evaluationId, indicatorId, draft, Versions.fromIfMatch(ifMatch));
    }

    @DeleteMapping("/indicators/{indicatorId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an indicator that no formula uses")
    void delete(@PathVariable long evaluationId, @PathVariable long indicatorId) {
        framework.deleteIndicator(evaluationId, indicatorId);
    }

    /**
     * One cell: an indicator, a period code (2024, 2024Q1, 2024-03, 2024-09-01..2025-06-30), a
     * category of its disaggregation (absent or "" for the total), its text ("" clears it) and an
     * optional comment kept with the value.
     */
    record Cell(long indicatorId, String period, @Nullable String category, String value, @Nullable String comment) {
    }

    @PutMapping("/values")
    @Operation(summary = "Save values, all or nothing; a refused cell is named")
    Map<String, Integer> values(@PathVariable long evaluationId, @RequestBody List<Cell> cells) {
        return Map.of("saved", save(evaluationId, false, cells));
    }

    @PutMapping("/targets")
    @Operation(summary = "Save targets, all or nothing")
    Map<String, Integer> targets(@PathVariable long evaluationId, @RequestBody List<Cell> cells) {
        return Map.of("saved", save(evaluationId, true, cells));
    }

    @GetMapping("/results")
    @Operation(summary = "Per indicator and period: value (or why none), target, % of target, change, cumulative")
    List<IndicatorResults> results(@PathVariable long evaluationId,
            @RequestParam(defaultValue = "YEAR") PeriodType frequency) {
        return framework.results(evaluationId, frequency);
    }

    /** Saves the cells; a refused cell is reported at its place in the list ({@code $[3].value}). */
    private int save(long evaluationId, boolean targets, List<Cell> cells) {
        if (cells.contains(null)) {
            throw new RuleViolationException("$", "web.json.nullItem");
        }
        List<CellInput> inputs = cells.stream().map(cell -> new CellInput(cell.indicatorId(),
                cell.period() == null ? "" : cell.period(), cell.category() == null ? "" : cell.category(),
                cell.value() == null ? "" : cell.value(), cell.comment())).toList();
        try {
            return framework.saveGrid(evaluationId, targets, inputs);
        }
        catch (RuleViolationException ex) {
            throw new RuleViolationException(ex.violations().stream().map(violation -> new Violation(
                    violation.field().matches("\\d+") ? "$[" + violation.field() + "].value" : "$",
                    violation.code(), violation.arguments())).toList());
        }
    }
}
