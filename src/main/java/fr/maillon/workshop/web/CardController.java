package fr.maillon.workshop.web;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.ResourceKind;
import fr.maillon.chain.SupportCategory;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;
import fr.maillon.workshop.Card;
import fr.maillon.workshop.CardKind;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopNotFoundException;
import fr.maillon.workshop.WorkshopService;

/** Editing a card, and placing it into the chain as an element, from a form filled from the card. */
@Controller
class CardController {

    /** The service names the card itself as "card": said above the form. */
    private static final Map<String, String> FIELDS = Map.of("card", "");
    /** The chain's element rules name parts this form does not ask for: said above the form too. */
    private static final Map<String, String> PLACE_FIELDS = Map.of("card", "", "unit", "", "quantity", "",
            "valueEur", "", "dimensionId", "", "kind", "");

    private final WorkshopService workshops;
    private final EvaluationService evaluations;
    private final ChainService chains;

    CardController(WorkshopService workshops, EvaluationService evaluations, ChainService chains) {
        this.workshops = workshops;
        this.evaluations = evaluations;
        this.chains = chains;
    }

    @GetMapping("/workshops/{workshopId}/cards/{cardId}/edit")
    String editForm(@PathVariable long workshopId, @PathVariable long cardId, Model model) {
        Card card = card(workshopId, cardId);
        model.addAttribute("cardForm", FacilitatorCardForm.of(card));
        return editPage(workshops.workshop(workshopId), card, model);
    }

    @PostMapping("/workshops/{workshopId}/cards/{cardId}/edit")
    String update(@PathVariable long workshopId, @PathVariable long cardId, @ModelAttribute("cardForm") FacilitatorCardForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        Card card = card(workshopId, cardId);
        if (!result.hasErrors()) {
            try {
                workshops.editCard(workshopId, cardId, form.toDraft());
                redirect.addFlashAttribute("flash", "workshop.live.cardSaved");
                return "redirect:/workshops/" + workshopId + "#card-" + cardId;
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex, FIELDS);
            }
        }
        return editPage(workshops.workshop(workshopId), card, model);
    }

    @GetMapping("/workshops/{workshopId}/cards/{cardId}/place")
    String placeForm(@PathVariable long workshopId, @PathVariable long cardId, Locale locale, Model model) {
        Card card = card(workshopId, cardId);
        model.addAttribute("placeForm", PlaceForm.of(card));
        return placePage(workshops.workshop(workshopId), card, locale, model);
    }

    @PostMapping("/workshops/{workshopId}/cards/{cardId}/place")
    String place(@PathVariable long workshopId, @PathVariable long cardId, @ModelAttribute("placeForm") PlaceForm form,
            BindingResult result, Locale locale, Model model, RedirectAttributes redirect) {
        Card card = card(workshopId, cardId);
        if (!result.hasErrors()) {
            try {
                workshops.placeCard(workshopId, cardId, form.toDraft());
                redirect.addFlashAttribute("flash", "workshop.live.placed");
                return "redirect:/workshops/" + workshopId + "#card-" + cardId;
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex, PLACE_FIELDS);
            }
        }
        return placePage(workshops.workshop(workshopId), card, locale, model);
    }

    private Card card(long workshopId, long cardId) {
        return workshops.cards(workshopId).stream().filter(card -> card.id() == cardId).findFirst()
                .orElseThrow(() -> new WorkshopNotFoundException(cardId));
    }

    private String editPage(Workshop workshop, Card card, Model model) {
        model.addAttribute("workshop", workshop);
        model.addAttribute("card", card);
        model.addAttribute("kinds", CardKind.values());
        model.addAttribute("targets", evaluations.page(workshop.evaluationId()).targets().choices());
        return "workshop/card-edit";
    }

    private String placePage(Workshop workshop, Card card, Locale locale, Model model) {
        model.addAttribute("workshop", workshop);
        model.addAttribute("card", card);
        model.addAttribute("chain", chains.editableChain(workshop.evaluationId()));
        model.addAttribute("resourceKinds", ResourceKind.values());
        model.addAttribute("activityTypes", ActivityType.values());
        model.addAttribute("supportCategories", SupportCategory.values());
        model.addAttribute("targets", evaluations.targetNames(workshop.evaluationId(), locale).choices());
        return "workshop/card-place";
    }
}
