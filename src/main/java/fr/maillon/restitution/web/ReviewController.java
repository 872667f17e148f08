package fr.maillon.restitution.web;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import fr.maillon.restitution.Opinion;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReviewService;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;

/**
 * The review of a report: the authors make links for reviewers and share links, and answer
 * comments; a reviewer's link and a share link open pages without sign-in.
 */
@Controller
class ReviewController {

    private final ReviewService reviews;

    ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    @PostMapping("/reports/{reportId}/reviewers")
    String invite(@PathVariable long reportId, @RequestParam(required = false) @Nullable String name,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("newLink", link("/review/" + reviews.invite(reportId, name)));
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", ex.violations().get(0).code());
        }
        return "redirect:/reports/" + reportId + "#review";
    }

    @PostMapping("/reports/{reportId}/reviewers/{reviewerId}/revoke")
    String revokeReviewer(@PathVariable long reportId, @PathVariable long reviewerId, RedirectAttributes redirect) {
        reviews.revokeReviewer(reportId, reviewerId);
        redirect.addFlashAttribute("flash", "restitution.review.revoked");
        return "redirect:/reports/" + reportId + "#review";
    }

    @PostMapping("/reports/{reportId}/comments/{commentId}/answer")
    String answer(@PathVariable long reportId, @PathVariable long commentId,
            @RequestParam(required = false) @Nullable String answer, RedirectAttributes redirect) {
        try {
            reviews.answer(reportId, commentId, answer);
            redirect.addFlashAttribute("flash", "restitution.review.answered");
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", "restitution.review.answerRefused");
        }
        return "redirect:/reports/" + reportId + "#review";
    }

    @PostMapping("/reports/{reportId}/shares")
    String share(@PathVariable long reportId, @RequestParam int version,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate expiresOn,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("newShare", link("/r/" + reviews.share(reportId, version, expiresOn)));
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", ex.violations().get(0).code());
        }
        return "redirect:/reports/" + reportId + "?version=" + version + "#shares";
    }

    @PostMapping("/reports/{reportId}/shares/{shareId}/revoke")
    String revokeShare(@PathVariable long reportId, @PathVariable long shareId, @RequestParam int version,
            RedirectAttributes redirect) {
        reviews.revokeShare(reportId, shareId);
        redirect.addFlashAttribute("flash", "restitution.share.revoked");
        return "redirect:/reports/" + reportId + "?version=" + version + "#shares";
    }

    // --- pages opened by a link ---------------------------------------------------------------

    @GetMapping("/review/{token}")
    String review(@PathVariable String token, Model model) {
        model.addAttribute("review", reviews.page(token));
        model.addAttribute("token", token);
        model.addAttribute("opinions", Opinion.values());
        return "report/review";
    }

    @PostMapping("/review/{token}")
    String comment(@PathVariable String token, @RequestParam(required = false) ReportAudience.@Nullable Section section,
            @RequestParam(required = false) @Nullable Opinion opinion,
            @RequestParam(required = false) @Nullable String text, RedirectAttributes redirect) {
        try {
            reviews.comment(token, section, opinion, text);
            redirect.addFlashAttribute("reviewFlash", "restitution.review.thanks");
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("reviewFlash", ex.violations().get(0).code());
        }
        return "redirect:/review/" + token + (section == null ? "" : "#section-" + section);
    }

    @GetMapping("/r/{token}")
    String shared(@PathVariable String token, Model model) {
        model.addAttribute("doc", reviews.shared(token));
        return "report/shared";
    }

    /** A link that no longer opens anything: revoked, expired, or never made. */
    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String gone() {
        return "report/gone";
    }

    private static String link(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
    }
}
