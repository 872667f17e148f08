package fr.maillon.restitution.web;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.restitution.ReviewService;
import fr.maillon.web.PublicUrl;
import fr.maillon.web.RuleViolationException;

/** The review of a report, for its authors: links for reviewers, answers to comments, share links. */
@Controller
class ReviewController {

    private final ReviewService reviews;
    private final PublicUrl publicUrl;

    ReviewController(ReviewService reviews, PublicUrl publicUrl) {
        this.reviews = reviews;
        this.publicUrl = publicUrl;
    }

    @PostMapping("/reports/{reportId}/reviewers")
    String invite(@PathVariable long reportId, @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate expiresOn,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("newLink", link("/review/" + reviews.invite(reportId, name, expiresOn)));
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", ex.violations().get(0).code());
            // the form shows again what was typed
            redirect.addFlashAttribute("reviewerName", name);
            redirect.addFlashAttribute("reviewerExpiresOn", expiresOn);
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
    String revokeShare(@PathVariable long reportId, @PathVariable long shareId,
            @RequestParam(defaultValue = "0") int version, RedirectAttributes redirect) {
        reviews.revokeShare(reportId, shareId);
        redirect.addFlashAttribute("flash", "restitution.share.revoked");
        return "redirect:/reports/" + reportId + (version > 0 ? "?version=" + version : "") + "#shares";
    }

    private String link(String path) {
        return publicUrl.link(path);
    }
}
