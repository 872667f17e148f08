package fr.maillon.evidence.api;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.evidence.Evidence;
import fr.maillon.evidence.EvidenceFile;
import fr.maillon.evidence.EvidenceService;

@RestController
@Tag(name = "Témoignages", description = "Qualitative evidence and the effects it illustrates")
class EvidenceApiController {

    private final EvidenceService evidence;

    EvidenceApiController(EvidenceService evidence) {
        this.evidence = evidence;
    }

    @GetMapping("/api/v1/evaluations/{evaluationId}/evidence")
    @Operation(summary = "The evidence the caller may see (outside the structure, only what has consent)")
    List<Evidence> list(@PathVariable long evaluationId) {
        return evidence.evidence(evaluationId);
    }

    @GetMapping("/api/v1/evaluations/{evaluationId}/evidence/{evidenceId}/file")
    @Operation(summary = "An evidence's file, in the type it was checked to be")
    ResponseEntity<byte[]> file(@PathVariable long evaluationId, @PathVariable long evidenceId) {
        EvidenceFile file = evidence.file(evaluationId, evidenceId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.content());
    }
}
