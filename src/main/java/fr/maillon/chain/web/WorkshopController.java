package fr.maillon.chain.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ChainService;
import fr.maillon.chain.DiagramService;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.TargetNames;
import fr.maillon.chain.WorkshopResult;
import fr.maillon.chain.internal.WorkshopParser;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;

/** The workshop entry: type the chain line by line while people speak, and watch the diagram grow. */
@Controller
class WorkshopController {

    /** The box shows at least this many numbered lines, and grows with the text up to {@link #MAX_LINES}. */
    private static final int MIN_LINES = 8;
    private static final int MAX_LINES = 5000;

    private final ChainService chains;
    private final DiagramService diagrams;
    private final EvaluationService evaluations;

    WorkshopController(ChainService chains, DiagramService diagrams, EvaluationService evaluations) {
        this.chains = chains;
        this.diagrams = diagrams;
        this.evaluations = evaluations;
    }

    /** A target's name and the short tags that name it in the notation ({@code #habitants}, {@code #usagers}). */
    public record TargetTags(String name, String tags) {
    }

    @GetMapping("/evaluations/{evaluationId}/workshop")
    String show(@PathVariable long evaluationId, HttpServletRequest request, Locale locale, Model model) {
        if (!model.containsAttribute("workshopForm")) {
            model.addAttribute("workshopForm", new WorkshopForm(""));
        }
        return page(evaluationId, request, locale, model);
    }

    @PostMapping("/evaluations/{evaluationId}/workshop")
    String apply(@PathVariable long evaluationId, @ModelAttribute("workshopForm") WorkshopForm form,
            BindingResult result, HttpServletRequest request, Locale locale, Model model,
            RedirectAttributes redirect) {
        try {
            WorkshopResult added = chains.workshop(evaluationId, form.text());
            redirect.addFlashAttribute("added", added);
            return "redirect:/evaluations/" + evaluationId + "/workshop";
        }
        catch (RuleViolationException ex) {
            FormErrors.reject(result, ex);
            model.addAttribute("refusedLines", refusedLines(ex));
            model.addAttribute("linkRefused", ex.violations().stream().anyMatch(WorkshopController::refusesLink));
        }
        return page(evaluationId, request, locale, model);
    }

    /** The numbers of the refused lines, marked in the gutter. */
    private static Set<Integer> refusedLines(RuleViolationException ex) {
        Set<Integer> lines = new TreeSet<>();
        for (Violation violation : ex.violations()) {
            if (violation.arguments().length > 0 && violation.arguments()[0] instanceof Integer line) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Whether a line was refused as a link the method does not draw: the page then points to the allowed links. */
    private static boolean refusesLink(Violation violation) {
        return Arrays.stream(violation.arguments()).anyMatch(argument -> argument instanceof MessageSourceResolvable
                resolvable && resolvable.getCodes() != null && Arrays.asList(resolvable.getCodes()).contains(
                        "chain.link.refused"));
    }

    private String page(long evaluationId, HttpServletRequest request, Locale locale, Model model) {
        model.addAttribute("chain", chains.editableChain(evaluationId));
        model.addAttribute("svg", diagrams.svg(evaluationId, request.getContextPath(), locale));
        model.addAttribute("targetTags", targetTags(evaluationId, locale));
        model.addAttribute("workshopTags", ChainService.workshopTags());
        WorkshopForm form = (WorkshopForm) model.getAttribute("workshopForm");
        String text = form == null || form.text() == null ? "" : form.text();
        model.addAttribute("lineCount", Math.max(MIN_LINES, Math.min(MAX_LINES, text.split("\\R", -1).length + 1)));
        return "chain/workshop";
    }

    private List<TargetTags> targetTags(long evaluationId, Locale locale) {
        Map<String, EffectTarget> tags = chains.workshopTargetTags(evaluationId);
        TargetNames names = evaluations.targetNames(evaluationId, locale);
        List<TargetTags> shown = new ArrayList<>();
        for (EffectTarget target : EffectTarget.values()) {
            String firstWord = WorkshopParser.firstWordTag(names.label(target));
            List<String> shortTags = new ArrayList<>();
            tags.forEach((tag, tagged) -> {
                if (tagged == target && (WorkshopParser.isCodeTag(tag) || tag.equals(firstWord))) {
                    shortTags.add("#" + tag);
                }
            });
            shown.add(new TargetTags(names.label(target), String.join(", ", shortTags)));
        }
        return shown;
    }
}
