package fr.maillon.restitution.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.restitution.QuestionVerdict;
import fr.maillon.restitution.Verdict;
import fr.maillon.restitution.VerdictDraft;
import fr.maillon.restitution.VerdictEvidence;
import fr.maillon.restitution.VerdictService;
import fr.maillon.web.Versions;

@RestController
@RequestMapping("/api/v1/evaluations/{evaluationId}")
@Tag(name = "Jugements évaluatifs", description = "A verdict per evaluative question, argued from the evidence")
class VerdictApiController {

    private final VerdictService verdicts;

    VerdictApiController(VerdictService verdicts) {
        this.verdicts = verdicts;
    }

    @GetMapping("/verdicts")
    @Operation(summary = "Every evaluative question, in order, with its criterion, its verdict (null: none yet), "
            + "its argument and the evidence it cites", description = "`unsupported` is true for a verdict that "
            + "cites no evidence (« non étayé »); `version` is 0 while no verdict is written.")
    List<QuestionVerdict> verdicts(@PathVariable long evaluationId) {
        return verdicts.verdicts(evaluationId);
    }

    /**
     * A verdict as a client sends it: the scale, the argued text (1 to 8000 characters), the
     * evidence cited ({@code kind} and {@code id}; for a survey question an optional {@code waveId};
     * for a contribution analysis, the id of its effect) and, optionally, the version read.
     */
    record VerdictBody(@Nullable Verdict verdict, @Nullable String argument, @Nullable List<VerdictEvidence> evidence,
            @Nullable Integer version, @Nullable String plainMessage) {
    }

    @PutMapping("/questions/{questionId}/verdict")
    @Operation(summary = "Write the verdict of an evaluative question",
            description = "Evidence must belong to this evaluation (an indicator, a survey question and wave, a "
                    + "testimony with consent, a written contribution analysis), each cited once; otherwise 422 "
                    + "and nothing is written. The version read goes in `If-Match` or in the body's `version` (0: "
                    + "none written yet). " + Versions.PUT_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "The question with its verdict as now stored; `ETag`: its version")
    @ApiResponse(responseCode = "404", description = "The question is not one of the evaluation's, or was deleted")
    @ApiResponse(responseCode = "409", description = Versions.CONFLICT_DESCRIPTION)
    @ApiResponse(responseCode = "422", description = "A missing verdict or argument, a text too long, evidence "
            + "foreign to the evaluation, cited twice or without consent: each in `errors` with its path")
    ResponseEntity<QuestionVerdict> save(@PathVariable long evaluationId, @PathVariable long questionId,
            @Parameter(description = Versions.IF_MATCH_DESCRIPTION)
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody VerdictBody body) {
        Integer version = Versions.fromIfMatch(ifMatch);
        verdicts.save(evaluationId, questionId, new VerdictDraft(body.verdict(), body.argument(), body.evidence(),
                body.plainMessage()),
                version != null ? version : body.version());
        QuestionVerdict saved = verdicts.verdict(evaluationId, questionId);
        return ResponseEntity.ok().eTag(Versions.etag(saved.version())).body(saved);
    }
}
