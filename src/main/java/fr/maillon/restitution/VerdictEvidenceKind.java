package fr.maillon.restitution;

/**
 * What a verdict may cite: an indicator of the evaluation (its results, target, trend and
 * cumulative value), a survey question (its statistics, for one wave or all), a testimony (an
 * evidence item whose people agreed to its use), or the contribution analysis of an effect.
 */
public enum VerdictEvidenceKind {
    INDICATOR, SURVEY_QUESTION, TESTIMONY, CONTRIBUTION
}
