package fr.maillon.framework;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An indicator of a library, ready to be copied into a framework: what it measures and how, under
 * a theme (a CAF finalité, a Drôme dimension, a part of the socle). A formula names other entries
 * of the same library; a disaggregation is named by its code (sexe, age, qpv...).
 */
public record LibraryEntry(long id, long libraryId, String code, @Nullable String theme, String name,
        @Nullable String description, Measure measure, @Nullable String unit, @Nullable List<String> scaleLevels,
        Direction direction, PeriodType frequency, Aggregation aggregation, DataSource source,
        @Nullable String formula, @Nullable String disaggregationCode) {
}
