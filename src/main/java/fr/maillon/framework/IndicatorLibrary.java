package fr.maillon.framework;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A library of indicators: one of those shipped with Maillon ({@code organisationId} null), or a
 * federation's, which the structures of its départements see once it is published.
 */
public record IndicatorLibrary(long id, @Nullable Long organisationId, String code, String name,
        @Nullable String description, boolean published, List<LibraryEntry> entries) {

    public IndicatorLibrary {
        entries = List.copyOf(entries);
    }

    public boolean shipped() {
        return organisationId == null;
    }

    /** The themes of its entries, in order of first appearance ("" for entries without one). */
    public List<String> themes() {
        return entries.stream().map(entry -> entry.theme() == null ? "" : entry.theme()).distinct().toList();
    }

    public List<LibraryEntry> entries(String theme) {
        return entries.stream().filter(entry -> theme.equals(entry.theme() == null ? "" : entry.theme())).toList();
    }
}
