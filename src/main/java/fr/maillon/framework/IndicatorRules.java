package fr.maillon.framework;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The checks a library's owner sets on one of its entries, applied to every indicator copied from it
 * (as DHIS2's validation rules): a value below {@code minimum} or above {@code maximum}, a change
 * from the previous year larger than {@code jumpPercent} percent of it, or, when {@code required}, a
 * year of the evaluation without a value, is to be checked before the data is signed off.
 */
public record IndicatorRules(long entryId, @Nullable BigDecimal minimum, @Nullable BigDecimal maximum,
        @Nullable BigDecimal jumpPercent, boolean required) {

    public static IndicatorRules none(long entryId) {
        return new IndicatorRules(entryId, null, null, null, false);
    }

    public boolean any() {
        return minimum != null || maximum != null || jumpPercent != null || required;
    }
}
