package fr.maillon.framework.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.IndicatorRules;
import fr.maillon.framework.LibraryService;
import fr.maillon.framework.RulesDraft;
import fr.maillon.framework.ValidationService;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** An evaluation's data checked against its library's rules and signed off by year; an entry's rules. */
@Controller
class ValidationController {

    /** A year's sign-off as typed: the year, "I sign with the open violations", and a note. */
    public record SignOffForm(@Nullable String period, @Nullable Boolean withViolations, @Nullable String note) {
    }

    /** An entry's rules as typed. */
    public record RulesForm(@Nullable String minimum, @Nullable String maximum, @Nullable String jumpPercent,
            @Nullable Boolean required) {

        static RulesForm of(IndicatorRules rules) {
            return new RulesForm(text(rules.minimum()), text(rules.maximum()), text(rules.jumpPercent()),
                    rules.required());
        }

        private static String text(java.math.@Nullable BigDecimal value) {
            return value == null ? "" : value.stripTrailingZeros().toPlainString().replace('.', ',');
        }
    }

    private final ValidationService validation;
    private final EvaluationService evaluations;
    private final LibraryService libraries;

    ValidationController(ValidationService validation, EvaluationService evaluations, LibraryService libraries) {
        this.validation = validation;
        this.evaluations = evaluations;
        this.libraries = libraries;
    }

    @GetMapping("/evaluations/{evaluationId}/validation")
    String show(@PathVariable long evaluationId, Model model) {
        model.addAttribute("signOffForm", new SignOffForm(null, false, ""));
        return page(evaluationId, model);
    }

    @PostMapping("/evaluations/{evaluationId}/sign-offs")
    String signOff(@PathVariable long evaluationId, @ModelAttribute("signOffForm") SignOffForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            // a value that is no yes or no for the box: nothing is signed, the page says so
            redirect.addFlashAttribute("flash", "framework.signOff.notUnderstood");
            return "redirect:/evaluations/" + evaluationId + "/validation";
        }
        try {
            validation.signOff(evaluationId, form.period(), Boolean.TRUE.equals(form.withViolations()), form.note());
            redirect.addFlashAttribute("flash", "framework.signOff.done");
            return "redirect:/evaluations/" + evaluationId + "/validation";
        }
        catch (RuleViolationException ex) {
            FormErrors.reject(result, ex);
            return page(evaluationId, model);
        }
    }

    private String page(long evaluationId, Model model) {
        model.addAttribute("validation", validation.validation(evaluationId));
        model.addAttribute("page", evaluations.page(evaluationId));
        return "framework/validation";
    }

    @GetMapping("/organisations/{organisationId}/library/entries/{entryId}/rules")
    String rulesForm(@PathVariable long organisationId, @PathVariable long entryId, Model model) {
        model.addAttribute("rulesForm", RulesForm.of(validation.rules(organisationId, entryId)));
        return rulesPage(organisationId, entryId, model);
    }

    @PostMapping("/organisations/{organisationId}/library/entries/{entryId}/rules")
    String saveRules(@PathVariable long organisationId, @PathVariable long entryId,
            @ModelAttribute("rulesForm") RulesForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        try {
            validation.saveRules(organisationId, entryId, new RulesDraft(form.minimum(), form.maximum(),
                    form.jumpPercent(), form.required()));
            redirect.addFlashAttribute("flash", "framework.rules.saved");
            return "redirect:/organisations/" + organisationId + "/library";
        }
        catch (RuleViolationException ex) {
            FormErrors.reject(result, ex, Map.of());
            return rulesPage(organisationId, entryId, model);
        }
    }

    private String rulesPage(long organisationId, long entryId, Model model) {
        LibraryService.FederationLibrary view = libraries.federationLibrary(organisationId);
        model.addAttribute("view", view);
        model.addAttribute("entry", view.library() == null ? null : view.library().entries().stream()
                .filter(entry -> entry.id() == entryId).findFirst().orElse(null));
        return "framework/entry-rules";
    }
}
