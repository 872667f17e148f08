package fr.maillon.web;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * An item's version as it is now stored: its number, raised by each save, and who saved it last
 * and when (both unknown for an item nobody changed since it was created, or whose author left).
 */
public record Revision(int version, @Nullable String updatedBy, @Nullable OffsetDateTime updatedAt) {
}
