package fr.maillon.workshop.web;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import fr.maillon.web.PublicUrl;
import fr.maillon.web.QrCodes;
import fr.maillon.workshop.Card;
import fr.maillon.workshop.CardChanges;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopService;

/**
 * The projector page of a workshop: no sign-in, its secret link is the key. The code and QR code in a
 * corner, the shown cards arriving, and the value-chain diagram growing as cards are placed. Once the
 * workshop has been over for a day, the link only says it is over.
 */
@Controller
class ProjectorController {

    private final WorkshopService workshops;
    private final MessageSource messages;
    private final PublicUrl publicUrl;
    private final Clock clock;

    ProjectorController(WorkshopService workshops, MessageSource messages, PublicUrl publicUrl, Clock clock) {
        this.workshops = workshops;
        this.messages = messages;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** A shown card as the projector's script reads it: empty text when it is no longer shown. */
    public record ProjectedCard(long id, String group, String text, String role, int dots, String dotsLabel,
            @Nullable Long elementId) {
    }

    public record ProjectorChanges(long next, List<ProjectedCard> cards) {
    }

    @GetMapping("/w/p/{token}")
    String show(@PathVariable String token, Locale locale, Model model) {
        Workshop workshop = workshops.projected(token);
        model.addAttribute("workshop", workshop);
        if (!workshops.projectorShows(workshop)) {
            return "workshop/projector-over";
        }
        String joinUrl = publicUrl.link("/w/" + workshop.code());
        CardChanges all = workshops.projectorChanges(token, 0);
        model.addAttribute("cards", all.cards().stream().filter(Card::shown).sorted(Comparator.comparingLong(Card::id))
                .map(card -> card(card, locale)).toList());
        model.addAttribute("next", all.next());
        model.addAttribute("joinUrl", joinUrl);
        model.addAttribute("ended", !workshop.isOpen(clock.instant()));
        model.addAttribute("qr", QrCodes.svg(joinUrl));
        model.addAttribute("svg", workshops.projectorDiagram(token, locale));
        model.addAttribute("groups", List.of("resource", "activity", "effect", "testimony"));
        return "workshop/projector";
    }

    @GetMapping("/w/p/{token}/changes")
    @ResponseBody
    ResponseEntity<ProjectorChanges> changes(@PathVariable String token, @RequestParam(defaultValue = "0") long after,
            Locale locale) {
        CardChanges changes = workshops.projectorChanges(token, after);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new ProjectorChanges(changes.next(), changes.cards().stream().map(card -> card(card, locale))
                        .toList()));
    }

    @GetMapping("/w/p/{token}/diagram.svg")
    ResponseEntity<String> diagram(@PathVariable String token, Locale locale) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(MediaType.valueOf("image/svg+xml;charset=UTF-8"))
                .body(workshops.projectorDiagram(token, locale));
    }

    private ProjectedCard card(Card card, Locale locale) {
        String role = card.role() == null ? messages.getMessage("workshop.projector.facilitator", null, locale)
                : messages.getMessage("workshop.role." + card.role(), null, locale);
        return new ProjectedCard(card.id(), card.kind().name().toLowerCase(Locale.ROOT),
                card.shown() ? card.text() : "", card.shown() ? role : "", card.dots(),
                messages.getMessage("workshop.projector.dots", new Object[] { card.dots() }, locale),
                card.shown() ? card.elementId() : null);
    }
}
