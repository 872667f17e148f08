package fr.maillon.framework;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A way to break values down (sex, age band, the structure's quartiers...) into labelled
 * categories. Those shipped with Maillon ({@code structureId} null) are offered to every structure.
 */
public record Disaggregation(long id, @Nullable Long structureId, String code, String name, List<String> categories,
        int version) {

    public Disaggregation {
        categories = List.copyOf(categories);
    }

    public boolean shipped() {
        return structureId == null;
    }
}
