package fr.maillon.restitution.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.restitution.ContributionDraft;
import fr.maillon.restitution.ContributionService;
import fr.maillon.restitution.Strength;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** The contribution analysis: each effect with its path, its evidence, and the authors' argument. */
@Controller
class ContributionController {

    private final ContributionService contributions;
    private final EvaluationService evaluations;

    ContributionController(ContributionService contributions, EvaluationService evaluations) {
        this.contributions = contributions;
        this.evaluations = evaluations;
    }

    @GetMapping("/evaluations/{evaluationId}/contributions")
    String list(@PathVariable long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("contributions", contributions.contributions(evaluationId));
        model.addAttribute("strengths", Strength.values());
        return "report/contributions";
    }

    /**
     * Saves an effect's analysis; when someone saved it meanwhile, the page again (200) with that
     * effect's form showing what was typed, the stored analysis and who saved it when.
     */
    @PostMapping("/evaluations/{evaluationId}/contributions/{effectId}")
    String save(@PathVariable long evaluationId, @PathVariable long effectId,
            @ModelAttribute("contributionForm") ContributionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        try {
            contributions.save(evaluationId, effectId, form.draft(), form.version());
            redirect.addFlashAttribute("flash", "restitution.contribution.saved");
        }
        catch (ConcurrentEditException ex) {
            FormErrors.conflict(result, model, ex, ContributionForm.of(ex.stored(ContributionDraft.class),
                    ex.current().version()));
            model.addAttribute("conflictEffect", effectId);
            return list(evaluationId, model);
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", ex.violations().get(0).code());
        }
        return "redirect:/evaluations/" + evaluationId + "/contributions#effect-" + effectId;
    }
}
