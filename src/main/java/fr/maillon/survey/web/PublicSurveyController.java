package fr.maillon.survey.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import fr.maillon.survey.AnswerService;
import fr.maillon.survey.Answers;
import fr.maillon.survey.PublicSurvey;
import fr.maillon.survey.SurveyClosedException;
import fr.maillon.survey.TooManyAnswersException;
import fr.maillon.web.RuleViolationException;

/**
 * The public pages of a survey, for anyone with its link: light, without JavaScript needed,
 * without sign-in or cookie. An answer is stored once, then the respondent is thanked.
 */
@Controller
class PublicSurveyController {

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final AnswerService answers;
    private final PublicPages pages;

    PublicSurveyController(AnswerService answers, PublicPages pages) {
        this.answers = answers;
        this.pages = pages;
    }

    /**
     * The form; with a respondent's code (from a printed card's QR code) the code is already typed,
     * and a closed wave's link leads to the survey's open wave, so one card serves every wave.
     */
    @GetMapping("/s/{token}")
    Object form(@PathVariable String token, @RequestParam(required = false) String code, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        PublicSurvey survey = answers.open(token);
        model.addAttribute("target", survey);
        String typed = code == null || !survey.survey().followsRespondents() || code.length() > 100 ? null : code;
        if (!survey.open()) {
            Optional<String> open = typed == null ? Optional.empty() : answers.openWave(survey);
            if (open.isPresent()) {
                return "redirect:/s/" + open.get() + "?code=" + URLEncoder.encode(typed, StandardCharsets.UTF_8);
            }
            response.setStatus(HttpStatus.GONE.value());
            return "survey/closed";
        }
        if (typed != null) {
            return form(survey, new FilledForm(Map.of(AnswerService.RESPONDENT, List.of(typed))), Map.of(), model);
        }
        form(survey, FilledForm.empty(), Map.of(), model);
        return ResponseEntity.ok().contentType(HTML).body(pages.emptyForm(survey.survey(), token, locale,
                model.asMap(), request, response));
    }

    @PostMapping("/s/{token}")
    String answer(@PathVariable String token, @RequestParam MultiValueMap<String, String> fields,
            HttpServletRequest request, Model model) {
        boolean consent = "true".equals(fields.getFirst("consent"));
        Answers given;
        try {
            given = answers.answer(token, fields, consent, fields.getFirst("submission"),
                    request.getRemoteAddr() + "|" + token);
        }
        catch (RuleViolationException ex) {
            return form(answers.open(token), new FilledForm(fields), Map.of(AnswerService.RESPONDENT,
                    ex.violations().get(0).code()), model);
        }
        if (given.valid()) {
            return "redirect:/s/" + token + "/merci";
        }
        Map<String, String> errors = new HashMap<>();
        given.errors().forEach((question, code) -> errors.put("q" + question, code));
        return form(answers.open(token), new FilledForm(fields), errors, model);
    }

    @GetMapping("/s/{token}/merci")
    String thanks(@PathVariable String token, Model model) {
        model.addAttribute("target", answers.open(token));
        return "survey/thanks";
    }

    @ExceptionHandler(SurveyClosedException.class)
    @ResponseStatus(HttpStatus.GONE)
    String closed(SurveyClosedException ex, Model model) {
        model.addAttribute("target", ex.survey());
        return "survey/closed";
    }

    @ExceptionHandler(TooManyAnswersException.class)
    @ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
    String tooMany() {
        return "survey/too-many";
    }

    private static String form(PublicSurvey survey, FilledForm filled, Map<String, String> errors, Model model) {
        model.addAttribute("target", survey);
        model.addAttribute("filled", filled);
        model.addAttribute("errors", errors);
        model.addAttribute("submission", AnswerService.newSubmissionKey());
        model.addAttribute("action", "/s/" + survey.wave().token());
        return "survey/public";
    }
}
