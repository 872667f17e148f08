package fr.maillon.workshop.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import fr.maillon.chain.TargetNames;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.workshop.Card;
import fr.maillon.workshop.CardKind;
import fr.maillon.workshop.Participant;
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopService;

/** The models of a participant's three pages: joining, posting cards, and the workshop that ended. */
@Component
class ParticipantPages {

    /** The others' cards a phone lists, the latest first: a hall's workshop rarely has more. */
    static final int MOST_OTHERS_SHOWN = 150;

    private final WorkshopService workshops;

    ParticipantPages(WorkshopService workshops) {
        this.workshops = workshops;
    }

    String join(Workshop workshop, @Nullable String chosenRole, @Nullable Violation error, Model model) {
        model.addAttribute("workshop", workshop);
        model.addAttribute("roles", ParticipantRole.values());
        model.addAttribute("chosenRole", chosenRole == null || chosenRole.length() > 40 ? "" : chosenRole);
        model.addAttribute("error", error);
        return "workshop/join";
    }

    String cards(Workshop workshop, Participant participant, CardForm form, Map<String, Violation> errors,
            Model model, Locale locale) {
        List<Card> shown = workshops.shownCards(workshop);
        List<Card> mine = new ArrayList<>();
        List<Card> others = new ArrayList<>();
        for (Card card : shown) {
            (Long.valueOf(participant.id()).equals(card.participantId()) ? mine : others).add(card);
        }
        Collections.reverse(others);
        Set<Long> dotted = new HashSet<>(workshops.dottedBy(participant));
        model.addAttribute("workshop", workshop);
        model.addAttribute("participant", participant);
        model.addAttribute("full", participant.cardsPosted() >= workshop.cardLimit());
        model.addAttribute("kinds", CardKind.values());
        TargetNames names = workshops.targetNames(workshop, locale);
        model.addAttribute("targets", names.choices());
        model.addAttribute("form", form);
        model.addAttribute("keptText", form.keptText());
        model.addAttribute("consented", form.consented());
        model.addAttribute("chosenKind", form.kindName());
        model.addAttribute("chosenTarget", form.targetName());
        model.addAttribute("errors", errors);
        model.addAttribute("submissionKey", UUID.randomUUID().toString());
        model.addAttribute("mine", mine);
        model.addAttribute("others", others.size() > MOST_OTHERS_SHOWN ? others.subList(0, MOST_OTHERS_SHOWN) : others);
        model.addAttribute("othersCount", others.size());
        model.addAttribute("mostOthersShown", MOST_OTHERS_SHOWN);
        model.addAttribute("dotted", dotted);
        model.addAttribute("targetNames", names);
        return "workshop/cards";
    }

    /** The workshop is over: said so, with when, and a card that did not reach it shown so it can be copied. */
    String closed(Workshop workshop, @Nullable CardForm form, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        model.addAttribute("workshop", workshop);
        model.addAttribute("keptText", form == null ? "" : form.keptText());
        return "workshop/closed";
    }
}
