package fr.maillon.framework.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.Disaggregation;
import fr.maillon.framework.DisaggregationService;
import fr.maillon.framework.FrameworkItemNotFoundException;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** The disaggregations offered to the structure, and the evaluation's custom periods. */
@Controller
class DisaggregationController {

    /** A disaggregation's name and its categories, one per line. */
    public record DisaggregationForm(@Nullable String name, @Nullable String categories, @Nullable Integer version) {

        static DisaggregationForm of(Disaggregation disaggregation) {
            return new DisaggregationForm(disaggregation.name(), String.join("\n", disaggregation.categories()),
                    disaggregation.version());
        }

        List<String> categoryList() {
            return categories == null ? List.of() : Arrays.asList(categories.split("\\R"));
        }
    }

    public record PeriodForm(@Nullable String label,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate start,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate end) {
    }

    private final DisaggregationService disaggregations;
    private final EvaluationService evaluations;

    DisaggregationController(DisaggregationService disaggregations, EvaluationService evaluations) {
        this.disaggregations = disaggregations;
        this.evaluations = evaluations;
    }

    @GetMapping("/evaluations/{evaluationId}/disaggregations")
    String list(@PathVariable long evaluationId, Model model) {
        model.addAttribute("disaggregationForm", new DisaggregationForm("", "", null));
        return listPage(evaluationId, model);
    }

    @PostMapping("/evaluations/{evaluationId}/disaggregations")
    String add(@PathVariable long evaluationId, @ModelAttribute("disaggregationForm") DisaggregationForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return listPage(evaluationId, model);
        }
        try {
            disaggregations.addDisaggregation(evaluationId, form.name(), form.categoryList());
            redirect.addFlashAttribute("flash", "framework.disaggregation.saved");
            return "redirect:/evaluations/" + evaluationId + "/disaggregations";
        }
        catch (RuleViolationException ex) {
            FormErrors.reject(result, ex);
            return listPage(evaluationId, model);
        }
    }

    @GetMapping("/evaluations/{evaluationId}/disaggregations/{id}/edit")
    String edit(@PathVariable long evaluationId, @PathVariable long id, Model model) {
        Disaggregation disaggregation = own(evaluationId, id);
        model.addAttribute("disaggregationForm", DisaggregationForm.of(disaggregation));
        return editPage(evaluationId, disaggregation, model);
    }

    @PostMapping("/evaluations/{evaluationId}/disaggregations/{id}/edit")
    String update(@PathVariable long evaluationId, @PathVariable long id,
            @ModelAttribute("disaggregationForm") DisaggregationForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        Disaggregation disaggregation = own(evaluationId, id);
        if (result.hasErrors()) {
            return editPage(evaluationId, disaggregation, model);
        }
        try {
            disaggregations.updateDisaggregation(evaluationId, id, form.name(), form.categoryList(), form.version());
            redirect.addFlashAttribute("flash", "framework.disaggregation.saved");
            return "redirect:/evaluations/" + evaluationId + "/disaggregations";
        }
        catch (ConcurrentEditException ex) {
            FormErrors.conflict(result, model, ex, DisaggregationForm.of(ex.stored(Disaggregation.class)));
            return editPage(evaluationId, disaggregation, model);
        }
        catch (RuleViolationException ex) {
            FormErrors.reject(result, ex);
            return editPage(evaluationId, disaggregation, model);
        }
    }

    @PostMapping("/evaluations/{evaluationId}/disaggregations/{id}/delete")
    String delete(@PathVariable long evaluationId, @PathVariable long id, RedirectAttributes redirect) {
        try {
            disaggregations.deleteDisaggregation(evaluationId, id);
            redirect.addFlashAttribute("flash", "chain.deleted");
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", "framework.disaggregation.inUse");
        }
        return "redirect:/evaluations/" + evaluationId + "/disaggregations";
    }

    @GetMapping("/evaluations/{evaluationId}/periods")
    String periods(@PathVariable long evaluationId, Model model) {
        model.addAttribute("periodForm", new PeriodForm("", null, null));
        return periodsPage(evaluationId, model);
    }

    @PostMapping("/evaluations/{evaluationId}/periods")
    String addPeriod(@PathVariable long evaluationId, @ModelAttribute("periodForm") PeriodForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                disaggregations.addCustomPeriod(evaluationId, form.label(), form.start(), form.end());
                redirect.addFlashAttribute("flash", "framework.period.saved");
                return "redirect:/evaluations/" + evaluationId + "/periods";
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return periodsPage(evaluationId, model);
    }

    @PostMapping("/evaluations/{evaluationId}/periods/{id}/delete")
    String deletePeriod(@PathVariable long evaluationId, @PathVariable long id, RedirectAttributes redirect) {
        disaggregations.deleteCustomPeriod(evaluationId, id);
        redirect.addFlashAttribute("flash", "chain.deleted");
        return "redirect:/evaluations/" + evaluationId + "/periods";
    }

    private Disaggregation own(long evaluationId, long id) {
        return disaggregations.disaggregations(evaluationId).stream()
                .filter(candidate -> candidate.id() == id && !candidate.shipped()).findFirst()
                .orElseThrow(() -> new FrameworkItemNotFoundException(id));
    }

    private String listPage(long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("disaggregations", disaggregations.disaggregations(evaluationId));
        return "framework/disaggregations";
    }

    private String editPage(long evaluationId, Disaggregation disaggregation, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("disaggregation", disaggregation);
        return "framework/disaggregation-form";
    }

    private String periodsPage(long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("periods", disaggregations.customPeriods(evaluationId));
        return "framework/periods";
    }
}
