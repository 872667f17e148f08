package fr.maillon.network;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.organisation.Organisation;

/**
 * One library entry for one year across a network's territory, by region then by département
 * (a national network's view): each group's size and, when it may be shown, its total, average and
 * median. Every shared value counts, signed off or not: {@code signedOff} says how many structures
 * signed that year's data off. {@code entry} is null when nothing is shared with the network yet.
 */
public record TerritoryFigures(Organisation organisation, List<NetworkEntry> entries, @Nullable NetworkEntry entry,
        List<Integer> years, @Nullable Integer year, Group whole, int signedOff, List<Region> regions) {

    /** Why a group's figures are not shown. */
    public enum Masking {
        /** Shown. */
        NONE,
        /** Fewer than {@link Aggregate#MINIMUM_GROUP} structures. */
        SMALL,
        /** Hidden so that a hidden group's figures cannot be worked out from its neighbours'. */
        PROTECTS
    }

    /** A territory's figures; {@code total}, {@code average} and {@code median} are null when masked. */
    public record Group(String code, String name, int structures, @Nullable BigDecimal total,
            @Nullable BigDecimal average, @Nullable BigDecimal median, Masking masking) {

        public boolean hidden() {
            return masking != Masking.NONE;
        }

        Group masked(Masking why) {
            return new Group(code, name, structures, null, null, null, why);
        }
    }

    public record Region(Group figures, List<Group> departements) {
    }
}
