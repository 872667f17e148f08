package fr.maillon.framework;

import org.jspecify.annotations.Nullable;

/**
 * What an indicator measures: a count, a percentage, a ratio, euros, hours (quantitative), a
 * level on an ordinal scale with labelled levels, a text (qualitative), or a yes/no answer (stored
 * as 1 for yes and 0 for no, so that its mean over periods is the share of yes).
 */
public enum Measure {
    COUNT, PERCENTAGE, RATIO, EUR, HOURS, ORDINAL, TEXT, YES_NO;

    /** What a yes/no value is written as, in French, English and as DHIS2 writes its booleans. */
    private static final java.util.Set<String> YES = java.util.Set.of("oui", "o", "yes", "y", "true", "t", "vrai",
            "1");
    private static final java.util.Set<String> NO = java.util.Set.of("non", "n", "no", "false", "f", "faux", "0");

    /** 1 for a yes, 0 for a no (oui/non, yes/no, true/false, t/f, 1/0, any case); null for anything else. */
    public static @Nullable Integer yesNo(String text) {
        String written = text.strip().toLowerCase(java.util.Locale.ROOT);
        return YES.contains(written) ? Integer.valueOf(1) : NO.contains(written) ? Integer.valueOf(0) : null;
    }

    public boolean numeric() {
        return this != TEXT;
    }

    /**
     * Whether values of successive periods may be summed (counts, euros, hours): a percentage, a
     * ratio or a level never is; over time it is averaged, or its last value taken.
     */
    public boolean summable() {
        return additive();
    }

    /**
     * The decimals shown by default: euros, hours, people and other counts whole; percentages and
     * levels one decimal; ratios and rates in € ("€/h") two. The unit decides first ("%" one
     * decimal, "€" whole).
     */
    public int defaultPrecision(@Nullable String unit) {
        String written = unit == null ? "" : unit.strip().toLowerCase(java.util.Locale.ROOT);
        if (written.equals("%")) {
            return 1;
        }
        if (written.equals("€") || written.equals("eur") || written.equals("euro") || written.equals("euros")) {
            return 0;
        }
        if (this == EUR && written.contains("/")) {
            return 2; // a rate in € per hour, per person...: cents matter
        }
        return switch (this) {
            case PERCENTAGE, ORDINAL -> 1;
            case RATIO, YES_NO -> 2;
            default -> 0;
        };
    }

    /** The unit written after a value when the indicator names none: "%", "€", "h". */
    public @Nullable String defaultUnit() {
        return switch (this) {
            case PERCENTAGE -> "%";
            case EUR -> "€";
            case HOURS -> "h";
            default -> null;
        };
    }

    /** Whether the categories of a disaggregation add up to the total (20 women + 15 men = 35). */
    public boolean additive() {
        return this == COUNT || this == EUR || this == HOURS;
    }
}
