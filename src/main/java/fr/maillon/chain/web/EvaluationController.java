package fr.maillon.chain.web;

import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ChainService;
import fr.maillon.chain.Dimension;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationPage;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.chain.MethodPathService;
import fr.maillon.chain.ProvenanceService;
import fr.maillon.organisation.Structure;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** Creating, showing and editing an evaluation. */
@Controller
class EvaluationController {

    private final EvaluationService evaluations;
    private final ChainService chains;
    private final MethodPathService methodPath;
    private final ProvenanceService provenances;

    EvaluationController(EvaluationService evaluations, ChainService chains, MethodPathService methodPath,
            ProvenanceService provenances) {
        this.evaluations = evaluations;
        this.chains = chains;
        this.methodPath = methodPath;
        this.provenances = provenances;
    }

    @GetMapping("/structures/{structureId}/evaluations/new")
    String newForm(@PathVariable long structureId, Locale locale, Model model) {
        Structure structure = evaluations.structureForNewEvaluation(structureId);
        model.addAttribute("evaluationForm", EvaluationForm.empty(evaluations.defaultTargetNames(structure.kind(),
                locale)));
        return formPage(structure, null, model);
    }

    @PostMapping("/structures/{structureId}/evaluations/new")
    String create(@PathVariable long structureId, @ModelAttribute("evaluationForm") EvaluationForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        Structure structure = evaluations.structureForNewEvaluation(structureId);
        if (!result.hasErrors()) {
            try {
                long id = evaluations.create(structureId, form.toDraft());
                redirect.addFlashAttribute("flash", "chain.evaluation.created");
                return "redirect:/evaluations/" + id;
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return formPage(structure, null, model);
    }

    @GetMapping("/evaluations/{evaluationId}")
    String show(@PathVariable long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("cycles", evaluations.cycles(evaluationId));
        model.addAttribute("path", methodPath.progress(evaluationId));
        model.addAttribute("chain", chains.chain(evaluationId));
        model.addAttribute("member", chains.isMember(evaluationId));
        model.addAttribute("provenance", provenances.provenance(evaluationId, LocaleContextHolder.getLocale()));
        model.addAttribute("kinds", ElementKind.values());
        model.addAttribute("dimensionLabels", chains.dimensions(evaluationId).stream()
                .collect(Collectors.toMap(Dimension::id, Dimension::label)));
        return "chain/evaluation";
    }

    @GetMapping("/evaluations/{evaluationId}/edit")
    String editForm(@PathVariable long evaluationId, Model model) {
        EvaluationPage page = evaluations.editable(evaluationId);
        model.addAttribute("evaluationForm", EvaluationForm.of(page.evaluation(), page.targets()));
        return formPage(page.structure(), page, model);
    }

    @PostMapping("/evaluations/{evaluationId}/edit")
    String update(@PathVariable long evaluationId, @ModelAttribute("evaluationForm") EvaluationForm form,
            BindingResult result, Locale locale, Model model, RedirectAttributes redirect) {
        EvaluationPage page = evaluations.editable(evaluationId);
        if (!result.hasErrors()) {
            try {
                evaluations.update(evaluationId, form.toDraft(), form.version());
                redirect.addFlashAttribute("flash", "chain.evaluation.saved");
                return "redirect:/evaluations/" + evaluationId;
            }
            catch (ConcurrentEditException ex) {
                Evaluation stored = ex.stored(Evaluation.class);
                FormErrors.conflict(result, model, ex, EvaluationForm.of(stored,
                        evaluations.targetNames(stored, page.structure().kind(), locale)));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return formPage(page.structure(), page, model);
    }

    private static String formPage(Structure structure, EvaluationPage page, Model model) {
        model.addAttribute("structure", structure);
        model.addAttribute("evaluation", page == null ? null : page.evaluation());
        model.addAttribute("scopes", EvaluationScope.values());
        model.addAttribute("statuses", EvaluationStatus.values());
        return "chain/evaluation-form";
    }
}
