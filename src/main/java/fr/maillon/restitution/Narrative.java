package fr.maillon.restitution;

/**
 * The authors' text of a section of a report's draft, and its version (0 while none was written),
 * raised by each save.
 */
public record Narrative(ReportAudience.Section section, String text, int version) {
}
