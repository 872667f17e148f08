package fr.maillon.exchange.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.exchange.EvaluationDocument;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.exchange.ImportRejectedException;
import fr.maillon.exchange.StructureArchives;
import fr.maillon.web.Downloads;
import fr.maillon.chain.EvaluationService;

/** Downloading an evaluation as an exchange document, or a whole structure as a zip of them, and importing either. */
@Controller
class ExchangeController {

    private final ExchangeService exchange;
    private final EvaluationService evaluations;
    private final JsonMapper mapper;
    private final StructureArchives archives;

    ExchangeController(ExchangeService exchange, EvaluationService evaluations, JsonMapper mapper,
            StructureArchives archives) {
        this.archives = archives;
        this.exchange = exchange;
        this.evaluations = evaluations;
        this.mapper = mapper;
    }

    @GetMapping("/evaluations/{evaluationId}/export.json")
    ResponseEntity<String> export(@PathVariable long evaluationId) {
        EvaluationDocument document = exchange.export(evaluationId);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("evaluation-" + evaluationId + ".json").build().toString())
                .body(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }

    @GetMapping("/structures/{structureId}/export.zip")
    ResponseEntity<byte[]> exportStructure(@PathVariable long structureId) {
        return Downloads.attachment(archives.export(structureId), ZIP, "structure-" + structureId + ".zip");
    }

    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    @GetMapping("/structures/{structureId}/import")
    String importForm(@PathVariable long structureId, Model model) {
        model.addAttribute("structure", evaluations.structureForNewEvaluation(structureId));
        return "exchange/import";
    }

    @PostMapping("/structures/{structureId}/import")
    String importDocument(@PathVariable long structureId, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String text, Model model, RedirectAttributes redirect) throws IOException {
        byte[] content = file != null && !file.isEmpty() ? file.getBytes()
                : (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        try {
            if (StructureArchives.isArchive(content)) {
                archives.importArchive(structureId, content);
                redirect.addFlashAttribute("flash", "exchange.archive.imported");
                return "redirect:/structures/" + structureId;
            }
            long id = exchange.importEvaluation(structureId, content);
            redirect.addFlashAttribute("flash", "exchange.imported");
            return "redirect:/evaluations/" + id;
        }
        catch (ImportRejectedException ex) {
            model.addAttribute("errors", ex.errors());
        }
        model.addAttribute("structure", evaluations.structureForNewEvaluation(structureId));
        model.addAttribute("text", text);
        return "exchange/import";
    }
}
