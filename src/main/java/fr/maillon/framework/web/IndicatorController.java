package fr.maillon.framework.web;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ChainService;
import fr.maillon.chain.EvaluationPage;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.Aggregation;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.Direction;
import fr.maillon.framework.FrameworkOverview;
import fr.maillon.framework.DisaggregationService;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.IndicatorLinks;
import fr.maillon.framework.IndicatorNotFoundException;
import fr.maillon.framework.Measure;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.framework.PeriodType;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** The indicators of an evaluation: list, create, edit, delete. */
@Controller
class IndicatorController {

    /** The links' violations are said above the form: its record has no such fields. */
    private static final Map<String, String> LINK_FIELDS = Map.of("questionIds", "",
            "elementIds", "");

    private final FrameworkService framework;
    private final EvaluationService evaluations;
    private final ObjectiveService objectives;
    private final ChainService chains;
    private final DisaggregationService disaggregations;

    IndicatorController(FrameworkService framework, EvaluationService evaluations, ObjectiveService objectives,
            ChainService chains, DisaggregationService disaggregations) {
        this.disaggregations = disaggregations;
        this.framework = framework;
        this.evaluations = evaluations;
        this.objectives = objectives;
        this.chains = chains;
    }

    @GetMapping("/evaluations/{evaluationId}/indicators")
    String list(@PathVariable long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("indicators", framework.indicators(evaluationId));
        return "framework/indicators";
    }

    @GetMapping("/evaluations/{evaluationId}/indicators/new")
    String newForm(@PathVariable long evaluationId, Model model) {
        model.addAttribute("indicatorForm", IndicatorForm.empty());
        return formPage(evaluations.editable(evaluationId), null, model);
    }

    @PostMapping("/evaluations/{evaluationId}/indicators/new")
    String create(@PathVariable long evaluationId, @ModelAttribute("indicatorForm") IndicatorForm form,
            BindingResult result, @RequestParam(required = false) @Nullable String suggestedFormula, Model model,
            RedirectAttributes redirect) {
        EvaluationPage page = evaluations.editable(evaluationId);
        if (!result.hasErrors()) {
            try {
                framework.addIndicator(evaluationId, form.toDraft(suggestedFormula));
                redirect.addFlashAttribute("flash", "framework.indicator.created");
                return "redirect:/evaluations/" + evaluationId + "/indicators";
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
                FrameworkService.suggestedFormula(ex).ifPresent(fix -> model.addAttribute("suggestedFormula", fix));
            }
        }
        return formPage(page, null, model);
    }

    @GetMapping("/evaluations/{evaluationId}/indicators/{indicatorId}/edit")
    String editForm(@PathVariable long evaluationId, @PathVariable long indicatorId, Model model) {
        EvaluationPage page = evaluations.editable(evaluationId);
        Indicator indicator = find(evaluationId, indicatorId);
        model.addAttribute("indicatorForm", IndicatorForm.of(indicator));
        return formPage(page, indicator, model);
    }

    /** The questions the indicator answers and the chain elements it is attached to. */
    @GetMapping("/evaluations/{evaluationId}/indicators/{indicatorId}/values")
    String values(@PathVariable long evaluationId, @PathVariable long indicatorId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("log", framework.valueLog(evaluationId, indicatorId));
        return "framework/values";
    }

    @PostMapping("/evaluations/{evaluationId}/indicators/{indicatorId}/values/comment")
    String comment(@PathVariable long evaluationId, @PathVariable long indicatorId, @RequestParam String period,
            @RequestParam(defaultValue = "") String category, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        try {
            framework.comment(evaluationId, indicatorId, period, category, comment);
            redirect.addFlashAttribute("flash", "framework.values.commented");
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", "framework.values.commentRefused");
            // the refused comment shows again on its line, to be shortened rather than typed anew
            redirect.addFlashAttribute("refusedComment", new RefusedComment(period, category, comment));
        }
        return "redirect:/evaluations/" + evaluationId + "/indicators/" + indicatorId + "/values";
    }

    /** The links alone (as scripts, and pages made before the one form, post them); refused: the page again, ticks kept. */
    @PostMapping("/evaluations/{evaluationId}/indicators/{indicatorId}/links")
    String link(@PathVariable long evaluationId, @PathVariable long indicatorId,
            @RequestParam(required = false) List<Long> questionIds,
            @RequestParam(required = false) List<Long> elementIds, Model model, RedirectAttributes redirect) {
        IndicatorLinks links = new IndicatorLinks(indicatorId, questionIds, elementIds);
        try {
            objectives.linkIndicator(evaluationId, links);
            redirect.addFlashAttribute("flash", "framework.indicator.linked");
            return "redirect:/evaluations/" + evaluationId + "/indicators/" + indicatorId + "/edit";
        }
        catch (RuleViolationException ex) {
            EvaluationPage page = evaluations.editable(evaluationId);
            Indicator indicator = find(evaluationId, indicatorId);
            IndicatorForm form = IndicatorForm.of(indicator);
            model.addAttribute("indicatorForm", form);
            BindingResult result = new BeanPropertyBindingResult(form, "indicatorForm");
            FormErrors.reject(result, ex, LINK_FIELDS);
            model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "indicatorForm", result);
            model.addAttribute("links", links);
            return formPage(page, indicator, model);
        }
    }

    /**
     * Saves the indicator, and its links when the page showed them ({@code linksShown}): one form, so
     * that ticks are never lost by pressing "Enregistrer", nor typed fields by "Enregistrer les liens"
     * ({@code then=links}: back to this page). Refused: the page again with everything typed and ticked.
     */
    @PostMapping("/evaluations/{evaluationId}/indicators/{indicatorId}/edit")
    String update(@PathVariable long evaluationId, @PathVariable long indicatorId,
            @ModelAttribute("indicatorForm") IndicatorForm form, BindingResult result,
            @RequestParam(required = false) @Nullable String suggestedFormula,
            @RequestParam(required = false) List<Long> questionIds,
            @RequestParam(required = false) List<Long> elementIds,
            @RequestParam(defaultValue = "false") boolean linksShown, @RequestParam(required = false) String then,
            Model model, RedirectAttributes redirect) {
        EvaluationPage page = evaluations.editable(evaluationId);
        Indicator indicator = find(evaluationId, indicatorId);
        IndicatorLinks links = linksShown ? new IndicatorLinks(indicatorId, questionIds, elementIds) : null;
        if (!result.hasErrors()) {
            try {
                if (links == null) {
                    framework.updateIndicator(evaluationId, indicatorId, form.toDraft(suggestedFormula), form.version());
                }
                else {
                    objectives.updateIndicator(evaluationId, form.toDraft(suggestedFormula), form.version(), links);
                }
                if (links != null && "links".equals(then)) {
                    redirect.addFlashAttribute("flash", "framework.indicator.savedWithLinks");
                    return "redirect:/evaluations/" + evaluationId + "/indicators/" + indicatorId + "/edit#links";
                }
                redirect.addFlashAttribute("flash", "framework.indicator.saved");
                return "redirect:/evaluations/" + evaluationId + "/indicators";
            }
            catch (ConcurrentEditException ex) {
                FormErrors.conflict(result, model, ex, IndicatorForm.of(ex.stored(Indicator.class)));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex, LINK_FIELDS);
                FrameworkService.suggestedFormula(ex).ifPresent(fix -> model.addAttribute("suggestedFormula", fix));
            }
        }
        if (links != null) {
            model.addAttribute("links", links);
        }
        return formPage(page, indicator, model);
    }

    @PostMapping("/evaluations/{evaluationId}/indicators/{indicatorId}/delete")
    String delete(@PathVariable long evaluationId, @PathVariable long indicatorId, RedirectAttributes redirect) {
        try {
            framework.deleteIndicator(evaluationId, indicatorId);
            redirect.addFlashAttribute("flash", "framework.indicator.deleted");
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", "framework.indicator.usedByFormula.short");
        }
        return "redirect:/evaluations/" + evaluationId + "/indicators";
    }

    private Indicator find(long evaluationId, long indicatorId) {
        return framework.indicators(evaluationId).stream().filter(indicator -> indicator.id() == indicatorId)
                .findFirst().orElseThrow(() -> new IndicatorNotFoundException(indicatorId));
    }

    private String formPage(EvaluationPage page, Indicator indicator, Model model) {
        if (indicator != null) {
            FrameworkOverview overview = objectives.overview(page.evaluation().id());
            model.addAttribute("overview", overview);
            if (!model.containsAttribute("links")) {
                model.addAttribute("links", overview.links(indicator.id()));
            }
            model.addAttribute("elements", chains.chain(page.evaluation().id()).elements());
        }
        model.addAttribute("page", page);
        model.addAttribute("indicator", indicator);
        model.addAttribute("measures", Measure.values());
        model.addAttribute("directions", Direction.values());
        model.addAttribute("frequencies", new PeriodType[] { PeriodType.MONTH, PeriodType.QUARTER, PeriodType.YEAR });
        model.addAttribute("aggregations", Aggregation.values());
        model.addAttribute("sources", DataSource.values());
        model.addAttribute("disaggregations", disaggregations.disaggregations(page.evaluation().id()));
        return "framework/indicator-form";
    }

    /** A comment refused, with the line (period and category) it was typed on; a flash attribute, so kept in the session. */
    public record RefusedComment(String period, String category, @Nullable String comment) implements Serializable {

        public boolean on(String linePeriod, @Nullable String lineCategory) {
            return period.equals(linePeriod) && category.equals(lineCategory == null ? "" : lineCategory);
        }
    }
}
