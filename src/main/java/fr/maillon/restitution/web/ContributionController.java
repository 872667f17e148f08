package fr.maillon.restitution.web;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.restitution.ContributionDraft;
import fr.maillon.restitution.ContributionService;
import fr.maillon.restitution.Strength;
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

    @PostMapping("/evaluations/{evaluationId}/contributions/{effectId}")
    String save(@PathVariable long evaluationId, @PathVariable long effectId,
            @RequestParam(required = false) @Nullable String claim,
            @RequestParam(required = false) @Nullable String otherFactors,
            @RequestParam(required = false) @Nullable Strength strength,
            @RequestParam(required = false) @Nullable String strengthReason, RedirectAttributes redirect) {
        try {
            contributions.save(evaluationId, effectId, new ContributionDraft(claim, otherFactors, strength,
                    strengthReason));
            redirect.addFlashAttribute("flash", "restitution.contribution.saved");
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", ex.violations().get(0).code());
        }
        return "redirect:/evaluations/" + evaluationId + "/contributions#effect-" + effectId;
    }
}
