package fr.maillon.importing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A structure's mapping of DHIS2 data elements to its indicators, kept to be reused from one DHIS2
 * file to the next. A line maps a data element, and a category option combo ("" for any combo not
 * named on another line of the element), to an indicator's code and one category of its
 * disaggregation ("" for its total). When {@code organisationUnit} is set, only that organisation
 * unit's values are imported; the others are counted and named, never written.
 */
public record Dhis2Mapping(long id, long structureId, String name, @Nullable String organisationUnit, int version,
        List<Line> lines) {

    public Dhis2Mapping {
        lines = List.copyOf(lines);
    }

    public record Line(String dataElement, String categoryOptionCombo, String indicatorCode, String category) {
    }

    /** The line for a value of this element and combo: the combo's own, else the element's line for any combo. */
    public @Nullable Line line(String dataElement, String categoryOptionCombo) {
        Line any = null;
        for (Line line : lines) {
            if (line.dataElement().equals(dataElement)) {
                if (line.categoryOptionCombo().equals(categoryOptionCombo)) {
                    return line;
                }
                if (line.categoryOptionCombo().isEmpty()) {
                    any = line;
                }
            }
        }
        return any;
    }

    public boolean knows(String dataElement) {
        return lines.stream().anyMatch(line -> line.dataElement().equals(dataElement));
    }
}
