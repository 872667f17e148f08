package fr.maillon.network;

import org.jspecify.annotations.Nullable;

/**
 * Which structures of a network's progress view to show: those of one région, of one département (or all), one page
 * of {@link ProgressService#PAGE_SIZE} at a time, the first page being 1. A code the territory does not hold shows no
 * structure; a page before the first is the first, a page after the last is the last.
 */
public record ProgressQuery(@Nullable String region, @Nullable String departement, int page) {

    public static final ProgressQuery ALL = new ProgressQuery(null, null, 1);

    public ProgressQuery {
        region = region == null || region.isBlank() ? null : region.strip();
        departement = departement == null || departement.isBlank() ? null : departement.strip();
        page = Math.max(1, page);
    }

    /** The first page of the place a form chose: {@code region-84}, {@code departement-26}; anything else is all. */
    public static ProgressQuery of(String place) {
        if (place.startsWith("region-")) {
            return new ProgressQuery(place.substring("region-".length()), null, 1);
        }
        if (place.startsWith("departement-")) {
            return new ProgressQuery(null, place.substring("departement-".length()), 1);
        }
        return ALL;
    }

    /** The same places, another page. */
    ProgressQuery page(int number) {
        return new ProgressQuery(region, departement, number);
    }

    /** Whether a département of a région is among those asked for. */
    boolean includes(Place place) {
        return (region == null || region.equals(place.region())) && (departement == null
                || departement.equals(place.departement()));
    }

    /** A département of the territory, its région, and how many of the territory's structures it holds. */
    public record Place(String departement, String departementName, String region, String regionName,
            int structures) {
    }
}
