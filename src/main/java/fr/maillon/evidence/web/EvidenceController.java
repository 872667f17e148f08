package fr.maillon.evidence.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationService;
import fr.maillon.evidence.Evidence;
import fr.maillon.evidence.EvidenceDraft;
import fr.maillon.evidence.EvidenceFile;
import fr.maillon.evidence.EvidenceKind;
import fr.maillon.evidence.EvidenceService;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** The evidence of an evaluation: the list by effect, the form (with a file), the files. */
@Controller
class EvidenceController {

    public record EvidenceForm(@Nullable EvidenceKind kind, @Nullable String title, @Nullable String body,
            @Nullable String source,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate collectedOn,
            @Nullable Boolean consent, @Nullable List<Long> effectIds) {
    }

    private final EvidenceService evidence;
    private final EvaluationService evaluations;
    private final ChainService chains;

    EvidenceController(EvidenceService evidence, EvaluationService evaluations, ChainService chains) {
        this.evidence = evidence;
        this.evaluations = evaluations;
        this.chains = chains;
    }

    @GetMapping("/evaluations/{evaluationId}/evidence")
    String list(@PathVariable long evaluationId, Model model) {
        model.addAttribute("evidenceForm", new EvidenceForm(EvidenceKind.TESTIMONY, "", "", "", null, false, List.of()));
        return page(evaluationId, model);
    }

    @PostMapping("/evaluations/{evaluationId}/evidence")
    String add(@PathVariable long evaluationId, @ModelAttribute("evidenceForm") EvidenceForm form,
            BindingResult result, @RequestParam(required = false) MultipartFile file, Model model,
            RedirectAttributes redirect) throws IOException {
        if (!result.hasErrors()) {
            try {
                evidence.add(evaluationId, new EvidenceDraft(form.kind(), form.title(), form.body(), form.source(),
                        form.collectedOn(), form.consent(), form.effectIds(),
                        file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes()));
                redirect.addFlashAttribute("flash", "evidence.saved");
                return "redirect:/evaluations/" + evaluationId + "/evidence";
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex, Map.of("file", ""));
            }
        }
        return page(evaluationId, model);
    }

    @PostMapping("/evaluations/{evaluationId}/evidence/{id}/delete")
    String delete(@PathVariable long evaluationId, @PathVariable long id, RedirectAttributes redirect) {
        evidence.delete(evaluationId, id);
        redirect.addFlashAttribute("flash", "chain.deleted");
        return "redirect:/evaluations/" + evaluationId + "/evidence";
    }

    /** A file as it was checked; a photo shows in the page, a document downloads. */
    @GetMapping("/evaluations/{evaluationId}/evidence/{id}/file")
    ResponseEntity<byte[]> file(@PathVariable long evaluationId, @PathVariable long id) {
        EvidenceFile file = evidence.file(evaluationId, id);
        ContentDisposition disposition = (file.mediaType().startsWith("image/") ? ContentDisposition.inline()
                : ContentDisposition.attachment()).filename(file.fileName(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.content());
    }

    private String page(long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        List<Evidence> list = evidence.evidence(evaluationId);
        List<ChainElement> effects = chains.chain(evaluationId).elements(ElementKind.EFFECT);
        Map<Long, String> names = effects.stream().collect(Collectors.toMap(ChainElement::id, ChainElement::name));
        model.addAttribute("evidence", list);
        model.addAttribute("effects", effects);
        model.addAttribute("illustrates", list.stream().collect(Collectors.toMap(Evidence::id, item -> String.join(
                " · ", item.effectIds().stream().map(names::get).toList()))));
        model.addAttribute("kinds", EvidenceKind.values());
        return "evidence/list";
    }
}
