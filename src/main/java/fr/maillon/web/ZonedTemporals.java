package fr.maillon.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.thymeleaf.expression.Temporals;

/**
 * Thymeleaf's {@code #temporals}, reading every instant in the configured zone: Thymeleaf converts
 * an {@link Instant} to its zone but shows an {@link OffsetDateTime} or a {@link ZonedDateTime} in
 * the offset it carries, which is UTC for a {@code timestamptz} read from PostgreSQL. Here both are
 * first turned into the instant they mean, so "10:00 UTC" reads "12:00" in Paris in summer.
 */
public final class ZonedTemporals {

    private final Temporals temporals;

    ZonedTemporals(Locale locale, ZoneId zone) {
        this.temporals = new Temporals(locale, zone);
    }

    public @Nullable String format(@Nullable Temporal target) {
        return temporals.format(inZone(target));
    }

    public @Nullable String format(@Nullable Temporal target, String pattern) {
        return temporals.format(inZone(target), pattern);
    }

    public @Nullable String format(@Nullable Temporal target, String pattern, Locale locale) {
        return temporals.format(inZone(target), pattern, locale);
    }

    public @Nullable String formatISO(@Nullable Temporal target) {
        return temporals.formatISO(inZone(target));
    }

    public @Nullable Integer day(@Nullable Temporal target) {
        return temporals.day(inZone(target));
    }

    public @Nullable Integer month(@Nullable Temporal target) {
        return temporals.month(inZone(target));
    }

    public @Nullable String monthName(@Nullable Temporal target) {
        return temporals.monthName(inZone(target));
    }

    public @Nullable Integer year(@Nullable Temporal target) {
        return temporals.year(inZone(target));
    }

    public @Nullable Integer hour(@Nullable Temporal target) {
        return temporals.hour(inZone(target));
    }

    public @Nullable Integer minute(@Nullable Temporal target) {
        return temporals.minute(inZone(target));
    }

    /** An offset or zoned date-time as the instant it means (Thymeleaf then reads it in the zone); others as they are. */
    static @Nullable Temporal inZone(@Nullable Temporal target) {
        if (target instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (target instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        return target;
    }
}
