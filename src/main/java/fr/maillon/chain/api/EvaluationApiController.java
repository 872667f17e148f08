package fr.maillon.chain.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationService;

@RestController
@Tag(name = "Évaluations", description = "A structure's evaluations (démarches d'évaluation)")
class EvaluationApiController {

    private final EvaluationService evaluations;

    EvaluationApiController(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @GetMapping("/api/v1/structures/{structureId}/evaluations")
    @Operation(summary = "The structure's evaluations that the caller may read")
    List<Evaluation> list(@PathVariable long structureId) {
        return evaluations.evaluations(structureId);
    }

    @PostMapping("/api/v1/structures/{structureId}/evaluations")
    @Operation(summary = "Create an evaluation (structure editors and admins)")
    ResponseEntity<Map<String, Long>> create(@PathVariable long structureId, @RequestBody EvaluationDraft draft) {
        long id = evaluations.create(structureId, draft);
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/api/v1/evaluations/{evaluationId}")
    @Operation(summary = "One evaluation")
    Evaluation show(@PathVariable long evaluationId) {
        return evaluations.evaluation(evaluationId);
    }
}
