package fr.maillon.framework;

import java.util.List;

/**
 * The cadre d'évaluation at a glance: criteria, objectives by target, questions by criterion, and
 * the questions and chain elements of each indicator.
 */
public record FrameworkOverview(List<Criterion> criteria, List<Objective> objectives,
        List<EvaluativeQuestion> questions, List<IndicatorLinks> indicatorLinks) {

    public List<EvaluativeQuestion> questions(long criterionId) {
        return questions.stream().filter(question -> question.criterionId() == criterionId).toList();
    }

    /** The indicators that answer a question. */
    public List<Long> indicatorsAnswering(long questionId) {
        return indicatorLinks.stream().filter(links -> links.questionIds().contains(questionId))
                .map(IndicatorLinks::indicatorId).toList();
    }

    public IndicatorLinks links(long indicatorId) {
        return indicatorLinks.stream().filter(links -> links.indicatorId() == indicatorId).findFirst()
                .orElse(new IndicatorLinks(indicatorId, List.of(), List.of()));
    }
}
