package fr.maillon.restitution.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.restitution.NarrativesConflictException;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.web.RuleViolationException;

/**
 * A section's box in the draft page's one form of texts: what it shows (the stored text, or what
 * was typed when a save was refused), the version and fingerprint it carries, and why it was
 * refused, if it was.
 */
public record NarrativeEntry(ReportAudience.Section section, String text, int version, String read,
        NarrativesConflictException.@Nullable Conflict conflict, RuleViolationException.@Nullable Violation error) {
}
