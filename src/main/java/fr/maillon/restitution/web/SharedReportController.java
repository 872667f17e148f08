package fr.maillon.restitution.web;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import fr.maillon.restitution.Opinion;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.Review;
import fr.maillon.restitution.ReviewLinkExpiredException;
import fr.maillon.restitution.ReviewService;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;

/**
 * The pages a link opens, for anyone holding it and without sign-in or session: a draft under
 * review, where its reviewer gives an opinion per section, and a shared final version.
 */
@Controller
class SharedReportController {

    private final ReviewService reviews;

    SharedReportController(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/review/{token}")
    String review(@PathVariable String token, @RequestParam(required = false) @Nullable String sent, Model model) {
        return reviewPage(token, sent != null ? "restitution.review.thanks" : null, model);
    }

    @PostMapping("/review/{token}")
    String comment(@PathVariable String token, @RequestParam(required = false) ReportAudience.@Nullable Section section,
            @RequestParam(required = false) @Nullable Opinion opinion,
            @RequestParam(required = false) @Nullable String text, Model model) {
        try {
            reviews.comment(token, section, opinion, text);
            return "redirect:/review/" + token + "?sent" + (section == null ? "" : "#section-" + section);
        }
        catch (RuleViolationException ex) {
            return reviewPage(token, ex.violations().get(0).code(), model);
        }
    }

    @GetMapping("/r/{token}")
    String shared(@PathVariable String token, Model model) {
        Review.Shared shared = reviews.shared(token);
        model.addAttribute("doc", shared.content());
        model.addAttribute("importMark", shared.importMark());
        return "report/shared";
    }

    /** A review link past its last day: gone, and it says since when. */
    @ExceptionHandler(ReviewLinkExpiredException.class)
    @ResponseStatus(HttpStatus.GONE)
    String expired(ReviewLinkExpiredException ex, Model model) {
        model.addAttribute("expiredOn", ex.expiredOn());
        return "report/expired";
    }

    /** A link that no longer opens anything: withdrawn, expired, or never made. */
    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String gone() {
        return "report/gone";
    }

    private String reviewPage(String token, @Nullable String message, Model model) {
        model.addAttribute("review", reviews.page(token));
        model.addAttribute("token", token);
        model.addAttribute("opinions", Opinion.values());
        model.addAttribute("reviewFlash", message);
        return "report/review";
    }
}
