package fr.maillon.workshop.web;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ChainService;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.EvaluationPage;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.LinkRefusedException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.PublicUrl;
import fr.maillon.web.QrCodes;
import fr.maillon.web.RuleViolationException;
import fr.maillon.workshop.CardChanges;
import fr.maillon.workshop.CardKind;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopService;
import fr.maillon.workshop.WorkshopTrace;

/**
 * The facilitator's live view of a workshop (its structure's editors only; 404 for others): the code
 * and QR code to project, the cards arriving, what she does with them (hide, show again, merge), the
 * links she draws between elements of the chain, the cards she writes herself, and closing it.
 */
@Controller
class FacilitatorController {

    private final WorkshopService workshops;
    private final EvaluationService evaluations;
    private final ChainService chains;
    private final MessageSource messages;
    private final PublicUrl publicUrl;
    private final Clock clock;

    FacilitatorController(WorkshopService workshops, EvaluationService evaluations, ChainService chains,
            MessageSource messages, PublicUrl publicUrl, Clock clock) {
        this.workshops = workshops;
        this.evaluations = evaluations;
        this.chains = chains;
        this.messages = messages;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** A card action refused: which card, the message, and the card chosen to merge into (kept as typed). */
    public record CardRefusal(long cardId, String code, Object[] arguments, @Nullable Long keptId) {
    }

    /** A card as the live view's script reads it. */
    public record CardJson(long id, CardKind kind, @Nullable EffectTarget target, String text, String state,
            @Nullable String role, int dots, @Nullable Long mergedIntoId, @Nullable Long elementId, long changed) {
    }

    /** What changed since the script last looked, and the workshop's state. */
    public record ChangesJson(long next, List<CardJson> cards, boolean open, String timeLeft) {
    }

    @GetMapping("/workshops/{workshopId}")
    String show(@PathVariable long workshopId, Locale locale, Model model) {
        return live(workshops.workshop(workshopId), locale, model);
    }

    @GetMapping("/workshops/{workshopId}/changes")
    @ResponseBody
    ChangesJson changes(@PathVariable long workshopId, @RequestParam(defaultValue = "0") long after, Locale locale) {
        Workshop workshop = workshops.workshop(workshopId);
        CardChanges changes = workshops.changes(workshopId, after);
        boolean open = workshop.isOpen(clock.instant());
        return new ChangesJson(changes.next(), changes.cards().stream().map(card -> new CardJson(card.id(),
                card.kind(), card.target(), card.text(), card.state().name(),
                card.role() == null ? null : card.role().name(), card.dots(), card.mergedIntoId(), card.elementId(),
                card.changed())).toList(), open, timeLeft(workshop, locale));
    }

    @PostMapping("/workshops/{workshopId}/cards/{cardId}/hide")
    String hide(@PathVariable long workshopId, @PathVariable long cardId,
            @RequestParam(defaultValue = "true") boolean hidden, Locale locale, Model model,
            RedirectAttributes redirect) {
        try {
            workshops.hideCard(workshopId, cardId, hidden);
            redirect.addFlashAttribute("flash", hidden ? "workshop.live.hidden" : "workshop.live.shownAgain");
            return "redirect:/workshops/" + workshopId + "#card-" + cardId;
        }
        catch (RuleViolationException ex) {
            return refused(workshopId, cardId, ex, null, locale, model);
        }
    }

    @PostMapping("/workshops/{workshopId}/cards/{cardId}/merge")
    String merge(@PathVariable long workshopId, @PathVariable long cardId, @RequestParam(required = false) Long keptId,
            Locale locale, Model model, RedirectAttributes redirect) {
        try {
            if (keptId == null) {
                throw new RuleViolationException("keptId", "workshop.live.merge.choose");
            }
            workshops.mergeCards(workshopId, keptId, cardId);
            redirect.addFlashAttribute("flash", "workshop.live.merged");
            return "redirect:/workshops/" + workshopId + "#card-" + keptId;
        }
        catch (RuleViolationException ex) {
            return refused(workshopId, cardId, ex, keptId, locale, model);
        }
    }

    @PostMapping("/workshops/{workshopId}/cards")
    String addCard(@PathVariable long workshopId, @ModelAttribute("cardForm") FacilitatorCardForm form, BindingResult result,
            Locale locale, Model model, RedirectAttributes redirect) {
        Workshop workshop = workshops.workshop(workshopId);
        if (!result.hasErrors()) {
            try {
                long id = workshops.addCard(workshopId, form.toDraft());
                redirect.addFlashAttribute("flash", "workshop.live.cardAdded");
                return "redirect:/workshops/" + workshopId + "#card-" + id;
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return live(workshop, locale, model);
    }

    @PostMapping("/workshops/{workshopId}/links")
    String addLink(@PathVariable long workshopId, @ModelAttribute("workshopLinkForm") WorkshopLinkForm form,
            BindingResult result, Locale locale, Model model, RedirectAttributes redirect) {
        Workshop workshop = workshops.workshop(workshopId);
        if (!result.hasErrors()) {
            try {
                workshops.addLink(workshopId, form.toDraft());
                redirect.addFlashAttribute("flash", "workshop.live.linkAdded");
                return "redirect:/workshops/" + workshopId + "#link-form";
            }
            catch (LinkRefusedException ex) {
                FormErrors.reject(result, ex);
                model.addAttribute("advice", ex.advice());
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return live(workshop, locale, model);
    }

    @GetMapping("/workshops/{workshopId}/close")
    String closeForm(@PathVariable long workshopId, Model model) {
        Workshop workshop = workshops.workshop(workshopId);
        model.addAttribute("workshop", workshop);
        model.addAttribute("page", evaluations.page(workshop.evaluationId()));
        return "workshop/close";
    }

    @PostMapping("/workshops/{workshopId}/close")
    String close(@PathVariable long workshopId, RedirectAttributes redirect) {
        Workshop workshop = workshops.workshop(workshopId);
        workshops.close(workshopId);
        redirect.addFlashAttribute("flash", "workshop.live.closed");
        return "redirect:/evaluations/" + workshop.evaluationId() + "/workshops";
    }

    private String refused(long workshopId, long cardId, RuleViolationException ex, @Nullable Long keptId,
            Locale locale, Model model) {
        RuleViolationException.Violation violation = ex.violations().get(0);
        model.addAttribute("refusal", new CardRefusal(cardId, violation.code(), violation.arguments(), keptId));
        return live(workshops.workshop(workshopId), locale, model);
    }

    private String live(Workshop workshop, Locale locale, Model model) {
        EvaluationPage page = evaluations.page(workshop.evaluationId());
        Map<CardKind, String> kindNames = new EnumMap<>(CardKind.class);
        for (CardKind kind : CardKind.values()) {
            kindNames.put(kind, messages.getMessage("workshop.kind." + kind, null, locale));
        }
        Map<EffectTarget, String> effectTitles = new EnumMap<>(EffectTarget.class);
        for (EffectTarget target : EffectTarget.values()) {
            effectTitles.put(target, messages.getMessage("workshop.live.effectGroup",
                    new Object[] { page.targets().label(target) }, locale));
        }
        WorkshopTrace trace = workshops.traces(workshop.evaluationId()).stream()
                .filter(candidate -> candidate.workshop().id() == workshop.id()).findFirst().orElseThrow();
        LiveView view = LiveView.of(workshop, trace, workshops.cards(workshop.id()), kindNames, effectTitles,
                messages.getMessage("workshop.live.hiddenGroup", null, locale), clock.instant());
        String joinUrl = publicUrl.link("/w/" + workshop.code());
        model.addAttribute("page", page);
        model.addAttribute("view", view);
        model.addAttribute("chain", chains.editableChain(workshop.evaluationId()));
        model.addAttribute("joinUrl", joinUrl);
        model.addAttribute("qr", QrCodes.svg(joinUrl));
        model.addAttribute("timeLeft", timeLeft(workshop, locale));
        model.addAttribute("kinds", CardKind.values());
        model.addAttribute("targets", page.targets().choices());
        if (!model.containsAttribute("cardForm")) {
            model.addAttribute("cardForm", FacilitatorCardForm.empty());
        }
        if (!model.containsAttribute("workshopLinkForm")) {
            model.addAttribute("workshopLinkForm", WorkshopLinkForm.empty());
        }
        return "workshop/live";
    }

    /** « reste 1 h 20 min », or « terminé ». */
    private String timeLeft(Workshop workshop, Locale locale) {
        if (!workshop.isOpen(clock.instant())) {
            return messages.getMessage("workshop.live.ended", null, locale);
        }
        Duration left = Duration.between(clock.instant(), workshop.closesAt());
        long minutes = Math.max(1, (left.getSeconds() + 59) / 60);
        return messages.getMessage("workshop.live.timeLeft", new Object[] { minutes / 60, minutes % 60 }, locale);
    }
}
