package fr.maillon.survey.web;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.FrameworkService;
import fr.maillon.survey.AnswerService;
import fr.maillon.survey.Answers;
import fr.maillon.survey.Audience;
import fr.maillon.survey.Question;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Section;
import fr.maillon.survey.Statistic;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyNotFoundException;
import fr.maillon.survey.SurveyResultsService;
import fr.maillon.survey.SurveyService;
import fr.maillon.survey.Wave;
import fr.maillon.survey.web.SurveyForms.FeedForm;
import fr.maillon.survey.web.SurveyForms.QuestionForm;
import fr.maillon.survey.web.SurveyForms.SectionForm;
import fr.maillon.survey.web.SurveyForms.SurveyForm;
import fr.maillon.survey.web.SurveyForms.WaveForm;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** The survey builder: surveys of an evaluation, a survey's questionnaire, waves, feeds, paper entry. */
@Controller
class SurveyController {

    private final SurveyService surveys;
    private final AnswerService answers;
    private final SurveyResultsService results;
    private final EvaluationService evaluations;
    private final FrameworkService framework;
    private final Clock clock;

    SurveyController(SurveyService surveys, AnswerService answers, SurveyResultsService results,
            EvaluationService evaluations, FrameworkService framework, Clock clock) {
        this.surveys = surveys;
        this.answers = answers;
        this.results = results;
        this.evaluations = evaluations;
        this.framework = framework;
        this.clock = clock;
    }

    @ModelAttribute("audiences")
    Audience[] audiences() {
        return Audience.values();
    }

    @GetMapping("/evaluations/{evaluationId}/surveys")
    String list(@PathVariable long evaluationId, Model model) {
        model.addAttribute("surveyForm", SurveyForm.empty());
        return listPage(evaluationId, model);
    }

    @PostMapping("/evaluations/{evaluationId}/surveys")
    String create(@PathVariable long evaluationId, @ModelAttribute("surveyForm") SurveyForm form,
            BindingResult result, Model model) {
        if (!result.hasErrors()) {
            try {
                return "redirect:/surveys/" + surveys.create(evaluationId, form.toDraft());
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return listPage(evaluationId, model);
    }

    @GetMapping("/surveys/{surveyId}")
    String survey(@PathVariable long surveyId, Model model) {
        Survey survey = surveys.survey(surveyId);
        model.addAttribute("surveyForm", SurveyForm.of(survey));
        model.addAttribute("sectionForm", SectionForm.empty());
        model.addAttribute("waveForm", WaveForm.empty());
        model.addAttribute("feedForm", new FeedForm(null, null, null, "", null));
        return surveyPage(survey, model);
    }

    @PostMapping("/surveys/{surveyId}")
    String update(@PathVariable long surveyId, @ModelAttribute("surveyForm") SurveyForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        return attempt(surveyId, result, model, redirect, () -> surveys.update(surveyId, form.toDraft(), form.version()),
                Map.of());
    }

    @PostMapping("/surveys/{surveyId}/delete")
    String delete(@PathVariable long surveyId, RedirectAttributes redirect) {
        long evaluationId = surveys.survey(surveyId).evaluationId();
        surveys.delete(surveyId);
        redirect.addFlashAttribute("flash", "chain.deleted");
        return "redirect:/evaluations/" + evaluationId + "/surveys";
    }

    @PostMapping("/surveys/{surveyId}/sections")
    String addSection(@PathVariable long surveyId, @ModelAttribute("sectionForm") SectionForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        // its fields are named apart from the survey's own title fields, on the same page
        return attempt(surveyId, result, model, redirect, () -> {
            if (form.matrix()) {
                surveys.addMatrix(surveyId, form.toDraft(), form.scale(), form.rows(),
                        Boolean.TRUE.equals(form.sectionRequired()));
            }
            else {
                surveys.saveSection(surveyId, null, form.toDraft());
            }
        }, SectionForm.FIELDS);
    }

    @GetMapping("/surveys/{surveyId}/sections/{sectionId}/edit")
    String sectionForm(@PathVariable long surveyId, @PathVariable long sectionId, Model model) {
        Survey survey = surveys.survey(surveyId);
        Section section = survey.section(sectionId).orElseThrow(() -> new SurveyNotFoundException(sectionId));
        model.addAttribute("sectionForm", SectionForm.of(section));
        return sectionPage(survey, section, model);
    }

    @PostMapping("/surveys/{surveyId}/sections/{sectionId}/edit")
    String updateSection(@PathVariable long surveyId, @PathVariable long sectionId,
            @ModelAttribute("sectionForm") SectionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        Survey survey = surveys.survey(surveyId);
        Section section = survey.section(sectionId).orElseThrow(() -> new SurveyNotFoundException(sectionId));
        if (!result.hasErrors()) {
            try {
                surveys.saveSection(surveyId, sectionId, form.toDraft());
                redirect.addFlashAttribute("flash", "survey.saved");
                return "redirect:/surveys/" + surveyId + "#questions";
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex, SectionForm.FIELDS);
            }
        }
        return sectionPage(survey, section, model);
    }

    private String sectionPage(Survey survey, Section section, Model model) {
        model.addAttribute("survey", survey);
        model.addAttribute("section", section);
        model.addAttribute("parents", survey.sections().stream().filter(candidate -> candidate.id() != section.id()
                && survey.ancestors(candidate.id()).stream().noneMatch(ancestor -> ancestor.id() == section.id()))
                .toList());
        return "survey/section-form";
    }

    @PostMapping("/surveys/{surveyId}/sections/{sectionId}/delete")
    String deleteSection(@PathVariable long surveyId, @PathVariable long sectionId, RedirectAttributes redirect) {
        surveys.deleteSection(surveyId, sectionId);
        redirect.addFlashAttribute("flash", "chain.deleted");
        return "redirect:/surveys/" + surveyId + "#questions";
    }

    @PostMapping("/surveys/{surveyId}/waves")
    String addWave(@PathVariable long surveyId, @ModelAttribute("waveForm") WaveForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        return attempt(surveyId, result, model, redirect, () -> surveys.saveWave(surveyId, null, form.toDraft()), Map.of());
    }

    @PostMapping("/surveys/{surveyId}/waves/{waveId}/delete")
    String deleteWave(@PathVariable long surveyId, @PathVariable long waveId, RedirectAttributes redirect) {
        try {
            surveys.deleteWave(surveyId, waveId);
            redirect.addFlashAttribute("flash", "chain.deleted");
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", ex.violations().get(0).code());
        }
        return "redirect:/surveys/" + surveyId + "#waves";
    }

    /** Follows the same respondents from one wave to the next (a personal code on the form), or stops. */
    @PostMapping("/surveys/{surveyId}/respondents")
    String followRespondents(@PathVariable long surveyId, @RequestParam(defaultValue = "false") boolean follow,
            RedirectAttributes redirect) {
        surveys.followRespondents(surveyId, follow);
        redirect.addFlashAttribute("flash", "survey.saved");
        return "redirect:/surveys/" + surveyId + "#respondents";
    }

    @GetMapping("/surveys/{surveyId}/waves/{waveId}/edit")
    String waveForm(@PathVariable long surveyId, @PathVariable long waveId, Model model) {
        Survey survey = surveys.survey(surveyId);
        Wave wave = survey.wave(waveId).orElseThrow(() -> new SurveyNotFoundException(waveId));
        model.addAttribute("waveForm", WaveForm.of(wave, clock.getZone()));
        return wavePage(survey, wave, model);
    }

    /**
     * Saves a wave over the version its editor read; when someone saved it meanwhile, its form again
     * (200) with what was typed, the stored wave and who saved it when.
     */
    @PostMapping({ "/surveys/{surveyId}/waves/{waveId}", "/surveys/{surveyId}/waves/{waveId}/edit" })
    String updateWave(@PathVariable long surveyId, @PathVariable long waveId,
            @ModelAttribute("waveForm") WaveForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        Survey survey = surveys.survey(surveyId);
        Wave wave = survey.wave(waveId).orElseThrow(() -> new SurveyNotFoundException(waveId));
        if (!result.hasErrors()) {
            try {
                surveys.saveWave(surveyId, waveId, form.toDraft(), form.version());
                redirect.addFlashAttribute("flash", "survey.saved");
                return "redirect:/surveys/" + surveyId + "#wave-" + waveId;
            }
            catch (ConcurrentEditException ex) {
                FormErrors.conflict(result, model, ex, WaveForm.of(ex.stored(Wave.class), clock.getZone()));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return wavePage(survey, wave, model);
    }

    @PostMapping("/surveys/{surveyId}/feeds")
    String feed(@PathVariable long surveyId, @ModelAttribute("feedForm") FeedForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        if (form.indicatorId() == null || form.questionId() == null) {
            result.reject("survey.feed.incomplete");
        }
        return attempt(surveyId, result, model, redirect, () -> surveys.feed(surveyId, form.indicatorId(),
                form.questionId(), form.statistic(), form.choiceCode(), form.breakdownQuestionId()), Map.of());
    }

    @PostMapping("/surveys/{surveyId}/feeds/{indicatorId}/delete")
    String unfeed(@PathVariable long surveyId, @PathVariable long indicatorId, RedirectAttributes redirect) {
        surveys.unfeed(surveyId, indicatorId);
        redirect.addFlashAttribute("flash", "chain.deleted");
        return "redirect:/surveys/" + surveyId + "#feeds";
    }

    // --- questions ----------------------------------------------------------------------------

    @GetMapping({ "/surveys/{surveyId}/questions/new", "/surveys/{surveyId}/questions/{questionId}/edit" })
    String questionForm(@PathVariable long surveyId, @PathVariable(required = false) Long questionId, Model model) {
        Survey survey = surveys.survey(surveyId);
        Question question = questionId == null ? null : find(survey, questionId);
        model.addAttribute("questionForm", question == null ? QuestionForm.empty() : QuestionForm.of(question));
        return questionPage(survey, question, model);
    }

    @PostMapping({ "/surveys/{surveyId}/questions/new", "/surveys/{surveyId}/questions/{questionId}/edit" })
    String saveQuestion(@PathVariable long surveyId, @PathVariable(required = false) Long questionId,
            @ModelAttribute("questionForm") QuestionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        Survey survey = surveys.survey(surveyId);
        Question question = questionId == null ? null : find(survey, questionId);
        if (!result.hasErrors()) {
            try {
                long saved = surveys.saveQuestion(surveyId, questionId, form.toDraft(question), form.version());
                redirect.addFlashAttribute("flash", "survey.question.saved");
                return "redirect:/surveys/" + surveyId + "#question-" + saved;
            }
            catch (ConcurrentEditException ex) {
                FormErrors.conflict(result, model, ex, QuestionForm.of(ex.stored(Question.class)));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex, Map.of("conditionQuestionId", "condition", "conditionValues", "condition"));
            }
        }
        return questionPage(survey, question, model);
    }

    @PostMapping("/surveys/{surveyId}/questions/{questionId}/move")
    String move(@PathVariable long surveyId, @PathVariable long questionId, @RequestParam boolean up,
            RedirectAttributes redirect) {
        try {
            surveys.moveQuestion(surveyId, questionId, up ? -1 : 1);
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", ex.violations().get(0).code());
        }
        return "redirect:/surveys/" + surveyId + "#question-" + questionId;
    }

    @PostMapping("/surveys/{surveyId}/questions/{questionId}/delete")
    String deleteQuestion(@PathVariable long surveyId, @PathVariable long questionId, RedirectAttributes redirect) {
        try {
            surveys.deleteQuestion(surveyId, questionId);
            redirect.addFlashAttribute("flash", "chain.deleted");
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", ex.violations().get(0).code() + ".short");
        }
        return "redirect:/surveys/" + surveyId + "#questions";
    }

    // --- paper answers ------------------------------------------------------------------------

    @GetMapping("/surveys/{surveyId}/paper")
    String paper(@PathVariable long surveyId, @RequestParam(required = false) Long wave, Model model) {
        Survey survey = surveys.enterable(surveyId);
        return paperPage(survey, wave, FilledForm.empty(), Map.of(), model);
    }

    /** Stores one paper response and gives an empty form for the next one. */
    @PostMapping("/surveys/{surveyId}/paper")
    String enterPaper(@PathVariable long surveyId, @RequestParam long wave,
            @RequestParam MultiValueMap<String, String> fields, Model model, RedirectAttributes redirect) {
        Answers given;
        try {
            given = answers.enterPaper(surveyId, wave, fields, "true".equals(fields.getFirst("consent")),
                    fields.getFirst("submission"));
        }
        catch (RuleViolationException ex) {
            return paperPage(surveys.survey(surveyId), wave, new FilledForm(fields), Map.of(AnswerService.RESPONDENT,
                    ex.violations().get(0).code()), model);
        }
        if (given.valid()) {
            redirect.addFlashAttribute("flash", "survey.paper.saved");
            return "redirect:/surveys/" + surveyId + "/paper?wave=" + wave;
        }
        Map<String, String> errors = new HashMap<>();
        given.errors().forEach((question, code) -> errors.put("q" + question, code));
        return paperPage(surveys.survey(surveyId), wave, new FilledForm(fields), errors, model);
    }

    // --- pages --------------------------------------------------------------------------------

    private String attempt(long surveyId, BindingResult result, Model model, RedirectAttributes redirect,
            Runnable action, Map<String, String> fields) {
        if (!result.hasErrors()) {
            try {
                action.run();
                redirect.addFlashAttribute("flash", "survey.saved");
                return "redirect:/surveys/" + surveyId;
            }
            catch (ConcurrentEditException ex) {
                // only the survey's own form is versioned on this page
                FormErrors.conflict(result, model, ex, SurveyForm.of(ex.stored(Survey.class)));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex, fields);
            }
        }
        Survey survey = surveys.survey(surveyId);
        for (String form : List.of("surveyForm", "sectionForm", "waveForm", "feedForm")) {
            if (!model.containsAttribute(form)) {
                model.addAttribute(form, switch (form) {
                    case "surveyForm" -> SurveyForm.of(survey);
                    case "sectionForm" -> SectionForm.empty();
                    case "waveForm" -> WaveForm.empty();
                    default -> new FeedForm(null, null, null, "", null);
                });
            }
        }
        return surveyPage(survey, model);
    }

    private String listPage(long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("surveys", surveys.surveys(evaluationId));
        return "survey/list";
    }

    private String surveyPage(Survey survey, Model model) {
        model.addAttribute("survey", survey);
        model.addAttribute("page", evaluations.page(survey.evaluationId()));
        model.addAttribute("canEdit", surveys.canEdit(survey));
        model.addAttribute("canDistribute", surveys.canDistribute(survey));
        model.addAttribute("counts", results.responsesPerWave(survey));
        model.addAttribute("feeds", surveys.feeds(survey.evaluationId()).stream()
                .filter(feed -> feed.surveyId() == survey.id()).toList());
        model.addAttribute("indicators", framework.indicators(survey.evaluationId()).stream()
                .filter(indicator -> indicator.measure().numeric() && !indicator.computedByFormula()).toList());
        model.addAttribute("statistics", Statistic.values());
        return "survey/survey";
    }

    private String wavePage(Survey survey, Wave wave, Model model) {
        model.addAttribute("survey", survey);
        model.addAttribute("wave", wave);
        return "survey/wave-form";
    }

    private String questionPage(Survey survey, Question question, Model model) {
        model.addAttribute("survey", survey);
        model.addAttribute("question", question);
        model.addAttribute("kinds", QuestionKind.values());
        model.addAttribute("conditions", survey.questions().stream().filter(other -> other.kind().categorical()
                && (question == null || other.position() < question.position())).toList());
        return "survey/question-form";
    }

    private String paperPage(Survey survey, Long waveId, FilledForm filled, Map<String, String> errors, Model model) {
        if (!surveys.canEdit(survey)) {
            throw new SurveyNotFoundException(survey.id());
        }
        model.addAttribute("survey", survey);
        model.addAttribute("wave", waveId == null ? survey.waves().get(0) : survey.wave(waveId)
                .orElseThrow(() -> new SurveyNotFoundException(waveId)));
        model.addAttribute("filled", filled);
        model.addAttribute("errors", errors);
        model.addAttribute("submission", AnswerService.newSubmissionKey());
        model.addAttribute("counts", results.responsesPerWave(survey));
        return "survey/paper";
    }

    private static Question find(Survey survey, long questionId) {
        return survey.question(questionId).orElseThrow(() -> new SurveyNotFoundException(questionId));
    }
}
