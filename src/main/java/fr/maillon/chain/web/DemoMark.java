package fr.maillon.chain.web;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import fr.maillon.chain.EvaluationPage;

/**
 * Whether a page shows an evaluation whose figures are illustrative (the demo's), for the layout's
 * banner: {@code ${@demoMark.shows(page)}}. Reports never carry it.
 */
@Component("demoMark")
public class DemoMark {

    public boolean shows(@Nullable Object page) {
        return page instanceof EvaluationPage evaluationPage && evaluationPage.illustrative();
    }
}
