package fr.maillon.restitution;

import java.time.ZonedDateTime;

import org.jspecify.annotations.Nullable;

/**
 * What a finalised version brought from another instance says of itself wherever it is shown (its
 * page, every page of its PDF, its share link): imported, when (in the configured zone), and from
 * where as its file tells ({@code origin} null: the file does not tell, "un autre Maillon").
 * Nothing in it is established here: an imported file can carry any text and dates.
 */
public record ImportMark(ZonedDateTime importedAt, @Nullable String origin) {
}
