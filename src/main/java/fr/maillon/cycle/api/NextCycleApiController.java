package fr.maillon.cycle.api;

import java.net.URI;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.chain.NextCycleDraft;
import fr.maillon.cycle.NextCycleService;

@RestController
@Tag(name = "Évaluations", description = "A structure's evaluations (démarches d'évaluation)")
class NextCycleApiController {

    private final NextCycleService cycles;

    NextCycleApiController(NextCycleService cycles) {
        this.cycles = cycles;
    }

    @PostMapping("/api/v1/evaluations/{evaluationId}/next-cycle")
    @Operation(summary = "Start the next cycle of an evaluation (structure editors and admins)",
            description = "A new evaluation of the same structure with {title, periodStart, periodEnd}, the period "
                    + "starting after the previous one ends, and a copy of the chain and the cadre: stakeholders, "
                    + "elements, links, interactions, objectives, questions, indicators and their targets moved on. "
                    + "Values, answers and verdicts stay with the previous evaluation, which is not changed.")
    ResponseEntity<Map<String, Long>> start(@PathVariable long evaluationId, @RequestBody NextCycleDraft draft) {
        long id = cycles.start(evaluationId, draft);
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + id)).body(Map.of("id", id));
    }
}
