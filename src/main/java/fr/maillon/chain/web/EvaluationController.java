package fr.maillon.chain.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** Creating, showing and editing an evaluation. */
@Controller
class EvaluationController {

    private final EvaluationService evaluations;
    private final OrganisationService organisations;
    private final AccessPolicy access;

    EvaluationController(EvaluationService evaluations, OrganisationService organisations, AccessPolicy access) {
        this.evaluations = evaluations;
        this.organisations = organisations;
        this.access = access;
    }

    @GetMapping("/structures/{structureId}/evaluations/new")
    String newForm(@PathVariable long structureId, Model model) {
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        model.addAttribute("evaluationForm", EvaluationForm.empty());
        return formPage(structureId, null, model);
    }

    @PostMapping("/structures/{structureId}/evaluations/new")
    String create(@PathVariable long structureId, @ModelAttribute("evaluationForm") EvaluationForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        if (!result.hasErrors()) {
            try {
                long id = evaluations.create(structureId, form.toDraft());
                redirect.addFlashAttribute("flash", "chain.evaluation.created");
                return "redirect:/evaluations/" + id;
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return formPage(structureId, null, model);
    }

    @GetMapping("/evaluations/{evaluationId}")
    String show(@PathVariable long evaluationId, Model model) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        model.addAttribute("evaluation", evaluation);
        model.addAttribute("structure", organisations.structure(evaluation.structureId()));
        model.addAttribute("canEdit", access.hasStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR));
        return "chain/evaluation";
    }

    @GetMapping("/evaluations/{evaluationId}/edit")
    String editForm(@PathVariable long evaluationId, Model model) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        model.addAttribute("evaluationForm", EvaluationForm.of(evaluation));
        return formPage(evaluation.structureId(), evaluation, model);
    }

    @PostMapping("/evaluations/{evaluationId}/edit")
    String update(@PathVariable long evaluationId, @ModelAttribute("evaluationForm") EvaluationForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        if (!result.hasErrors()) {
            try {
                evaluations.update(evaluationId, form.toDraft());
                redirect.addFlashAttribute("flash", "chain.evaluation.saved");
                return "redirect:/evaluations/" + evaluationId;
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return formPage(evaluation.structureId(), evaluation, model);
    }

    private String formPage(long structureId, Evaluation evaluation, Model model) {
        model.addAttribute("structure", organisations.structure(structureId));
        model.addAttribute("evaluation", evaluation);
        model.addAttribute("scopes", EvaluationScope.values());
        model.addAttribute("statuses", EvaluationStatus.values());
        return "chain/evaluation-form";
    }
}
