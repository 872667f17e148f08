package fr.maillon.framework;

import java.util.List;

/** The cadre d'évaluation at a glance: criteria, objectives by target, questions by criterion. */
public record FrameworkOverview(List<Criterion> criteria, List<Objective> objectives,
        List<EvaluativeQuestion> questions) {

    public List<EvaluativeQuestion> questions(long criterionId) {
        return questions.stream().filter(question -> question.criterionId() == criterionId).toList();
    }
}
