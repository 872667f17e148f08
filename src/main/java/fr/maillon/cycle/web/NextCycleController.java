package fr.maillon.cycle.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.cycle.NextCycleService;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** "Démarrer le cycle suivant": the form, proposed from the evaluation, and starting it. */
@Controller
class NextCycleController {

    private final NextCycleService cycles;
    private final EvaluationService evaluations;

    NextCycleController(NextCycleService cycles, EvaluationService evaluations) {
        this.cycles = cycles;
        this.evaluations = evaluations;
    }

    @GetMapping("/evaluations/{evaluationId}/next-cycle")
    String newForm(@PathVariable long evaluationId, Model model) {
        model.addAttribute("nextCycleForm", NextCycleForm.of(cycles.proposal(evaluationId)));
        return formPage(evaluationId, model);
    }

    @PostMapping("/evaluations/{evaluationId}/next-cycle")
    String create(@PathVariable long evaluationId, @ModelAttribute("nextCycleForm") NextCycleForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                long id = cycles.start(evaluationId, form.toDraft());
                redirect.addFlashAttribute("flash", "cycle.started");
                return "redirect:/evaluations/" + id;
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return formPage(evaluationId, model);
    }

    private String formPage(long evaluationId, Model model) {
        model.addAttribute("page", evaluations.editable(evaluationId));
        return "cycle/next-cycle";
    }
}
