package fr.maillon.survey.web;

import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import fr.maillon.chain.EvaluationService;
import fr.maillon.survey.SurveyResults;
import fr.maillon.survey.SurveyResultsService;
import fr.maillon.web.RuleViolationException;

/** A survey's results, by wave and for the respondents who gave an answer to a question. */
@Controller
class SurveyResultsController {

    private final SurveyResultsService results;
    private final EvaluationService evaluations;

    SurveyResultsController(SurveyResultsService results, EvaluationService evaluations) {
        this.results = results;
        this.evaluations = evaluations;
    }

    /** @param filter a question's id and an answer, as {@code 12:value} */
    @GetMapping("/surveys/{surveyId}/results")
    String results(@PathVariable long surveyId, @RequestParam(required = false) Long wave,
            @RequestParam(required = false) String filter, @RequestParam(required = false) Long from,
            @RequestParam(required = false) Long to, Locale locale, Model model) {
        Long filterQuestion = null;
        String filterValue = null;
        if (filter != null && filter.matches("\\d{1,18}:.{1,60}")) {
            filterQuestion = Long.parseLong(filter.substring(0, filter.indexOf(':')));
            filterValue = filter.substring(filter.indexOf(':') + 1);
        }
        SurveyResults survey = results.results(surveyId, wave, filterQuestion, filterValue, locale);
        model.addAttribute("results", survey);
        model.addAttribute("page", evaluations.page(survey.survey().evaluationId()));
        model.addAttribute("labels", results);
        try {
            model.addAttribute("paired", results.pairedChanges(surveyId, from, to).orElse(null));
        }
        catch (RuleViolationException ex) {
            model.addAttribute("pairedError", ex.violations().get(0).code());
        }
        return "survey/results";
    }
}
