package fr.maillon.network;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * One library entry's figures across structures for one period: how many structures gave a value,
 * and, when they are at least {@link #MINIMUM_GROUP}, their total, average, quartiles and range.
 * A smaller group shows its size only.
 */
public record Aggregate(String period, int structures, @Nullable BigDecimal total, @Nullable BigDecimal average,
        @Nullable BigDecimal firstQuartile, @Nullable BigDecimal median, @Nullable BigDecimal thirdQuartile,
        @Nullable BigDecimal minimum, @Nullable BigDecimal maximum) {

    public static final int MINIMUM_GROUP = 3;

    public boolean hidden() {
        return structures < MINIMUM_GROUP;
    }

    /** The same figures, blanked when the group is too small. */
    Aggregate secret() {
        return hidden() ? new Aggregate(period, structures, null, null, null, null, null, null, null) : this;
    }

    /** Without the range, which would show one structure's own value: what a structure sees of its peers. */
    Aggregate withoutRange() {
        return new Aggregate(period, structures, null, average, firstQuartile, median, thirdQuartile, null, null);
    }
}
