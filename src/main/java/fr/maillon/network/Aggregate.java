package fr.maillon.network;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * One library entry's figures across structures for one period: how many structures gave a value,
 * and, when they are at least {@link #MINIMUM_GROUP}, their total, average, quartiles and range.
 * A smaller group shows its size only. {@code signedOff}: how many of those structures signed that
 * year's data off; {@code excluded}: how many structures with a value were left out because their
 * data is not signed off (signed-off figures only). Figures that leave out fewer than
 * {@link #MINIMUM_GROUP} structures are hidden too: subtracting them from all the structures'
 * figures would show the left-out ones.
 */
public record Aggregate(String period, int structures, @Nullable BigDecimal total, @Nullable BigDecimal average,
        @Nullable BigDecimal firstQuartile, @Nullable BigDecimal median, @Nullable BigDecimal thirdQuartile,
        @Nullable BigDecimal minimum, @Nullable BigDecimal maximum, int signedOff, int excluded) {

    public static final int MINIMUM_GROUP = 3;
    /** Quartiles of fewer peers would let a structure work out their values from its own. */
    public static final int MINIMUM_PEERS_FOR_QUARTILES = 10;

    /** Over every structure's data, none left out; how many signed off not known. */
    public Aggregate(String period, int structures, @Nullable BigDecimal total, @Nullable BigDecimal average,
            @Nullable BigDecimal firstQuartile, @Nullable BigDecimal median, @Nullable BigDecimal thirdQuartile,
            @Nullable BigDecimal minimum, @Nullable BigDecimal maximum) {
        this(period, structures, total, average, firstQuartile, median, thirdQuartile, minimum, maximum, 0, 0);
    }

    public boolean hidden() {
        return structures < MINIMUM_GROUP || (excluded > 0 && excluded < MINIMUM_GROUP);
    }

    /** The same figures, blanked when the group is too small. */
    Aggregate secret() {
        return hidden() ? new Aggregate(period, structures, null, null, null, null, null, null, null, signedOff,
                excluded) : this;
    }

    /**
     * What a structure sees of its peers: their average from three of them, their quartiles from
     * ten; never a total or a range, which would show one structure's value.
     */
    Aggregate forPeers() {
        if (hidden()) {
            return secret();
        }
        boolean quartiles = structures >= MINIMUM_PEERS_FOR_QUARTILES;
        return new Aggregate(period, structures, null, average, quartiles ? firstQuartile : null,
                quartiles ? median : null, quartiles ? thirdQuartile : null, null, null, signedOff, excluded);
    }
}
