package fr.maillon.restitution.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.restitution.AnnotationService;
import fr.maillon.restitution.AnnotationTarget;
import fr.maillon.web.RuleViolationException;

/**
 * An evaluation's annotations: a network member comments on a shared report, indicator or verdict;
 * the structure's editors answer. A refused text is shown again (200) with what was typed and why.
 */
@Controller
class AnnotationController {

    private final AnnotationService annotations;

    AnnotationController(AnnotationService annotations) {
        this.annotations = annotations;
    }

    /** The list; {@code target} ({@code REPORT-12}) chooses what the new annotation is about. */
    @GetMapping("/evaluations/{evaluationId}/annotations")
    String list(@PathVariable long evaluationId, @RequestParam(required = false) @Nullable String target,
            Model model) {
        model.addAttribute("view", annotations.annotations(evaluationId));
        if (!model.containsAttribute("target")) {
            model.addAttribute("target", target == null ? "" : target);
        }
        return "report/annotations";
    }

    @PostMapping("/evaluations/{evaluationId}/annotations")
    String create(@PathVariable long evaluationId, @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable String organisationId,
            @RequestParam(required = false) @Nullable String text, Model model, RedirectAttributes redirect) {
        AnnotationTarget kind = null;
        Long targetId = null;
        if (target != null && target.matches("[A-Z]{1,20}-\\d{1,18}")) {
            String name = target.substring(0, target.indexOf('-'));
            kind = Arrays.stream(AnnotationTarget.values()).filter(candidate -> candidate.name().equals(name))
                    .findFirst().orElse(null);
            targetId = Long.parseLong(target.substring(target.indexOf('-') + 1));
        }
        // none: the only network, or refused as to choose; not a number: none of hers, refused by the service
        Long author = organisationId == null || organisationId.isBlank() ? null
                : organisationId.strip().matches("\\d{1,18}") ? Long.valueOf(organisationId.strip()) : Long.valueOf(0);
        try {
            annotations.annotate(evaluationId, author, kind, targetId, text);
            redirect.addFlashAttribute("flash", "restitution.annotation.saved");
            return "redirect:/evaluations/" + evaluationId + "/annotations#annotations-list";
        }
        catch (RuleViolationException ex) {
            model.addAttribute("target", target == null ? "" : target);
            model.addAttribute("typed", text);
            model.addAttribute("typedAuthor", organisationId == null ? "" : organisationId.strip());
            model.addAttribute("errors", ex.violations().stream().collect(Collectors.toMap(
                    RuleViolationException.Violation::field, violation -> violation, (first, second) -> first)));
            return list(evaluationId, target, model);
        }
    }

    @PostMapping("/evaluations/{evaluationId}/annotations/{annotationId}/answer")
    String answer(@PathVariable long evaluationId, @PathVariable long annotationId,
            @RequestParam(required = false) @Nullable String answer, Model model, RedirectAttributes redirect) {
        try {
            annotations.answer(evaluationId, annotationId, answer);
            redirect.addFlashAttribute("flash", "restitution.annotation.answered");
            return "redirect:/evaluations/" + evaluationId + "/annotations#annotation-" + annotationId;
        }
        catch (RuleViolationException ex) {
            model.addAttribute("answerFor", annotationId);
            model.addAttribute("typedAnswer", answer);
            model.addAttribute("answerErrors", ex.violations());
            return list(evaluationId, null, model);
        }
    }
}
