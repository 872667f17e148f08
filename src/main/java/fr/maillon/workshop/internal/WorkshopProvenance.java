package fr.maillon.workshop.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.Provenance;
import fr.maillon.chain.ProvenanceSource;

/**
 * The elements placed from a workshop's cards and the links drawn during a workshop are marked
 * « atelier du 12 mars » (the day it opened, in the configured zone; the year when not this year's).
 * A hidden card leaves no mark; an element placed in two workshops keeps the first.
 */
@Component
class WorkshopProvenance implements ProvenanceSource {

    private static final String PLACED = """
            SELECT 'ELEMENT' AS what, placed.id, placed.opened_at
            FROM (
                SELECT DISTINCT ON (c.element_id) c.element_id AS id, w.opened_at
                FROM workshop_card c
                JOIN workshop w ON w.id = c.workshop_id
                WHERE w.structure_id = :structureId
                  AND w.evaluation_id = :evaluationId
                  AND c.element_id IS NOT NULL
                  AND c.state <> 'HIDDEN'
                ORDER BY c.element_id, w.opened_at
            ) placed
            UNION ALL
            SELECT 'LINK' AS what, l.link_id AS id, w.opened_at
            FROM workshop_link l
            JOIN workshop w ON w.id = l.workshop_id
            WHERE w.structure_id = :structureId
              AND w.evaluation_id = :evaluationId
            """;

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;

    WorkshopProvenance(JdbcClient jdbc, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public Provenance provenance(Evaluation evaluation, Locale locale) {
        Map<Long, String> elements = new HashMap<>();
        Map<Long, String> links = new HashMap<>();
        Map<Instant, String> labels = new HashMap<>();
        int thisYear = ZonedDateTime.now(clock).getYear();
        jdbc.sql(PLACED)
                .param("structureId", evaluation.structureId())
                .param("evaluationId", evaluation.id())
                .query((ResultSet rs) -> {
                    Instant opened = openedAt(rs);
                    String label = labels.computeIfAbsent(opened, at -> label(at, thisYear, locale));
                    ("LINK".equals(rs.getString("what")) ? links : elements).put(rs.getLong("id"), label);
                });
        return new Provenance(elements, links);
    }

    private String label(Instant openedAt, int thisYear, Locale locale) {
        ZonedDateTime day = openedAt.atZone(clock.getZone());
        String month = DateTimeFormatter.ofPattern(day.getYear() == thisYear ? "MMMM" : "MMMM yyyy", locale)
                .format(day);
        return messages.getMessage("workshop.provenance", new Object[] { String.valueOf(day.getDayOfMonth()), month },
                locale);
    }

    private static Instant openedAt(ResultSet rs) throws SQLException {
        return rs.getObject("opened_at", OffsetDateTime.class).toInstant();
    }
}
