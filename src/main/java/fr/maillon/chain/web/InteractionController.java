package fr.maillon.chain.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ChainElementNotFoundException;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.Interaction;
import fr.maillon.chain.ValueChain;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** Stakeholders' interactions with activities: what each brings and gets. */
@Controller
class InteractionController {

    private final ChainService chains;

    InteractionController(ChainService chains) {
        this.chains = chains;
    }

    @GetMapping("/evaluations/{evaluationId}/interactions/new")
    String newInteractionForm(@PathVariable long evaluationId, Model model) {
        model.addAttribute("interactionForm", InteractionForm.empty());
        return interactionPage(chains.editableChain(evaluationId), null, model);
    }

    @PostMapping("/evaluations/{evaluationId}/interactions/new")
    String createInteraction(@PathVariable long evaluationId,
            @ModelAttribute("interactionForm") InteractionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        ValueChain chain = chains.editableChain(evaluationId);
        if (!result.hasErrors()) {
            try {
                chains.addInteraction(evaluationId, form.toDraft());
                redirect.addFlashAttribute("flash", "chain.interaction.created");
                return "redirect:/evaluations/" + evaluationId + "#interactions";
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return interactionPage(chain, null, model);
    }

    @GetMapping("/evaluations/{evaluationId}/interactions/{interactionId}/edit")
    String editInteractionForm(@PathVariable long evaluationId, @PathVariable long interactionId, Model model) {
        ValueChain chain = chains.editableChain(evaluationId);
        Interaction interaction = interaction(chain, interactionId);
        model.addAttribute("interactionForm", InteractionForm.of(interaction));
        return interactionPage(chain, interaction, model);
    }

    @PostMapping("/evaluations/{evaluationId}/interactions/{interactionId}/edit")
    String updateInteraction(@PathVariable long evaluationId, @PathVariable long interactionId,
            @ModelAttribute("interactionForm") InteractionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        ValueChain chain = chains.editableChain(evaluationId);
        Interaction interaction = interaction(chain, interactionId);
        if (!result.hasErrors()) {
            try {
                chains.updateInteraction(evaluationId, interactionId, form.toDraft(), form.version());
                redirect.addFlashAttribute("flash", "chain.interaction.saved");
                return "redirect:/evaluations/" + evaluationId + "#interactions";
            }
            catch (ConcurrentEditException ex) {
                FormErrors.conflict(result, model, ex, InteractionForm.of(ex.stored(Interaction.class)));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return interactionPage(chain, interaction, model);
    }

    @PostMapping("/evaluations/{evaluationId}/interactions/{interactionId}/delete")
    String deleteInteraction(@PathVariable long evaluationId, @PathVariable long interactionId,
            RedirectAttributes redirect) {
        chains.deleteInteraction(evaluationId, interactionId);
        redirect.addFlashAttribute("flash", "chain.deleted");
        return "redirect:/evaluations/" + evaluationId + "#interactions";
    }

    private static Interaction interaction(ValueChain chain, long interactionId) {
        return chain.interactions().stream().filter(interaction -> interaction.id() == interactionId).findFirst()
                .orElseThrow(() -> new ChainElementNotFoundException(interactionId));
    }

    private static String interactionPage(ValueChain chain, Interaction interaction, Model model) {
        model.addAttribute("chain", chain);
        model.addAttribute("interaction", interaction);
        return "chain/interaction-form";
    }
}
