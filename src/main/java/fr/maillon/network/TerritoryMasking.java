package fr.maillon.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import fr.maillon.network.TerritoryFigures.Group;
import fr.maillon.network.TerritoryFigures.Masking;
import fr.maillon.network.TerritoryFigures.Region;

/**
 * The small-group rule for nested territories. A group of fewer than three structures is masked;
 * then, among the groups that make up a shown parent, the masked ones must hold none or at least
 * three structures together, or subtracting the shown ones from the parent would give one or two
 * structures' figures: the smallest shown groups are masked too until they do. A masked region
 * masks its départements, whose sum would give it back.
 */
final class TerritoryMasking {

    private TerritoryMasking() {
    }

    static List<Region> mask(List<Region> regions) {
        List<Group> masked = siblings(regions.stream().map(Region::figures).toList());
        List<Region> result = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            Group region = masked.get(i);
            List<Group> departements = regions.get(i).departements();
            result.add(new Region(region, region.hidden()
                    ? departements.stream().map(d -> d.masked(d.structures() < Aggregate.MINIMUM_GROUP ? Masking.SMALL
                            : Masking.PROTECTS)).toList()
                    : siblings(departements)));
        }
        return result;
    }

    static Group whole(Group whole) {
        return whole.structures() < Aggregate.MINIMUM_GROUP ? whole.masked(Masking.SMALL) : whole;
    }

    /** The groups that make up one parent, masked by the rule, in their order. */
    static List<Group> siblings(List<Group> groups) {
        List<Group> result = new ArrayList<>(groups.stream()
                .map(group -> group.structures() < Aggregate.MINIMUM_GROUP ? group.masked(Masking.SMALL) : group)
                .toList());
        int hidden = result.stream().filter(Group::hidden).mapToInt(Group::structures).sum();
        while (hidden > 0 && hidden < Aggregate.MINIMUM_GROUP) {
            Group smallest = result.stream().filter(group -> !group.hidden())
                    .min(Comparator.comparingInt(Group::structures).thenComparing(Group::code)).orElse(null);
            if (smallest == null) {
                break;
            }
            result.set(result.indexOf(smallest), smallest.masked(Masking.PROTECTS));
            hidden += smallest.structures();
        }
        return result;
    }
}
