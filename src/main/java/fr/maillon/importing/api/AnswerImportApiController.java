package fr.maillon.importing.api;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import fr.maillon.importing.AnswerImporter;
import fr.maillon.importing.FileFormat;
import fr.maillon.importing.ImportProblem;
import fr.maillon.importing.ImportRefusedException;
import fr.maillon.web.Problems;

/** Answers exported by Kobo, ODK or LimeSurvey, imported into a survey through the API, all or nothing. */
@RestController
@Tag(name = "Enquêtes", description = "Surveys, their waves and their responses")
class AnswerImportApiController {

    /** Columns named in a mapping, at most. */
    private static final int MAX_MAPPING = 2_000;

    /** A problem of the file: where (file, row, column; row 0 is the file as a whole) and what. */
    record FileProblem(String file, int row, String column, String path, String message) {
    }

    /** What was imported: the format read, responses stored, responses already there, and what was not kept. */
    record Imported(String format, int imported, int skipped, List<FileProblem> problems) {
    }

    private final AnswerImporter answers;
    private final MessageSource messages;
    private final JsonMapper json;

    AnswerImportApiController(AnswerImporter answers, MessageSource messages, JsonMapper json) {
        this.answers = answers;
        this.messages = messages;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/surveys/{surveyId}/responses/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import responses exported by KoboToolbox, ODK or LimeSurvey (CSV or XLSX, 64 MB, 2,000 "
            + "columns at most) into a survey, all or nothing. Columns are matched to questions by code, group path "
            + "or wording, without regard to case or accents (the mapping of the survey's last import first); "
            + "'mapping', a JSON object, names other columns: {\"header\": \"question code\"} or "
            + "{\"header\": \"code/choice\"} for a 0/1 column of a multiple choice. A response already imported "
            + "(same _uuid or LimeSurvey id, or same line) is skipped. 201 with {format, imported, skipped, "
            + "problems} (problems: columns not imported); 422 with each problem (file, row, column) and the "
            + "detected format, nothing written. Editors of the survey's structure only.")
    ResponseEntity<Object> importResponses(@PathVariable long surveyId, @RequestParam MultipartFile file,
            @RequestParam(required = false) @Nullable Long waveId,
            @RequestParam(required = false) @Nullable String mapping) throws IOException {
        String filename = file.getOriginalFilename() == null ? "fichier" : file.getOriginalFilename();
        filename = filename.length() > 255 ? filename.substring(filename.length() - 255) : filename;
        byte[] content = file.getBytes();
        FileFormat format = FileFormat.detect(content, filename);
        try {
            AnswerImporter.Result result = answers.importFile(surveyId, waveId, mapping(mapping), filename, content);
            return ResponseEntity.created(URI.create("/api/v1/surveys/" + surveyId))
                    .body(new Imported(result.format().name(), result.imported(), result.skipped(),
                            problems(filename, result.notKept())));
        }
        catch (ImportRefusedException ex) {
            List<FileProblem> problems = problems(filename, ex.problems());
            ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, messages.getMessage(
                    "import.answers.rejected", new Object[] { problems.size() }, LocaleContextHolder.getLocale()));
            problem.setProperty("format", format.name());
            problem.setProperty("errors", problems);
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
    }

    /** The mapping sent as a JSON object of header to target; anything else is refused. */
    private Map<String, String> mapping(@Nullable String text) {
        Map<String, String> mapping = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return mapping;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        }
        catch (JacksonException ex) {
            node = null;
        }
        if (node == null || !node.isObject() || node.size() > MAX_MAPPING) {
            throw new ImportRefusedException(List.of(new ImportProblem(0, "mapping", messages.getMessage(
                    "import.answers.mappingJson", null, LocaleContextHolder.getLocale()))));
        }
        node.properties().forEach(entry -> mapping.put(entry.getKey(), entry.getValue().asString()));
        return mapping;
    }

    private static List<FileProblem> problems(String filename, List<ImportProblem> problems) {
        return problems.stream().map(problem -> new FileProblem(filename, problem.line(), problem.column(),
                problem.line() == 0 ? filename : filename + ":" + problem.line()
                        + (problem.column().isEmpty() ? "" : ":" + problem.column()), problem.message())).toList();
    }
}
