package fr.maillon.network;

import org.jspecify.annotations.Nullable;

import fr.maillon.framework.Measure;

/** A library entry that structures of the territory measure, and how many of them share results for it. */
public record NetworkEntry(long id, String library, @Nullable String theme, String code, String name,
        Measure measure, @Nullable String unit, int structures) {

    /** Whether adding the structures' values means something (counts, hours, euros; not rates or shares). */
    public boolean additive() {
        return (measure == Measure.COUNT || measure == Measure.HOURS || measure == Measure.EUR)
                && (unit == null || !unit.contains("/"));
    }

    /** The name with its unit in parentheses, written once: "Salariés (ETP)" stays as it is. */
    public String nameWithUnit() {
        if (unit == null || unit.isBlank() || name.contains("(" + unit.strip() + ")")) {
            return name;
        }
        return name + " (" + unit.strip() + ")";
    }
}
