package fr.maillon.network;

/**
 * The steps a network follows of each shared evaluation, in order: the chain described, evaluative questions each
 * answered by an indicator, every indicator with data, collection started (values, survey answers or testimonies),
 * contribution analyses, a verdict on every question, the report reviewed by its stakeholders, a report finalised.
 */
public enum ProgressStep {
    CHAIN, QUESTIONS, INDICATORS, COLLECTION, CONTRIBUTIONS, VERDICTS, REVIEW, FINALISED
}
