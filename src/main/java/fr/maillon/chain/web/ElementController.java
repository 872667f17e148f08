package fr.maillon.chain.web;

import java.util.List;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainElementNotFoundException;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.ProvenanceService;
import fr.maillon.chain.ResourceKind;
import fr.maillon.chain.SupportCategory;
import fr.maillon.chain.ValueChain;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** Adding, editing, reordering and deleting resources, activities, outputs and effects. */
@Controller
class ElementController {

    private final ChainService chains;
    private final EvaluationService evaluations;
    private final ProvenanceService provenances;

    ElementController(ChainService chains, EvaluationService evaluations, ProvenanceService provenances) {
        this.chains = chains;
        this.evaluations = evaluations;
        this.provenances = provenances;
    }

    @GetMapping("/evaluations/{evaluationId}/elements/new")
    String newForm(@PathVariable long evaluationId, @RequestParam ElementKind kind,
            @RequestParam(required = false) ActivityType activityType, Model model) {
        ElementForm empty = ElementForm.empty();
        model.addAttribute("elementForm", new ElementForm(empty.name(), empty.description(), null, null, null,
                empty.unit(), null, activityType, null, null, null, null));
        return formPage(chains.editableChain(evaluationId), kind, null, model);
    }

    @PostMapping("/evaluations/{evaluationId}/elements/new")
    String create(@PathVariable long evaluationId, @RequestParam ElementKind kind,
            @ModelAttribute("elementForm") ElementForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        ValueChain chain = chains.editableChain(evaluationId);
        if (!result.hasErrors()) {
            try {
                chains.addElement(evaluationId, form.toDraft(kind));
                redirect.addFlashAttribute("flash", "chain.element.created");
                return "redirect:/evaluations/" + evaluationId + "#" + kind.name().toLowerCase();
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return formPage(chain, kind, null, model);
    }

    @GetMapping("/evaluations/{evaluationId}/elements/{elementId}/edit")
    String editForm(@PathVariable long evaluationId, @PathVariable long elementId, Model model) {
        ValueChain chain = chains.editableChain(evaluationId);
        ChainElement element = element(chain, elementId);
        model.addAttribute("elementForm", ElementForm.of(element));
        return formPage(chain, element.kind(), element, model);
    }

    @PostMapping("/evaluations/{evaluationId}/elements/{elementId}/edit")
    String update(@PathVariable long evaluationId, @PathVariable long elementId,
            @ModelAttribute("elementForm") ElementForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        ValueChain chain = chains.editableChain(evaluationId);
        ChainElement element = element(chain, elementId);
        if (!result.hasErrors()) {
            try {
                chains.updateElement(evaluationId, elementId, form.toDraft(element.kind()), form.version());
                redirect.addFlashAttribute("flash", "chain.element.saved");
                return "redirect:/evaluations/" + evaluationId + "#" + element.kind().name().toLowerCase();
            }
            catch (ConcurrentEditException ex) {
                FormErrors.conflict(result, model, ex, ElementForm.of(ex.stored(ChainElement.class)));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return formPage(chain, element.kind(), element, model);
    }

    @GetMapping("/evaluations/{evaluationId}/elements/{elementId}/delete")
    String deleteForm(@PathVariable long evaluationId, @PathVariable long elementId, Model model) {
        model.addAttribute("chain", chains.editableChain(evaluationId));
        model.addAttribute("impact", chains.deletionImpact(evaluationId, elementId, false));
        model.addAttribute("action", "/evaluations/" + evaluationId + "/elements/" + elementId + "/delete");
        return "chain/delete";
    }

    @PostMapping("/evaluations/{evaluationId}/elements/{elementId}/delete")
    String delete(@PathVariable long evaluationId, @PathVariable long elementId, RedirectAttributes redirect) {
        chains.deleteElement(evaluationId, elementId);
        redirect.addFlashAttribute("flash", "chain.deleted");
        return "redirect:/evaluations/" + evaluationId;
    }

    @PostMapping("/evaluations/{evaluationId}/elements/{elementId}/move")
    String move(@PathVariable long evaluationId, @PathVariable long elementId,
            @RequestParam(defaultValue = "true") boolean up) {
        chains.moveElement(evaluationId, elementId, up);
        return "redirect:/evaluations/" + evaluationId;
    }

    private static ChainElement element(ValueChain chain, long elementId) {
        return chain.element(elementId).orElseThrow(() -> new ChainElementNotFoundException(elementId));
    }

    private String formPage(ValueChain chain, ElementKind kind, ChainElement element, Model model) {
        model.addAttribute("chain", chain);
        model.addAttribute("kind", kind);
        model.addAttribute("element", element);
        model.addAttribute("provenance", element == null ? null
                : provenances.provenance(chain.evaluation().id(), LocaleContextHolder.getLocale()));
        model.addAttribute("resourceKinds", ResourceKind.values());
        model.addAttribute("activityTypes", ActivityType.values());
        model.addAttribute("supportCategories", SupportCategory.values());
        model.addAttribute("targets", evaluations.targetNames(chain.evaluation().id(), LocaleContextHolder.getLocale())
                .choices());
        model.addAttribute("dimensions", kind == ElementKind.EFFECT
                ? chains.offeredDimensions(chain.evaluation().id(), element == null ? null : element.dimensionId())
                : List.of());
        return "chain/element-form";
    }
}
