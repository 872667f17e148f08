package fr.maillon.restitution.api;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.restitution.Annotation;
import fr.maillon.restitution.AnnotationService;
import fr.maillon.restitution.AnnotationTarget;

@RestController
@RequestMapping("/api/v1/evaluations/{evaluationId}/annotations")
@Tag(name = "Annotations", description = "Networks' comments on a shared report, indicator or verdict, and the "
        + "structure's answers")
class AnnotationApiController {

    private final AnnotationService annotations;

    AnnotationApiController(AnnotationService annotations) {
        this.annotations = annotations;
    }

    @GetMapping
    @Operation(summary = "The evaluation's annotations the caller reads: all of them for the structure's members, "
            + "her organisations' only for a network member, oldest first, each with its answer (null: open)")
    @ApiResponse(responseCode = "404", description = "The evaluation is not shared with the caller (or the share was revoked)")
    List<Annotation> list(@PathVariable long evaluationId) {
        return annotations.annotations(evaluationId).annotations();
    }

    /**
     * A new annotation: {@code targetKind} REPORT (a report's id), INDICATOR (an indicator's id) or VERDICT (a
     * question's id); {@code organisationId} the network it is written for.
     */
    record AnnotationBody(@Nullable String targetKind, @Nullable Long targetId, @Nullable String text,
            @Schema(description = "The caller's network the annotation is written for: one the evaluation is shared "
                    + "with; required when there are several") @Nullable Long organisationId) {
    }

    record AnswerBody(@Nullable String answer) {
    }

    @PostMapping
    @Operation(summary = "Comment on a shared report (finalised), indicator or verdict, as a member of a network "
            + "the evaluation is shared with", description = "The text holds 1 to 4000 characters; 50 a day at most.")
    @ApiResponse(responseCode = "201", description = "`{\"id\": ...}`")
    @ApiResponse(responseCode = "403", description = "The caller reads the evaluation as one of its structure's members")
    @ApiResponse(responseCode = "422", description = "A target that is not the evaluation's, a text empty or too "
            + "long, an organisationId missing when the caller belongs to several networks the evaluation is shared "
            + "with, or not one of them: each in `errors` with its path")
    ResponseEntity<Map<String, Long>> create(@PathVariable long evaluationId, @RequestBody AnnotationBody body) {
        AnnotationTarget kind = body.targetKind() == null ? null : Arrays.stream(AnnotationTarget.values())
                .filter(candidate -> candidate.name().equals(body.targetKind())).findFirst().orElse(null);
        long id = annotations.annotate(evaluationId, body.organisationId(), kind, body.targetId(), body.text());
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + evaluationId + "/annotations"))
                .body(Map.of("id", id));
    }

    @PostMapping("/{annotationId}/answer")
    @Operation(summary = "The structure's answer to an annotation (its editors and admins)")
    @ApiResponse(responseCode = "204", description = "Answered")
    @ApiResponse(responseCode = "403", description = "A viewer of the structure, or a network member")
    @ApiResponse(responseCode = "422", description = "An answer empty or longer than 4000 characters")
    ResponseEntity<Void> answer(@PathVariable long evaluationId, @PathVariable long annotationId,
            @RequestBody AnswerBody body) {
        annotations.answer(evaluationId, annotationId, body.answer());
        return ResponseEntity.noContent().build();
    }
}
