package fr.maillon.importing.api;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import fr.maillon.importing.ImportProblem;
import fr.maillon.importing.ValueImports;
import fr.maillon.importing.ValuesImport;
import fr.maillon.importing.ValuesImportRefusedException;
import fr.maillon.web.Problems;

@RestController
@Tag(name = "Imports", description = "Indicator values from files: tables (long or wide) and DHIS2 dataValueSets")
class ValuesImportApiController {

    /** A problem as the API tells it: the file, the row (0: the file as a whole), the column, and what is wrong. */
    record Problem(String file, int row, String column, String message) {
    }

    /** The answer: the format detected, the values written, the problems (empty on success). */
    record Answer(String format, int imported, List<Problem> problems) {
    }

    private final ValueImports imports;
    private final MessageSource messages;

    ValuesImportApiController(ValueImports imports, MessageSource messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @PostMapping(path = "/api/v1/evaluations/{evaluationId}/values/import",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import indicator values from a file (multipart `file`, 20 MB at most): a table in CSV or "
            + "XLSX (one row per value, or wide: one column per indicator and one row per period, or the reverse), "
            + "or a DHIS2 dataValueSet in JSON, XML or CSV through the structure's saved mapping `mappingId`. "
            + "201 with the format detected and the values written; 422 with every problem (file, row, column) and "
            + "nothing written. Editors of the structure only")
    ResponseEntity<Answer> importValues(@PathVariable long evaluationId, @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) @Nullable Long mappingId) throws IOException {
        ValuesImport result = imports.importFile(evaluationId, file.getOriginalFilename(), file.getBytes(), mappingId);
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + evaluationId + "/results"))
                .body(answer(result, file.getOriginalFilename()));
    }

    /** 422, a problem detail that also carries the format detected and each problem (file, row, column). */
    @ExceptionHandler(ValuesImportRefusedException.class)
    ResponseEntity<ProblemDetail> refused(ValuesImportRefusedException ex) {
        Answer answer = answer(ex.result(), ex.filename());
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, messages.getMessage(
                "import.values.api.refused", new Object[] { answer.problems().size() }, LocaleContextHolder.getLocale()),
                answer.problems().stream().map(item -> new Problems.ApiError(item.row() == 0 ? item.file()
                        : item.file() + ":" + item.row() + (item.column().isEmpty() ? "" : ":" + item.column()),
                        item.message())).toList());
        problem.setProperty("format", answer.format());
        problem.setProperty("imported", 0);
        problem.setProperty("problems", answer.problems());
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static Answer answer(ValuesImport result, @Nullable String filename) {
        String name = filename == null ? "" : filename;
        return new Answer(result.format().name(), result.imported(), result.problems().stream()
                .map((ImportProblem problem) -> new Problem(name, problem.line(), problem.column(), problem.message()))
                .toList());
    }
}
