package fr.maillon.framework;

/**
 * What an indicator measures: a count, a percentage, a ratio, euros, hours (quantitative), a
 * level on an ordinal scale with labelled levels, or a text (qualitative).
 */
public enum Measure {
    COUNT, PERCENTAGE, RATIO, EUR, HOURS, ORDINAL, TEXT;

    public boolean numeric() {
        return this != TEXT;
    }
}
