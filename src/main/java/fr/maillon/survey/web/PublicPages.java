package fr.maillon.survey.web;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import fr.maillon.survey.Survey;

/**
 * A survey's empty form is the same page for every respondent but for its submission key: it is
 * rendered once per survey version and language, then served with a fresh key each time. A new
 * version of the survey (an edit, or the few seconds' reload) renders it again.
 */
@Component
class PublicPages {

    /** Stands for the submission key in a rendered page; a real key is a random UUID. */
    static final String KEY = "00000000-0000-0000-0000-00000000cafe";
    private static final int MAXIMUM = 10_000;

    private record Page(Survey survey, String html) {
    }

    private final SpringTemplateEngine templates;
    private final ApplicationContext application;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    PublicPages(SpringTemplateEngine templates, ApplicationContext application) {
        this.templates = templates;
        this.application = application;
    }

    /** The empty form, rendered with {@code model} (its survey in {@code target}) and given a fresh key. */
    String emptyForm(Survey survey, String token, Locale locale, Map<String, Object> model, HttpServletRequest request,
            HttpServletResponse response) {
        // the languages Maillon speaks; any other asked for gets French, and is not kept apart
        Locale language = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH;
        String key = token + "|" + language.getLanguage();
        Page page = pages.get(key);
        if (page == null || page.survey() != survey) {
            WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
                    .buildExchange(request, response), language, model);
            context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                    new ThymeleafEvaluationContext(application, null));
            context.setVariable("submission", KEY);
            page = new Page(survey, templates.process("survey/public", context));
            if (pages.size() >= MAXIMUM) {
                pages.clear();
            }
            pages.put(key, page);
        }
        return page.html().replace(KEY, UUID.randomUUID().toString());
    }
}
