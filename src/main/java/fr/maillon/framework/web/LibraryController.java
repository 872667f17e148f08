package fr.maillon.framework.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.Aggregation;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.Direction;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.IndicatorLibrary;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.LibraryService;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodType;
import fr.maillon.framework.ValidationService;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** Copying library indicators into a framework, and a federation's own library. */
@Controller
class LibraryController {

    /** An entry of a federation's library: an indicator's form, its theme and a disaggregation code. */
    public record EntryForm(@Nullable String theme, @Nullable String code, @Nullable String name,
            @Nullable String description, @Nullable Measure measure, @Nullable String unit,
            @Nullable String scaleLevels, @Nullable Direction direction, @Nullable Aggregation aggregation,
            @Nullable DataSource source, @Nullable String formula, @Nullable String disaggregationCode) {

        static EntryForm empty() {
            return new EntryForm("", "", "", "", Measure.COUNT, "", "", Direction.INCREASE, Aggregation.SUM,
                    DataSource.MANUAL, "", "");
        }

        IndicatorDraft toDraft() {
            return new IndicatorDraft(code, name, description, measure, unit, scaleLevels == null
                    || scaleLevels.isBlank() ? null : Arrays.stream(scaleLevels.split("\\R")).toList(), null, null,
                    direction, PeriodType.YEAR, aggregation, false, source, formula, null, null, null, null);
        }
    }

    private final LibraryService libraries;
    private final FrameworkService framework;
    private final EvaluationService evaluations;
    private final MessageSource messages;
    private final ValidationService validation;

    LibraryController(LibraryService libraries, FrameworkService framework, EvaluationService evaluations,
            MessageSource messages, ValidationService validation) {
        this.messages = messages;
        this.validation = validation;
        this.libraries = libraries;
        this.framework = framework;
        this.evaluations = evaluations;
    }

    @GetMapping("/evaluations/{evaluationId}/library")
    String library(@PathVariable long evaluationId, Model model) {
        return libraryPage(evaluationId, model);
    }

    /** Copies the ticked entries and shows what was added; a second copy adds nothing twice. */
    @PostMapping("/evaluations/{evaluationId}/library")
    String copy(@PathVariable long evaluationId, @RequestParam(required = false) List<Long> entryIds, Model model,
            Locale locale) {
        try {
            model.addAttribute("copy", libraries.copy(evaluationId, entryIds == null ? List.of() : entryIds));
        }
        catch (RuleViolationException ex) {
            model.addAttribute("copyErrors", ex.violations().stream().map(violation -> messages.getMessage(
                    violation.code(), violation.arguments(), locale)).toList());
        }
        return libraryPage(evaluationId, model);
    }

    @GetMapping("/organisations/{organisationId}/library")
    String federationLibrary(@PathVariable long organisationId, Model model) {
        model.addAttribute("entryForm", EntryForm.empty());
        return federationPage(organisationId, model);
    }

    @PostMapping("/organisations/{organisationId}/library/entries")
    String addEntry(@PathVariable long organisationId, @ModelAttribute("entryForm") EntryForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        try {
            libraries.addEntry(organisationId, form.theme(), form.toDraft(), form.disaggregationCode());
            redirect.addFlashAttribute("flash", "framework.library.entrySaved");
            return "redirect:/organisations/" + organisationId + "/library";
        }
        catch (RuleViolationException ex) {
            FormErrors.reject(result, ex);
            return federationPage(organisationId, model);
        }
    }

    @PostMapping("/organisations/{organisationId}/library/entries/{entryId}/delete")
    String deleteEntry(@PathVariable long organisationId, @PathVariable long entryId, RedirectAttributes redirect) {
        try {
            libraries.deleteEntry(organisationId, entryId);
            redirect.addFlashAttribute("flash", "chain.deleted");
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", "framework.indicator.usedByFormula.short");
        }
        return "redirect:/organisations/" + organisationId + "/library";
    }

    @PostMapping("/organisations/{organisationId}/library/publish")
    String publish(@PathVariable long organisationId, @RequestParam boolean published, RedirectAttributes redirect) {
        libraries.publish(organisationId, published);
        redirect.addFlashAttribute("flash", published ? "framework.library.published" : "framework.library.withdrawn");
        return "redirect:/organisations/" + organisationId + "/library";
    }

    private String libraryPage(long evaluationId, Model model) {
        Set<String> present = framework.indicators(evaluationId).stream().map(Indicator::code)
                .collect(Collectors.toSet());
        model.addAttribute("page", evaluations.page(evaluationId));
        List<IndicatorLibrary> visible = libraries.libraries(evaluationId);
        model.addAttribute("libraries", visible);
        model.addAttribute("present", present);
        model.addAttribute("rules", validation.rules(visible.stream()
                .flatMap(library -> library.entries().stream()).map(LibraryEntry::id).toList()));
        return "framework/library";
    }

    private String federationPage(long organisationId, Model model) {
        LibraryService.FederationLibrary view = libraries.federationLibrary(organisationId);
        model.addAttribute("view", view);
        model.addAttribute("rules", validation.rules(view.library() == null ? List.of()
                : view.library().entries().stream().map(LibraryEntry::id).toList()));
        model.addAttribute("measures", Measure.values());
        model.addAttribute("directions", Direction.values());
        model.addAttribute("aggregations", Aggregation.values());
        model.addAttribute("sources", DataSource.values());
        return "framework/federation-library";
    }
}
