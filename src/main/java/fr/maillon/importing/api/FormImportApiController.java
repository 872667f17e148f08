package fr.maillon.importing.api;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import fr.maillon.importing.FileFormat;
import fr.maillon.importing.ImportProblem;
import fr.maillon.importing.ImportRefusedException;
import fr.maillon.importing.XlsFormImporter;
import fr.maillon.web.Problems;
import fr.maillon.web.RuleViolationException;

/** A questionnaire file of another tool (XLSForm…) imported as a new survey, in one call. */
@RestController
@Tag(name = "Imports", description = "Files of other tools read into Maillon")
class FormImportApiController {

    /** What was imported: the survey, the format told by the file's content, and what was not kept. */
    record Imported(long surveyId, String format, String formatLabel, List<NotKept> notKept) {
    }

    /** An element of the file not kept: its row or line (0: the file as a whole), its name, why. */
    record NotKept(int line, String name, String reason) {
    }

    /** A problem that refused the file: where (its line, 0 for the file as a whole, and name), and what. */
    record Problem(String path, int line, String name, String message) {
    }

    private final XlsFormImporter forms;
    private final MessageSource messages;

    FormImportApiController(XlsFormImporter forms, MessageSource messages) {
        this.forms = forms;
        this.messages = messages;
    }

    @PostMapping(path = "/api/v1/evaluations/{evaluationId}/surveys/import",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a questionnaire file (XLSForm as .xlsx, .xls, pyxform CSV or Markdown) as a new "
            + "survey of the evaluation; 20 MB at most; editors only",
            description = "The format is told by the file's content. 201 with the survey's id, the format and what "
                    + "was not kept (line, name, reason); 422 with each problem and the format, nothing written. "
                    + "When the file's texts come in several languages and none is French, leadLanguage names "
                    + "the one that leads (one of those the 422 lists).")
    @ApiResponse(responseCode = "201", description = "The survey was created")
    @ApiResponse(responseCode = "422", description = "The file was refused; nothing was written")
    ResponseEntity<?> importForm(@PathVariable long evaluationId, @RequestParam("file") MultipartFile file,
            @Parameter(description = "The language that leads when the file has no French, e.g. \"English (en)\"")
            @RequestParam(required = false) @Nullable String leadLanguage, Locale locale) throws IOException {
        byte[] content = file.getBytes();
        String filename = file.getOriginalFilename();
        try {
            XlsFormImporter.Imported imported = forms.importForm(evaluationId, filename, content, leadLanguage);
            List<NotKept> notKept = imported.notKept().stream()
                    .map(problem -> new NotKept(problem.line(), problem.column(), problem.message())).toList();
            return ResponseEntity.created(URI.create("/api/v1/surveys/" + imported.surveyId()))
                    .body(new Imported(imported.surveyId(), imported.format().name(), label(imported.format(),
                            locale), notKept));
        }
        catch (RuleViolationException ex) {
            List<Problem> problems = new ArrayList<>();
            ex.violations().forEach(violation -> problems.add(new Problem(violation.field(), 0, "",
                    messages.getMessage(violation.code(), violation.arguments(), violation.code(), locale))));
            return refused(content, filename, problems, locale);
        }
        catch (ImportRefusedException ex) {
            List<Problem> problems = new ArrayList<>();
            for (ImportProblem problem : ex.problems()) {
                problems.add(new Problem("file", problem.line(), problem.column(), problem.message()));
            }
            return refused(content, filename, problems, locale);
        }
    }

    private ResponseEntity<ProblemDetail> refused(byte[] content, @Nullable String filename, List<Problem> problems,
            Locale locale) {
        FileFormat format = FileFormat.detect(content, filename == null ? "" : filename);
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, messages.getMessage(
                "import.api.refused", new Object[] { label(format, locale) }, locale));
        problem.setProperty("errors", problems);
        problem.setProperty("format", format.name());
        problem.setProperty("formatLabel", label(format, locale));
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private String label(FileFormat format, Locale locale) {
        return messages.getMessage(format.messageKey(), null, format.name(), locale);
    }
}
