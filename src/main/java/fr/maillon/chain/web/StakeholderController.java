package fr.maillon.chain.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.BalanceService;
import fr.maillon.chain.ChainElementNotFoundException;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.Stakeholder;
import fr.maillon.chain.StakeholderType;
import fr.maillon.chain.ValueChain;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** A stakeholder's page, and adding, editing, reordering and deleting the stakeholders of an evaluation. */
@Controller
class StakeholderController {

    private final ChainService chains;
    private final BalanceService balances;

    StakeholderController(ChainService chains, BalanceService balances) {
        this.chains = chains;
        this.balances = balances;
    }

    /** Its identity card, its interactions and the resources it provides. */
    @GetMapping("/evaluations/{evaluationId}/stakeholders/{stakeholderId}")
    String show(@PathVariable long evaluationId, @PathVariable long stakeholderId, Model model) {
        model.addAttribute("page", balances.stakeholderPage(evaluationId, stakeholderId));
        return "chain/stakeholder";
    }

    @GetMapping("/evaluations/{evaluationId}/stakeholders/new")
    String newForm(@PathVariable long evaluationId, Model model) {
        model.addAttribute("stakeholderForm", StakeholderForm.empty());
        return formPage(chains.editableChain(evaluationId), null, model);
    }

    @PostMapping("/evaluations/{evaluationId}/stakeholders/new")
    String create(@PathVariable long evaluationId, @ModelAttribute("stakeholderForm") StakeholderForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        ValueChain chain = chains.editableChain(evaluationId);
        if (!result.hasErrors()) {
            try {
                chains.addStakeholder(evaluationId, form.toDraft());
                redirect.addFlashAttribute("flash", "chain.stakeholder.created");
                return "redirect:/evaluations/" + evaluationId + "#stakeholders";
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return formPage(chain, null, model);
    }

    @GetMapping("/evaluations/{evaluationId}/stakeholders/{stakeholderId}/edit")
    String editForm(@PathVariable long evaluationId, @PathVariable long stakeholderId, Model model) {
        ValueChain chain = chains.editableChain(evaluationId);
        Stakeholder stakeholder = stakeholder(chain, stakeholderId);
        model.addAttribute("stakeholderForm", StakeholderForm.of(stakeholder));
        return formPage(chain, stakeholder, model);
    }

    @PostMapping("/evaluations/{evaluationId}/stakeholders/{stakeholderId}/edit")
    String update(@PathVariable long evaluationId, @PathVariable long stakeholderId,
            @ModelAttribute("stakeholderForm") StakeholderForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        ValueChain chain = chains.editableChain(evaluationId);
        Stakeholder stakeholder = stakeholder(chain, stakeholderId);
        if (!result.hasErrors()) {
            try {
                chains.updateStakeholder(evaluationId, stakeholderId, form.toDraft(), form.version());
                redirect.addFlashAttribute("flash", "chain.stakeholder.saved");
                return "redirect:/evaluations/" + evaluationId + "#stakeholders";
            }
            catch (ConcurrentEditException ex) {
                FormErrors.conflict(result, model, ex, StakeholderForm.of(ex.stored(Stakeholder.class)));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return formPage(chain, stakeholder, model);
    }

    @GetMapping("/evaluations/{evaluationId}/stakeholders/{stakeholderId}/delete")
    String deleteForm(@PathVariable long evaluationId, @PathVariable long stakeholderId, Model model) {
        model.addAttribute("chain", chains.editableChain(evaluationId));
        model.addAttribute("impact", chains.deletionImpact(evaluationId, stakeholderId, true));
        model.addAttribute("action", "/evaluations/" + evaluationId + "/stakeholders/" + stakeholderId + "/delete");
        return "chain/delete";
    }

    @PostMapping("/evaluations/{evaluationId}/stakeholders/{stakeholderId}/delete")
    String delete(@PathVariable long evaluationId, @PathVariable long stakeholderId, RedirectAttributes redirect) {
        chains.deleteStakeholder(evaluationId, stakeholderId);
        redirect.addFlashAttribute("flash", "chain.deleted");
        return "redirect:/evaluations/" + evaluationId + "#stakeholders";
    }

    @PostMapping("/evaluations/{evaluationId}/stakeholders/{stakeholderId}/move")
    String move(@PathVariable long evaluationId, @PathVariable long stakeholderId,
            @RequestParam(defaultValue = "true") boolean up) {
        chains.moveStakeholder(evaluationId, stakeholderId, up);
        return "redirect:/evaluations/" + evaluationId + "#stakeholders";
    }

    private static Stakeholder stakeholder(ValueChain chain, long stakeholderId) {
        return chain.stakeholder(stakeholderId).orElseThrow(() -> new ChainElementNotFoundException(stakeholderId));
    }

    private static String formPage(ValueChain chain, Stakeholder stakeholder, Model model) {
        model.addAttribute("chain", chain);
        model.addAttribute("stakeholder", stakeholder);
        model.addAttribute("types", StakeholderType.values());
        return "chain/stakeholder-form";
    }
}
