package fr.maillon.framework.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ChainService;
import fr.maillon.framework.EvaluativeQuestion;
import fr.maillon.framework.FrameworkItemNotFoundException;
import fr.maillon.framework.FrameworkOverview;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** Evaluative questions: each under a criterion, questioning some objectives. */
@Controller
class QuestionController {

    private final ObjectiveService objectives;
    private final ChainService chains;

    QuestionController(ObjectiveService objectives, ChainService chains) {
        this.objectives = objectives;
        this.chains = chains;
    }

    @GetMapping({ "/evaluations/{evaluationId}/questions/new", "/evaluations/{evaluationId}/questions/{questionId}/edit" })
    String form(@PathVariable long evaluationId, @PathVariable(required = false) Long questionId, Model model) {
        FrameworkOverview overview = objectives.overview(evaluationId);
        EvaluativeQuestion question = questionId == null ? null : find(overview, questionId);
        model.addAttribute("questionForm", question == null ? QuestionForm.empty() : QuestionForm.of(question));
        return page(evaluationId, overview, question, model);
    }

    @PostMapping({ "/evaluations/{evaluationId}/questions/new", "/evaluations/{evaluationId}/questions/{questionId}/edit" })
    String save(@PathVariable long evaluationId, @PathVariable(required = false) Long questionId,
            @ModelAttribute("questionForm") QuestionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        FrameworkOverview overview = objectives.overview(evaluationId);
        EvaluativeQuestion question = questionId == null ? null : find(overview, questionId);
        if (!result.hasErrors()) {
            try {
                if (question == null) {
                    objectives.addQuestion(evaluationId, form.toDraft());
                }
                else {
                    objectives.updateQuestion(evaluationId, questionId, form.toDraft(), form.version());
                }
                redirect.addFlashAttribute("flash", "framework.question.saved");
                return "redirect:/evaluations/" + evaluationId + "/framework#questions";
            }
            catch (ConcurrentEditException ex) {
                FormErrors.conflict(result, model, ex, QuestionForm.of(ex.stored(EvaluativeQuestion.class)));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return page(evaluationId, overview, question, model);
    }

    @PostMapping("/evaluations/{evaluationId}/questions/{questionId}/delete")
    String delete(@PathVariable long evaluationId, @PathVariable long questionId, RedirectAttributes redirect) {
        objectives.deleteQuestion(evaluationId, questionId);
        redirect.addFlashAttribute("flash", "chain.deleted");
        return "redirect:/evaluations/" + evaluationId + "/framework#questions";
    }

    private String page(long evaluationId, FrameworkOverview overview, EvaluativeQuestion question, Model model) {
        model.addAttribute("chain", chains.editableChain(evaluationId));
        model.addAttribute("overview", overview);
        model.addAttribute("question", question);
        return "framework/question-form";
    }

    private static EvaluativeQuestion find(FrameworkOverview overview, long questionId) {
        return overview.questions().stream().filter(question -> question.id() == questionId).findFirst()
                .orElseThrow(() -> new FrameworkItemNotFoundException(questionId));
    }
}
