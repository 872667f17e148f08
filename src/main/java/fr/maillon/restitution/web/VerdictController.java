package fr.maillon.restitution.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.restitution.Verdict;
import fr.maillon.restitution.VerdictDraft;
import fr.maillon.restitution.VerdictEditing;
import fr.maillon.restitution.VerdictEvidence;
import fr.maillon.restitution.VerdictEvidenceKind;
import fr.maillon.restitution.VerdictService;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/**
 * The evaluative judgements: every question with its verdict, argument and evidence; and one page
 * per question to write its verdict, so that saving one never drops what was typed for another.
 */
@Controller
class VerdictController {

    /** The service names each piece of evidence by its place; the form has one list of boxes. */
    private static final Map<String, String> EVIDENCE_FIELDS = IntStream.range(0, VerdictService.MAX_EVIDENCE)
            .boxed().flatMap(i -> Stream.of("evidence[" + i + "]", "evidence[" + i + "].kind", "evidence[" + i + "].id",
                    "evidence[" + i + "].waveId"))
            .collect(Collectors.toMap(Function.identity(), field -> "evidence"));

    private final VerdictService verdicts;
    private final EvaluationService evaluations;

    VerdictController(VerdictService verdicts, EvaluationService evaluations) {
        this.verdicts = verdicts;
        this.evaluations = evaluations;
    }

    @GetMapping("/evaluations/{evaluationId}/verdicts")
    String list(@PathVariable long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("verdicts", verdicts.verdicts(evaluationId));
        return "report/verdicts";
    }

    @GetMapping("/evaluations/{evaluationId}/questions/{questionId}/verdict")
    String editForm(@PathVariable long evaluationId, @PathVariable long questionId, Model model) {
        VerdictEditing editing = verdicts.editing(evaluationId, questionId);
        model.addAttribute("verdictForm", VerdictForm.of(editing.question()));
        return form(evaluationId, editing, model);
    }

    /**
     * Saves a question's verdict; refused, the form again (200) with what was typed and each
     * problem; when someone saved it meanwhile, also the stored verdict and who saved it when.
     */
    @PostMapping("/evaluations/{evaluationId}/questions/{questionId}/verdict")
    String update(@PathVariable long evaluationId, @PathVariable long questionId,
            @ModelAttribute("verdictForm") VerdictForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        VerdictEditing editing = verdicts.editing(evaluationId, questionId);
        if (result.hasErrors()) {
            // a field that could not be read (a version that is not a number…): the form again, as typed
            return form(evaluationId, editing, model);
        }
        List<VerdictEvidence> references = form.references();
        if (references == null) {
            result.rejectValue("evidence", "restitution.verdict.evidence.invalid");
            return form(evaluationId, editing, model);
        }
        try {
            verdicts.save(evaluationId, questionId, form.draft(references), form.version());
        }
        catch (ConcurrentEditException ex) {
            FormErrors.conflict(result, model, ex, VerdictForm.of(ex.stored(VerdictDraft.class),
                    ex.current().version()));
            return form(evaluationId, editing, model);
        }
        catch (RuleViolationException ex) {
            FormErrors.reject(result, ex, EVIDENCE_FIELDS);
            return form(evaluationId, editing, model);
        }
        redirect.addFlashAttribute("flash", "restitution.verdict.saved");
        return "redirect:/evaluations/" + evaluationId + "/verdicts#question-" + questionId;
    }

    private String form(long evaluationId, VerdictEditing editing, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("editing", editing);
        model.addAttribute("scale", Verdict.values());
        model.addAttribute("kinds", VerdictEvidenceKind.values());
        return "report/verdict-form";
    }
}
