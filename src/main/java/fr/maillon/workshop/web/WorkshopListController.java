package fr.maillon.workshop.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopService;

/** An evaluation's workshops, the latest first, with what each left; its editors open a new one here. */
@Controller
class WorkshopListController {

    private final WorkshopService workshops;
    private final EvaluationService evaluations;
    private final MessageSource messages;
    private final Clock clock;

    WorkshopListController(WorkshopService workshops, EvaluationService evaluations, MessageSource messages,
            Clock clock) {
        this.workshops = workshops;
        this.evaluations = evaluations;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/evaluations/{evaluationId}/workshops")
    String list(@PathVariable long evaluationId, Locale locale, Model model) {
        model.addAttribute("openWorkshopForm", new OpenWorkshopForm(defaultTitle(locale),
                WorkshopService.DEFAULT_DURATION_MINUTES, WorkshopService.DEFAULT_CARD_LIMIT));
        return page(evaluationId, model);
    }

    @PostMapping("/evaluations/{evaluationId}/workshops")
    String open(@PathVariable long evaluationId, @ModelAttribute("openWorkshopForm") OpenWorkshopForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                Workshop workshop = workshops.open(evaluationId, form.toDraft());
                redirect.addFlashAttribute("flash", "workshop.facilitator.opened");
                return "redirect:/workshops/" + workshop.id();
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return page(evaluationId, model);
    }

    private String page(long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("traces", workshops.traces(evaluationId));
        model.addAttribute("now", clock.instant());
        model.addAttribute("roles", ParticipantRole.values());
        model.addAttribute("minDuration", WorkshopService.MIN_DURATION_MINUTES);
        model.addAttribute("maxDuration", WorkshopService.MAX_DURATION_MINUTES);
        model.addAttribute("maxCardLimit", WorkshopService.MAX_CARD_LIMIT);
        model.addAttribute("maxTitle", WorkshopService.MAX_TITLE);
        return "workshop/list";
    }

    /** « Atelier du 6 décembre », today in the configured zone. */
    private String defaultTitle(Locale locale) {
        LocalDate today = LocalDate.now(clock);
        return messages.getMessage("workshop.list.defaultTitle", new Object[] { String.valueOf(today.getDayOfMonth()),
                DateTimeFormatter.ofPattern("MMMM", locale).format(today) }, locale);
    }
}
