package fr.maillon.framework;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import fr.maillon.web.Decimals;

/**
 * A value of a year that breaks a rule of its library entry: which indicator, which year, the value
 * (null when a required value is missing), which rule and its limit; for a jump, the previous year
 * and its value, and the change in percent.
 */
public record RuleViolation(Indicator indicator, String period, @Nullable BigDecimal value, Rule rule,
        @Nullable BigDecimal limit, @Nullable String previousPeriod, @Nullable BigDecimal previousValue,
        @Nullable BigDecimal changePercent) {

    /** The value as people read it (its indicator's precision and unit). */
    public String shownValue() {
        return indicator.show(value);
    }

    /** The rule's limit: a percentage for a jump, else in the indicator's unit. */
    public String shownLimit() {
        return rule == Rule.JUMP ? Decimals.format(limit, 0, "%") : indicator.show(limit);
    }

    public String shownPrevious() {
        return indicator.show(previousValue);
    }

    /** The change from the previous year, signed ("+100 %"). */
    public String shownChange() {
        return changePercent == null ? "" : (changePercent.signum() > 0 ? "+" : "")
                + Decimals.format(changePercent, Decimals.PERCENT_PRECISION, "%");
    }

    public enum Rule {
        MINIMUM, MAXIMUM, JUMP, REQUIRED
    }
}
