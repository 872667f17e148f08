package fr.maillon.exchange.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.exchange.EvaluationDocument;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.exchange.ImportRejectedException;
import fr.maillon.exchange.StructureArchives;
import fr.maillon.web.Downloads;
import fr.maillon.web.Problems;

@RestController
@Tag(name = "Échange", description = "The versioned JSON exchange format of a whole evaluation")
class ExchangeApiController {

    private final ExchangeService exchange;
    private final MessageSource messages;
    private final StructureArchives archives;

    ExchangeApiController(ExchangeService exchange, MessageSource messages, StructureArchives archives) {
        this.archives = archives;
        this.exchange = exchange;
        this.messages = messages;
    }

    @GetMapping(path = "/api/v1/evaluations/{evaluationId}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The exchange document of an evaluation")
    EvaluationDocument export(@PathVariable long evaluationId) {
        return exchange.export(evaluationId);
    }

    @PostMapping(path = "/api/v1/structures/{structureId}/evaluations/import",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Import an exchange document (JSON in UTF-8, 64 MB at most) as a new evaluation of the "
            + "structure; all or nothing", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = EvaluationDocument.class))))
    ResponseEntity<Map<String, Long>> importDocument(@PathVariable long structureId, InputStream document)
            throws IOException {
        long id = exchange.importEvaluation(structureId, document);
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + id)).body(Map.of("id", id));
    }

    @GetMapping(path = "/api/v1/structures/{structureId}/export", produces = "application/zip")
    @Operation(summary = "The whole structure: a zip of the exchange documents of the evaluations the caller may read")
    ResponseEntity<byte[]> exportStructure(@PathVariable long structureId) {
        return Downloads.attachment(archives.export(structureId), MediaType.parseMediaType("application/zip"),
                "structure-" + structureId + ".zip");
    }

    @PostMapping(path = "/api/v1/structures/{structureId}/import", consumes = "application/zip")
    @Operation(summary = "Import a structure's zip (as exported) as new evaluations of this structure; all or nothing")
    ResponseEntity<Map<String, List<Long>>> importStructure(@PathVariable long structureId, InputStream archive)
            throws IOException {
        byte[] content = archive.readNBytes(StructureArchives.MAX_ARCHIVE_BYTES + 1);
        if (content.length > StructureArchives.MAX_ARCHIVE_BYTES) {
            throw new ImportRejectedException(List.of(new Problems.ApiError("$", messages.getMessage(
                    "exchange.tooLarge", new Object[] { StructureArchives.MAX_ARCHIVE_BYTES / (1024 * 1024) },
                    LocaleContextHolder.getLocale()))));
        }
        List<Long> ids = archives.importArchive(structureId, content);
        return ResponseEntity.created(URI.create("/api/v1/structures/" + structureId + "/evaluations"))
                .body(Map.of("ids", ids));
    }

    @GetMapping(path = "/api/v1/exchange/schema", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The JSON Schema of the exchange format, version 2 (which also reads version 1 documents)")
    Resource schema() {
        return new ClassPathResource(ExchangeService.SCHEMA);
    }

    @ExceptionHandler(ImportRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ImportRejectedException ex) {
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, messages.getMessage("exchange.rejected",
                        new Object[] { ex.errors().size() }, LocaleContextHolder.getLocale()), ex.errors()));
    }
}
