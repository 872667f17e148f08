package fr.maillon.workshop.web;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;

import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.workshop.JoinedParticipant;
import fr.maillon.workshop.Participant;
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopNotFoundException;
import fr.maillon.workshop.WorkshopService;

/**
 * A participant's pages of a live workshop, for anyone with its code, on any phone: the join page
 * (who are you? a role, never a name), then the card page (a card form, her own cards, the others'
 * cards with a +1 each). Plain forms, post/redirect/get: no JavaScript needed. The browser keeps
 * the participant's secret in a cookie for this workshop's path only, until the workshop closes.
 */
@Controller
class ParticipantController {

    static final String COOKIE = "maillon_workshop";
    private static final int UNPROCESSABLE = HttpStatus.UNPROCESSABLE_CONTENT.value();

    private final WorkshopService workshops;
    private final ParticipantPages pages;
    private final ParticipantThrottle throttle;
    private final Clock clock;

    ParticipantController(WorkshopService workshops, ParticipantPages pages, ParticipantThrottle throttle,
            Clock clock) {
        this.workshops = workshops;
        this.pages = pages;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Where a typed code leads: {@code /w?code=abc234} goes to {@code /w/ABC234}; without a code, a field to type it. */
    @GetMapping("/w")
    Object lookup(@RequestParam(required = false) @Nullable String code, Model model, HttpServletResponse response) {
        String normalized = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (normalized.matches("[A-Z0-9]{" + WorkshopService.CODE_LENGTH + "}")) {
            return seeOther("/w/" + normalized);
        }
        if (code != null && !code.isBlank()) {
            return unknown(code, model, response);
        }
        model.addAttribute("typedCode", "");
        return "workshop/lookup";
    }

    @GetMapping("/w/{code}")
    Object show(@PathVariable String code, @CookieValue(name = COOKIE, required = false) @Nullable String secret,
            Model model, HttpServletResponse response, Locale locale) {
        Workshop workshop = workshops.byCode(code);
        if (!workshop.code().equals(code)) {
            return seeOther("/w/" + workshop.code());
        }
        if (!workshop.isOpen(clock.instant())) {
            return pages.closed(workshop, null, model, response);
        }
        Optional<Participant> participant = workshops.participant(workshop, secret);
        if (participant.isEmpty()) {
            return pages.join(workshop, null, null, model);
        }
        return pages.cards(workshop, participant.get(), CardForm.empty(), Map.of(), model, locale);
    }

    @PostMapping("/w/{code}/join")
    Object join(@PathVariable String code, @RequestParam(required = false) @Nullable String role,
            @CookieValue(name = COOKIE, required = false) @Nullable String secret, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if (!throttle.allowJoin(request.getRemoteAddr())) {
            return tooMany(response);
        }
        Workshop workshop = workshops.byCode(code);
        if (!workshop.isOpen(clock.instant())) {
            return pages.closed(workshop, null, model, response);
        }
        if (workshops.participant(workshop, secret).isPresent()) {
            return seeOther("/w/" + workshop.code());
        }
        ParticipantRole chosen = parseRole(role);
        JoinedParticipant joined;
        try {
            joined = workshops.join(workshop.code(), chosen);
        }
        catch (RuleViolationException ex) {
            response.setStatus(UNPROCESSABLE);
            return pages.join(workshop, role, ex.violations().get(0), model);
        }
        Duration lifetime = Duration.between(clock.instant(), workshop.closesAt());
        ResponseCookie cookie = ResponseCookie.from(COOKIE, joined.secret())
                .path("/w/" + workshop.code())
                .httpOnly(true)
                .sameSite("Lax")
                .secure(request.isSecure())
                .maxAge(lifetime.isNegative() ? Duration.ZERO : lifetime)
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        return seeOther("/w/" + workshop.code());
    }

    @PostMapping("/w/{code}/cards")
    Object post(@PathVariable String code, CardForm form,
            @CookieValue(name = COOKIE, required = false) @Nullable String secret, Model model,
            HttpServletRequest request, HttpServletResponse response, Locale locale) {
        if (!throttle.allowPost(request.getRemoteAddr())) {
            return tooMany(response);
        }
        Workshop workshop = workshops.byCode(code);
        if (!workshop.isOpen(clock.instant())) {
            return pages.closed(workshop, form, model, response);
        }
        Optional<UUID> key = form.key();
        Map<String, Violation> errors = new HashMap<>();
        try {
            if (key.isEmpty()) {
                throw new RuleViolationException("text", "workshop.participant.submission.invalid");
            }
            // the path every card of a hall takes: the workshop read once, then one statement
            workshops.post(workshop, secret, key.get(), form.draft());
        }
        catch (RuleViolationException ex) {
            if (ex.violations().stream().anyMatch(violation -> "workshop.closed".equals(violation.code()))) {
                return pages.closed(workshop, form, model, response);
            }
            ex.violations().forEach(violation -> errors.putIfAbsent(violation.field(), violation));
        }
        if (!errors.isEmpty()) {
            response.setStatus(UNPROCESSABLE);
            Optional<Participant> participant = workshops.participant(workshop, secret);
            if (participant.isEmpty()) {
                return pages.join(workshop, null, new Violation("participant", "workshop.participant.unknown"), model);
            }
            return pages.cards(workshop, participant.get(), form, errors, model, locale);
        }
        return seeOther("/w/" + workshop.code() + "#mine");
    }

    @PostMapping("/w/{code}/cards/{cardId}/dot")
    Object dot(@PathVariable String code, @PathVariable long cardId,
            @CookieValue(name = COOKIE, required = false) @Nullable String secret, Model model,
            HttpServletRequest request, HttpServletResponse response, Locale locale) {
        if (!throttle.allowPost(request.getRemoteAddr())) {
            return tooMany(response);
        }
        Workshop workshop = workshops.byCode(code);
        if (!workshop.isOpen(clock.instant())) {
            return pages.closed(workshop, null, model, response);
        }
        Optional<Participant> participant = workshops.participant(workshop, secret);
        if (participant.isEmpty()) {
            response.setStatus(UNPROCESSABLE);
            return pages.join(workshop, null, new Violation("participant", "workshop.participant.unknown"), model);
        }
        try {
            workshops.dot(workshop.code(), secret, cardId);
        }
        catch (RuleViolationException ex) {
            response.setStatus(UNPROCESSABLE);
            return pages.cards(workshop, participant.get(), CardForm.empty(),
                    Map.of("others", ex.violations().get(0)), model, locale);
        }
        return seeOther("/w/" + workshop.code() + "#card-" + cardId);
    }

    /** An unknown or mistyped code: a friendly page with a field to type it again. */
    @ExceptionHandler(WorkshopNotFoundException.class)
    String notFound(HttpServletRequest request, Model model, HttpServletResponse response) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        String typed = uri.startsWith("/w/") ? uri.substring(3).split("/", 2)[0] : "";
        return unknown(typed, model, response);
    }

    private static String unknown(String typed, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        String kept = typed.replaceAll("[^A-Za-z0-9 -]", "");
        model.addAttribute("typedCode", kept.length() > 20 ? kept.substring(0, 20) : kept);
        model.addAttribute("unknownCode", true);
        return "workshop/lookup";
    }

    private String tooMany(HttpServletResponse response) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttle.retryAfter().toSeconds()));
        return "workshop/too-many";
    }

    private static @Nullable ParticipantRole parseRole(@Nullable String role) {
        if (role == null || role.length() > 40) {
            return null;
        }
        try {
            return ParticipantRole.valueOf(role.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** Post/redirect/get: 303, so that a reload never posts again. */
    private static View seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }
}
