package fr.maillon.network;

import org.jspecify.annotations.Nullable;

/** A programme: its name, what it is, and the network that runs it (none: it runs itself, an outside facilitator). */
public record Programme(long id, String name, String description, @Nullable Long runById, @Nullable String runByName) {
}
