package fr.maillon.chain.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** A structure's page: its identity, its evaluations, and what it shares with whom. */
@Controller
class StructureController {

    private final EvaluationService evaluations;
    private final OrganisationService organisations;

    StructureController(EvaluationService evaluations, OrganisationService organisations) {
        this.evaluations = evaluations;
        this.organisations = organisations;
    }

    @GetMapping("/structures/{structureId}")
    String show(@PathVariable long structureId, Model model) {
        model.addAttribute("page", evaluations.structurePage(structureId));
        if (!model.containsAttribute("shareForm")) {
            model.addAttribute("shareForm", ShareForm.empty());
        }
        return "chain/structure";
    }

    @PostMapping("/structures/{structureId}/shares")
    String share(@PathVariable long structureId, @ModelAttribute("shareForm") ShareForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        if (form.recipientId() == null && !result.hasFieldErrors("recipientId")) {
            result.rejectValue("recipientId", "chain.share.recipient.required");
        }
        if (!result.hasErrors()) {
            try {
                evaluations.share(structureId, form.evaluationId(), form.recipientId());
                redirect.addFlashAttribute("flash", "chain.share.created");
                return "redirect:/structures/" + structureId;
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return show(structureId, model);
    }

    @PostMapping("/structures/{structureId}/shares/{shareId}/revoke")
    String revoke(@PathVariable long structureId, @PathVariable long shareId, RedirectAttributes redirect) {
        organisations.revokeShare(structureId, shareId);
        redirect.addFlashAttribute("flash", "chain.share.revoked");
        return "redirect:/structures/" + structureId;
    }
}
