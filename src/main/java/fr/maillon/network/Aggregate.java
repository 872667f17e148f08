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
    /** Quartiles of fewer peers would let a structure work out their values from its own. */
    public static final int MINIMUM_PEERS_FOR_QUARTILES = 10;

    public boolean hidden() {
        return structures < MINIMUM_GROUP;
    }

    /** The same figures, blanked when the group is too small. */
    Aggregate secret() {
        return hidden() ? new Aggregate(period, structures, null, null, null, null, null, null, null) : this;
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
                quartiles ? median : null, quartiles ? thirdQuartile : null, null, null);
    }
}
