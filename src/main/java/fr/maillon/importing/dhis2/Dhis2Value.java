package fr.maillon.importing.dhis2;

/**
 * One data value of a DHIS2 dataValueSet, as the file gives it (blank when absent), with the line
 * of the file it starts on. The set's own period, organisation unit and attribute option combo
 * (JSON and XML) are already given to the values that have none.
 */
public record Dhis2Value(int line, String dataElement, String period, String organisationUnit,
        String categoryOptionCombo, String attributeOptionCombo, String value, String comment) {
}
