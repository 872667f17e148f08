package fr.maillon.organisation;

import java.time.ZonedDateTime;

/** A platform admin's access to a structure's data: when (in the configured zone), who (her user name), what (path or action). */
public record AccessLogEntry(ZonedDateTime accessedAt, String username, String what) {
}
