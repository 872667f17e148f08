package fr.maillon.framework.web;

import java.util.stream.Collectors;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.TargetNames;
import fr.maillon.chain.ValueChain;
import fr.maillon.framework.FrameworkCycleService;
import fr.maillon.framework.FrameworkItemNotFoundException;
import fr.maillon.framework.FrameworkOverview;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Objective;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** The cadre d'évaluation page: objectives by target, questions by criterion, and their forms. */
@Controller
class ObjectiveController {

    private final ObjectiveService objectives;
    private final ChainService chains;
    private final FrameworkService framework;
    private final FrameworkCycleService cycles;
    private final EvaluationService evaluations;

    ObjectiveController(ObjectiveService objectives, ChainService chains, FrameworkService framework,
            FrameworkCycleService cycles, EvaluationService evaluations) {
        this.cycles = cycles;
        this.evaluations = evaluations;
        this.objectives = objectives;
        this.chains = chains;
        this.framework = framework;
    }

    @GetMapping("/evaluations/{evaluationId}/framework")
    String show(@PathVariable long evaluationId, Model model) {
        ValueChain chain = chains.chain(evaluationId);
        model.addAttribute("chain", chain);
        model.addAttribute("overview", objectives.overview(evaluationId));
        model.addAttribute("targets", targets(evaluationId).choices());
        model.addAttribute("canEdit", framework.canEdit(evaluationId));
        model.addAttribute("previousCycle", cycles.previousCycle(evaluationId).orElse(null));
        model.addAttribute("effectNames", chain.elements(ElementKind.EFFECT).stream()
                .collect(Collectors.toMap(ChainElement::id, ChainElement::name)));
        return "framework/framework";
    }

    /** A structure's own criterion; refused, the page again (200) with the label typed and why. */
    @PostMapping("/evaluations/{evaluationId}/criteria")
    String addCriterion(@PathVariable long evaluationId, @RequestParam(required = false) String label,
            Model model, RedirectAttributes redirect) {
        try {
            objectives.addCriterion(evaluationId, label);
            redirect.addFlashAttribute("flash", "framework.criterion.created");
            return "redirect:/evaluations/" + evaluationId + "/framework#questions";
        }
        catch (RuleViolationException ex) {
            model.addAttribute("criterionLabel", label);
            model.addAttribute("criterionError", ex.violations().get(0));
            return show(evaluationId, model);
        }
    }

    @GetMapping({ "/evaluations/{evaluationId}/objectives/new", "/evaluations/{evaluationId}/objectives/{objectiveId}/edit" })
    String objectiveForm(@PathVariable long evaluationId, @PathVariable(required = false) Long objectiveId,
            Model model) {
        FrameworkOverview overview = objectives.overview(evaluationId);
        Objective objective = objectiveId == null ? null : find(overview, objectiveId);
        model.addAttribute("objectiveForm", objective == null ? ObjectiveForm.empty() : ObjectiveForm.of(objective));
        return objectivePage(evaluationId, objective, model);
    }

    @PostMapping({ "/evaluations/{evaluationId}/objectives/new", "/evaluations/{evaluationId}/objectives/{objectiveId}/edit" })
    String saveObjective(@PathVariable long evaluationId, @PathVariable(required = false) Long objectiveId,
            @ModelAttribute("objectiveForm") ObjectiveForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        Objective objective = objectiveId == null ? null : find(objectives.overview(evaluationId), objectiveId);
        if (!result.hasErrors()) {
            try {
                if (objective == null) {
                    objectives.addObjective(evaluationId, form.toDraft());
                }
                else {
                    objectives.updateObjective(evaluationId, objectiveId, form.toDraft(), form.version());
                }
                redirect.addFlashAttribute("flash", "framework.objective.saved");
                return "redirect:/evaluations/" + evaluationId + "/framework";
            }
            catch (ConcurrentEditException ex) {
                FormErrors.conflict(result, model, ex, ObjectiveForm.of(ex.stored(Objective.class)));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return objectivePage(evaluationId, objective, model);
    }

    @PostMapping("/evaluations/{evaluationId}/objectives/{objectiveId}/delete")
    String deleteObjective(@PathVariable long evaluationId, @PathVariable long objectiveId,
            RedirectAttributes redirect) {
        objectives.deleteObjective(evaluationId, objectiveId);
        redirect.addFlashAttribute("flash", "chain.deleted");
        return "redirect:/evaluations/" + evaluationId + "/framework";
    }

    private String objectivePage(long evaluationId, Objective objective, Model model) {
        ValueChain chain = chains.editableChain(evaluationId);
        model.addAttribute("chain", chain);
        model.addAttribute("objective", objective);
        model.addAttribute("targets", targets(evaluationId).choices());
        model.addAttribute("effects", chain.elements(ElementKind.EFFECT));
        return "framework/objective-form";
    }

    /** The evaluation's names of its three targets, in the page's language. */
    private TargetNames targets(long evaluationId) {
        return evaluations.targetNames(evaluationId, LocaleContextHolder.getLocale());
    }

    private static Objective find(FrameworkOverview overview, long objectiveId) {
        return overview.objectives().stream().filter(objective -> objective.id() == objectiveId).findFirst()
                .orElseThrow(() -> new FrameworkItemNotFoundException(objectiveId));
    }

}
