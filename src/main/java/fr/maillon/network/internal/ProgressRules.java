package fr.maillon.network.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.StepState;
import fr.maillon.network.NetworkProgress.Step;
import fr.maillon.network.ProgressStep;
import fr.maillon.network.internal.ProgressRepository.Facts;

/**
 * When each step counts as done or started, from an evaluation's facts, and its day in the configured zone: the day
 * a step was reached when the records tell it (the first value, survey answer or testimony; the first opinion; the
 * first finalised version; the day the last indicator got its first value), otherwise the last day it was worked on
 * (the last save of its items, which the chain's and the cadre's tables only record from an item's first edit:
 * without one the day is unknown, never guessed).
 * <p>
 * The states agree with the structure's own path (fr.maillon.chain.MethodPathService), which they detail: the chain
 * is the method's chain step (a workshop with participants starts it); questions decide the cadre's step (an
 * objective and every question answered by an indicator), indicators with data start it too; collection is the
 * method's (a survey waiting for answers starts it); verdicts decide the analysis, contributions start it too; the
 * finalised report decides the restitution, its review starts it too.
 */
public final class ProgressRules {

    private ProgressRules() {
    }

    public static List<Step> steps(Facts facts, ZoneId zone) {
        return List.of(chain(facts, zone), questions(facts, zone), indicators(facts, zone), collection(facts, zone),
                contributions(facts, zone), verdicts(facts, zone), review(facts, zone), finalised(facts, zone));
    }

    private static Step chain(Facts facts, ZoneId zone) {
        boolean done = facts.stakeholders() > 0 && facts.primaryActivities() > 0 && facts.outputs() > 0
                && facts.effects() > 0 && facts.activityOutputLinks() > 0 && facts.outputEffectLinks() > 0;
        boolean started = facts.stakeholders() + facts.elements() + facts.workshops() > 0;
        return step(ProgressStep.CHAIN, done, started, facts.chainAt(), zone);
    }

    private static Step questions(Facts facts, ZoneId zone) {
        boolean done = facts.objectives() > 0 && facts.questions() > 0 && facts.unanswered() == 0;
        return step(ProgressStep.QUESTIONS, done, facts.objectives() + facts.questions() > 0, facts.questionsAt(),
                zone);
    }

    /** Formulas and survey-fed indicators wait for no typed value: only the others must each have one. */
    private static Step indicators(Facts facts, ZoneId zone) {
        boolean any = facts.indicators() + facts.computedIndicators() > 0;
        boolean done = any && facts.measured() == facts.indicators();
        return step(ProgressStep.INDICATORS, done, any, done ? facts.measuredAt() : facts.lastValueAt(), zone);
    }

    private static Step collection(Facts facts, ZoneId zone) {
        boolean done = facts.measured() + facts.otherCollected() > 0;
        return step(ProgressStep.COLLECTION, done, facts.surveys() > 0,
                done ? facts.firstCollectedAt() : facts.surveysAt(), zone);
    }

    private static Step contributions(Facts facts, ZoneId zone) {
        boolean done = facts.effects() > 0 && facts.contributions() >= facts.effects();
        return step(ProgressStep.CONTRIBUTIONS, done, facts.contributions() > 0, facts.contributionsAt(), zone);
    }

    private static Step verdicts(Facts facts, ZoneId zone) {
        boolean done = facts.questions() > 0 && facts.verdicts() == facts.questions();
        return step(ProgressStep.VERDICTS, done, facts.verdicts() > 0, facts.verdictsAt(), zone);
    }

    private static Step review(Facts facts, ZoneId zone) {
        boolean done = facts.opinions() > 0;
        return step(ProgressStep.REVIEW, done, facts.reviewers() > 0, done ? facts.opinionsAt() : facts.reviewersAt(),
                zone);
    }

    private static Step finalised(Facts facts, ZoneId zone) {
        boolean done = facts.finalisedAt() != null;
        return step(ProgressStep.FINALISED, done, facts.reports() > 0, done ? facts.finalisedAt() : facts.reportsAt(),
                zone);
    }

    private static Step step(ProgressStep step, boolean done, boolean started, @Nullable OffsetDateTime at,
            ZoneId zone) {
        StepState state = done ? StepState.DONE : started ? StepState.STARTED : StepState.TODO;
        return new Step(step, state, state == StepState.TODO ? null : day(at, zone));
    }

    private static @Nullable LocalDate day(@Nullable OffsetDateTime at, ZoneId zone) {
        return at == null ? null : at.atZoneSameInstant(zone).toLocalDate();
    }
}
