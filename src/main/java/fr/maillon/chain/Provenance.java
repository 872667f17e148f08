package fr.maillon.chain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where elements and links of a chain come from, when not from the editors' forms: a short label for
 * each ({@code « atelier du 12 mars »}), by element id and by link id.
 */
public record Provenance(Map<Long, String> elements, Map<Long, String> links) {

    public static final Provenance NONE = new Provenance(Map.of(), Map.of());

    public Provenance {
        elements = Map.copyOf(elements);
        links = Map.copyOf(links);
    }

    public @Nullable String element(long elementId) {
        return elements.get(elementId);
    }

    public @Nullable String link(long linkId) {
        return links.get(linkId);
    }

    public boolean isEmpty() {
        return elements.isEmpty() && links.isEmpty();
    }

    /** All the sources' labels; the first source naming an element or a link wins. */
    static Provenance of(List<Provenance> parts) {
        Map<Long, String> elements = new HashMap<>();
        Map<Long, String> links = new HashMap<>();
        for (Provenance part : parts) {
            part.elements().forEach(elements::putIfAbsent);
            part.links().forEach(links::putIfAbsent);
        }
        return new Provenance(elements, links);
    }
}
