package fr.maillon.workshop.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.chain.EffectTarget;
import fr.maillon.workshop.Card;
import fr.maillon.workshop.CardDraft;
import fr.maillon.workshop.CardKind;
import fr.maillon.workshop.CardState;
import fr.maillon.workshop.Participant;
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.Workshop;

/** Workshops, their participants, cards, dots and the links drawn during them. */
@Repository
public class WorkshopRepository {

    private static final String SELECT_WORKSHOP = """
            SELECT id, structure_id, evaluation_id, title, code, projector_token, opened_at, closes_at, closed_at,
                   card_limit
            FROM workshop
            """;

    private static final String SELECT_CARD = """
            SELECT c.id, c.workshop_id, c.participant_id, p.role, c.kind, c.target, c.text, c.consent, c.state,
                   c.merged_into_id, c.element_id, c.posted_at, c.changed,
                   (SELECT count(*) FROM workshop_dot d WHERE d.card_id = c.id) AS dots
            FROM workshop_card c
            LEFT JOIN workshop_participant p ON p.id = c.participant_id
            """;

    private final JdbcClient jdbc;

    public WorkshopRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A workshop: opened now, or restored from an exchange document (closed then), with a fresh code and projector link. */
    public long insert(long structureId, long evaluationId, String title, String code, String projectorToken,
            Instant openedAt, Instant closesAt, @Nullable Instant closedAt, int cardLimit, long openedBy) {
        return jdbc.sql("""
                INSERT INTO workshop (structure_id, evaluation_id, title, code, projector_token, opened_at, closes_at,
                                      closed_at, card_limit, opened_by)
                VALUES (:structureId, :evaluationId, :title, :code, :projectorToken, :openedAt, :closesAt, :closedAt,
                        :cardLimit, :openedBy)
                RETURNING id
                """)
                .param("structureId", structureId)
                .param("evaluationId", evaluationId)
                .param("title", title)
                .param("code", code)
                .param("projectorToken", projectorToken)
                .param("openedAt", timestamp(openedAt))
                .param("closesAt", timestamp(closesAt))
                .param("closedAt", closedAt == null ? null : timestamp(closedAt))
                .param("cardLimit", cardLimit)
                .param("openedBy", openedBy)
                .query(Long.class)
                .single();
    }

    public Optional<Workshop> find(long id) {
        return jdbc.sql(SELECT_WORKSHOP + "WHERE id = :id").param("id", id).query(WorkshopRepository::workshop)
                .optional();
    }

    public Optional<Workshop> findByCode(String code) {
        return jdbc.sql(SELECT_WORKSHOP + "WHERE code = :code").param("code", code)
                .query(WorkshopRepository::workshop).optional();
    }

    public Optional<Workshop> findByProjectorToken(String token) {
        return jdbc.sql(SELECT_WORKSHOP + "WHERE projector_token = :token").param("token", token)
                .query(WorkshopRepository::workshop).optional();
    }

    /** An evaluation's workshops, the latest first. */
    public List<Workshop> findByEvaluation(long structureId, long evaluationId) {
        return jdbc.sql(SELECT_WORKSHOP + """
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY opened_at DESC, id DESC
                """)
                .param("structureId", structureId)
                .param("evaluationId", evaluationId)
                .query(WorkshopRepository::workshop)
                .list();
    }

    public void close(long id, Instant at) {
        jdbc.sql("UPDATE workshop SET closed_at = :at WHERE id = :id AND closed_at IS NULL")
                .param("id", id)
                .param("at", timestamp(at))
                .update();
    }

    // --- participants -----------------------------------------------------------------------------

    /** A new participant, unless the workshop already has {@code maximum}; empty then. */
    public Optional<Long> insertParticipant(Workshop workshop, String tokenHash, ParticipantRole role, Instant at,
            int maximum) {
        return jdbc.sql("""
                INSERT INTO workshop_participant (structure_id, workshop_id, token_hash, role, joined_at)
                SELECT :structureId, :workshopId, :tokenHash, :role, :at
                WHERE (SELECT count(*) FROM workshop_participant WHERE workshop_id = :workshopId) < :maximum
                RETURNING id
                """)
                .param("structureId", workshop.structureId())
                .param("workshopId", workshop.id())
                .param("tokenHash", tokenHash)
                .param("role", role.name())
                .param("at", timestamp(at))
                .param("maximum", maximum)
                .query(Long.class)
                .optional();
    }

    public Optional<Participant> findParticipant(long workshopId, String tokenHash) {
        return jdbc.sql("""
                SELECT p.id, p.workshop_id, p.role,
                       (SELECT count(*) FROM workshop_card c WHERE c.participant_id = p.id) AS cards_posted
                FROM workshop_participant p
                WHERE p.workshop_id = :workshopId
                  AND p.token_hash = :tokenHash
                """)
                .param("workshopId", workshopId)
                .param("tokenHash", tokenHash)
                .query((rs, row) -> new Participant(rs.getLong("id"), rs.getLong("workshop_id"),
                        ParticipantRole.valueOf(rs.getString("role")), rs.getInt("cards_posted")))
                .optional();
    }

    /** Participants by role. */
    public Map<ParticipantRole, Integer> participantsByRole(long workshopId) {
        Map<ParticipantRole, Integer> counts = new EnumMap<>(ParticipantRole.class);
        jdbc.sql("SELECT role, count(*) AS n FROM workshop_participant WHERE workshop_id = :id GROUP BY role")
                .param("id", workshopId)
                .query(rs -> {
                    counts.put(ParticipantRole.valueOf(rs.getString("role")), rs.getInt("n"));
                });
        return counts;
    }

    // --- cards ------------------------------------------------------------------------------------

    /**
     * A participant's card, in one statement: she is found by her secret's hash and her row locked,
     * so that two posts at once cannot pass her limit. Empty when no participant of the workshop has
     * this secret, when she has reached the workshop's card limit, or when the same submission was
     * already stored (a resend).
     */
    public Optional<Long> insertParticipantCard(Workshop workshop, String tokenHash, UUID submissionKey,
            CardKind kind, @Nullable EffectTarget target, String text, boolean consent, Instant at) {
        return jdbc.sql("""
                WITH participant AS (
                    SELECT id FROM workshop_participant
                    WHERE workshop_id = :workshopId AND token_hash = :tokenHash
                    FOR UPDATE
                )
                INSERT INTO workshop_card (structure_id, workshop_id, participant_id, submission_key, kind, target,
                                           text, consent, posted_at)
                SELECT :structureId, :workshopId, participant.id, :submissionKey, :kind, :target, :text, :consent, :at
                FROM participant
                WHERE (SELECT count(*) FROM workshop_card WHERE participant_id = participant.id) < :cardLimit
                ON CONFLICT (workshop_id, submission_key) DO NOTHING
                RETURNING id
                """)
                .param("tokenHash", tokenHash)
                .param("structureId", workshop.structureId())
                .param("workshopId", workshop.id())
                .param("submissionKey", submissionKey)
                .param("kind", kind.name())
                .param("target", target == null ? null : target.name())
                .param("text", text)
                .param("consent", consent)
                .param("at", timestamp(at))
                .param("cardLimit", workshop.cardLimit())
                .query(Long.class)
                .optional();
    }

    /** Whether this submission is already stored (a resend of an acknowledged card). */
    public boolean hasSubmission(long workshopId, UUID submissionKey) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM workshop_card WHERE workshop_id = :id AND submission_key = :key)")
                .param("id", workshopId)
                .param("key", submissionKey)
                .query(Boolean.class)
                .single();
    }

    /** A card the facilitator writes. */
    public long insertFacilitatorCard(Workshop workshop, CardKind kind, @Nullable EffectTarget target, String text,
            boolean consent, Instant at) {
        return jdbc.sql("""
                INSERT INTO workshop_card (structure_id, workshop_id, submission_key, kind, target, text, consent,
                                           posted_at)
                VALUES (:structureId, :workshopId, :submissionKey, :kind, :target, :text, :consent, :at)
                RETURNING id
                """)
                .param("structureId", workshop.structureId())
                .param("workshopId", workshop.id())
                .param("submissionKey", UUID.randomUUID())
                .param("kind", kind.name())
                .param("target", target == null ? null : target.name())
                .param("text", text)
                .param("consent", consent)
                .param("at", timestamp(at))
                .query(Long.class)
                .single();
    }

    /** A card, its row locked until the transaction ends. */
    public Optional<Card> findCardForUpdate(long workshopId, long cardId) {
        return jdbc.sql(SELECT_CARD + "WHERE c.workshop_id = :workshopId AND c.id = :cardId FOR UPDATE OF c")
                .param("workshopId", workshopId)
                .param("cardId", cardId)
                .query(WorkshopRepository::card)
                .optional();
    }

    /** All the cards of a workshop, in the order they were posted. */
    public List<Card> cards(long workshopId) {
        return jdbc.sql(SELECT_CARD + "WHERE c.workshop_id = :workshopId ORDER BY c.id")
                .param("workshopId", workshopId)
                .query(WorkshopRepository::card)
                .list();
    }

    /**
     * The cards changed after {@code after}, and again the last {@code overlap} changes of this
     * workshop up to {@code after}: a change whose transaction committed after a later one's (a
     * smaller number seen late) is sent again rather than missed. Counted in this workshop's own
     * changes, the overlap holds whatever other workshops do at the same time.
     */
    public List<Card> changedSince(long workshopId, long after, long overlap) {
        return jdbc.sql(SELECT_CARD + """
                WHERE c.workshop_id = :workshopId
                  AND c.changed >= coalesce((
                      SELECT min(recent.changed) FROM (
                          SELECT changed FROM workshop_card
                          WHERE workshop_id = :workshopId AND changed <= :after
                          ORDER BY changed DESC
                          LIMIT :overlap
                      ) recent), 0)
                ORDER BY c.changed
                """)
                .param("workshopId", workshopId)
                .param("after", after)
                .param("overlap", overlap)
                .query(WorkshopRepository::card)
                .list();
    }

    public void updateCard(long workshopId, long cardId, CardKind kind, @Nullable EffectTarget target, String text,
            boolean consent) {
        jdbc.sql("""
                UPDATE workshop_card
                SET kind = :kind, target = :target, text = :text, consent = :consent, changed = nextval('workshop_change')
                WHERE workshop_id = :workshopId AND id = :cardId
                """)
                .param("workshopId", workshopId)
                .param("cardId", cardId)
                .param("kind", kind.name())
                .param("target", target == null ? null : target.name())
                .param("text", text)
                .param("consent", consent)
                .update();
    }

    public void setState(long workshopId, long cardId, CardState state) {
        jdbc.sql("""
                UPDATE workshop_card
                SET state = :state, merged_into_id = NULL, changed = nextval('workshop_change')
                WHERE workshop_id = :workshopId AND id = :cardId
                """)
                .param("workshopId", workshopId)
                .param("cardId", cardId)
                .param("state", state.name())
                .update();
    }

    /**
     * Merges {@code mergedId} into {@code keptId}: its dots move to the kept card (one per
     * participant), cards merged into it now point to the kept one, and the kept card takes its
     * chain element if it had none.
     */
    public void merge(long workshopId, long keptId, long mergedId) {
        jdbc.sql("""
                INSERT INTO workshop_dot (card_id, participant_id, structure_id)
                SELECT :keptId, participant_id, structure_id FROM workshop_dot WHERE card_id = :mergedId
                ON CONFLICT DO NOTHING
                """).param("keptId", keptId).param("mergedId", mergedId).update();
        jdbc.sql("DELETE FROM workshop_dot WHERE card_id = :mergedId").param("mergedId", mergedId).update();
        jdbc.sql("""
                UPDATE workshop_card
                SET merged_into_id = :keptId, changed = nextval('workshop_change')
                WHERE workshop_id = :workshopId AND merged_into_id = :mergedId
                """).param("workshopId", workshopId).param("keptId", keptId).param("mergedId", mergedId).update();
        jdbc.sql("""
                UPDATE workshop_card kept
                SET element_id = coalesce(kept.element_id, merged.element_id), changed = nextval('workshop_change')
                FROM workshop_card merged
                WHERE kept.workshop_id = :workshopId AND kept.id = :keptId AND merged.id = :mergedId
                """).param("workshopId", workshopId).param("keptId", keptId).param("mergedId", mergedId).update();
        jdbc.sql("""
                UPDATE workshop_card
                SET state = 'MERGED', merged_into_id = :keptId, changed = nextval('workshop_change')
                WHERE workshop_id = :workshopId AND id = :mergedId
                """).param("workshopId", workshopId).param("keptId", keptId).param("mergedId", mergedId).update();
    }

    public void setElement(long workshopId, long cardId, long elementId) {
        jdbc.sql("""
                UPDATE workshop_card
                SET element_id = :elementId, changed = nextval('workshop_change')
                WHERE workshop_id = :workshopId AND id = :cardId
                """)
                .param("workshopId", workshopId)
                .param("cardId", cardId)
                .param("elementId", elementId)
                .update();
    }

    // --- dots -------------------------------------------------------------------------------------

    /** Puts the participant's dot on a shown card of her workshop, or takes it off; false if no such card. */
    public boolean toggleDot(long workshopId, long cardId, long participantId, long structureId) {
        int removed = jdbc.sql("DELETE FROM workshop_dot WHERE card_id = :cardId AND participant_id = :participantId")
                .param("cardId", cardId)
                .param("participantId", participantId)
                .update();
        int added = removed > 0 ? 0 : jdbc.sql("""
                INSERT INTO workshop_dot (card_id, participant_id, structure_id)
                SELECT id, :participantId, :structureId FROM workshop_card
                WHERE workshop_id = :workshopId AND id = :cardId AND state = 'SHOWN'
                ON CONFLICT DO NOTHING
                """)
                .param("workshopId", workshopId)
                .param("cardId", cardId)
                .param("participantId", participantId)
                .param("structureId", structureId)
                .update();
        if (removed + added == 0) {
            return false;
        }
        jdbc.sql("UPDATE workshop_card SET changed = nextval('workshop_change') WHERE id = :cardId")
                .param("cardId", cardId)
                .update();
        return true;
    }

    /** The cards a participant dotted. */
    public List<Long> dottedBy(long participantId) {
        return jdbc.sql("SELECT card_id FROM workshop_dot WHERE participant_id = :participantId")
                .param("participantId", participantId)
                .query(Long.class)
                .list();
    }

    // --- links and trace --------------------------------------------------------------------------

    public void insertLink(Workshop workshop, long linkId) {
        jdbc.sql("""
                INSERT INTO workshop_link (link_id, workshop_id, structure_id)
                VALUES (:linkId, :workshopId, :structureId)
                ON CONFLICT DO NOTHING
                """)
                .param("linkId", linkId)
                .param("workshopId", workshop.id())
                .param("structureId", workshop.structureId())
                .update();
    }

    /**
     * Cards posted; cards kept (placed, or merged into a placed card, and not hidden); of those
     * kept, the ones posted by inhabitants.
     */
    public int[] cardCounts(long workshopId) {
        return jdbc.sql("""
                SELECT count(*) AS posted,
                       count(*) FILTER (WHERE kept) AS kept,
                       count(*) FILTER (WHERE kept AND role = 'HABITANT') AS from_inhabitants
                FROM (
                    SELECT p.role,
                           c.state <> 'HIDDEN' AND (c.element_id IS NOT NULL OR (c.state = 'MERGED'
                               AND EXISTS (SELECT 1 FROM workshop_card k WHERE k.id = c.merged_into_id
                                           AND k.state = 'SHOWN' AND k.element_id IS NOT NULL))) AS kept
                    FROM workshop_card c
                    LEFT JOIN workshop_participant p ON p.id = c.participant_id
                    WHERE c.workshop_id = :workshopId
                ) cards
                """)
                .param("workshopId", workshopId)
                .query((rs, row) -> new int[] { rs.getInt("posted"), rs.getInt("kept"), rs.getInt("from_inhabitants") })
                .single();
    }

    /**
     * The names of the chain elements placed from cards posted by participants of this role: a card placed itself, or
     * merged into a shown card that was placed; never a hidden one.
     */
    public List<String> elementsPlacedFrom(long workshopId, ParticipantRole role) {
        return jdbc.sql("""
                SELECT DISTINCT e.name
                FROM workshop_card c
                JOIN workshop_participant p ON p.id = c.participant_id
                LEFT JOIN workshop_card k ON k.id = c.merged_into_id AND c.state = 'MERGED' AND k.state = 'SHOWN'
                JOIN chain_element e ON e.id = CASE WHEN c.state = 'SHOWN' THEN c.element_id ELSE k.element_id END
                WHERE c.workshop_id = :workshopId
                  AND p.role = :role
                  AND c.state <> 'HIDDEN'
                ORDER BY e.name
                """)
                .param("workshopId", workshopId)
                .param("role", role.name())
                .query(String.class)
                .list();
    }

    /** The links of the chain drawn during the workshop. */
    public List<Long> linkIds(long workshopId) {
        return jdbc.sql("SELECT link_id FROM workshop_link WHERE workshop_id = :workshopId ORDER BY link_id")
                .param("workshopId", workshopId)
                .query(Long.class)
                .list();
    }

    // --- restoring an exchanged workshop ----------------------------------------------------------

    /** An anonymous participant rebuilt from a count by role: nobody holds her secret. */
    public long insertRestoredParticipant(Workshop workshop, String tokenHash, ParticipantRole role, Instant at) {
        return jdbc.sql("""
                INSERT INTO workshop_participant (structure_id, workshop_id, token_hash, role, joined_at)
                VALUES (:structureId, :workshopId, :tokenHash, :role, :at)
                RETURNING id
                """)
                .param("structureId", workshop.structureId())
                .param("workshopId", workshop.id())
                .param("tokenHash", tokenHash)
                .param("role", role.name())
                .param("at", timestamp(at))
                .query(Long.class)
                .single();
    }

    /** A card as an exchange document describes it. */
    public long insertRestoredCard(Workshop workshop, @Nullable Long participantId, CardKind kind,
            @Nullable EffectTarget target, String text, CardState state, @Nullable Long mergedIntoId,
            @Nullable Long elementId, Instant at) {
        return jdbc.sql("""
                INSERT INTO workshop_card (structure_id, workshop_id, participant_id, submission_key, kind, target,
                                           text, consent, state, merged_into_id, element_id, posted_at)
                VALUES (:structureId, :workshopId, :participantId, :submissionKey, :kind, :target, :text, :consent,
                        :state, :mergedIntoId, :elementId, :at)
                RETURNING id
                """)
                .param("structureId", workshop.structureId())
                .param("workshopId", workshop.id())
                .param("participantId", participantId)
                .param("submissionKey", UUID.randomUUID())
                .param("kind", kind.name())
                .param("target", target == null ? null : target.name())
                .param("text", text)
                .param("consent", kind == CardKind.TESTIMONY)
                .param("state", state.name())
                .param("mergedIntoId", mergedIntoId)
                .param("elementId", elementId)
                .param("at", timestamp(at))
                .query(Long.class)
                .single();
    }

    /** The hidden cards of a restored workshop, without their text, in one statement. */
    public void insertRestoredHiddenCards(Workshop workshop, int count, String text, Instant at) {
        jdbc.sql("""
                INSERT INTO workshop_card (structure_id, workshop_id, submission_key, kind, text, state, posted_at)
                SELECT :structureId, :workshopId, gen_random_uuid(), 'ACTIVITY', :text, 'HIDDEN', :at
                FROM generate_series(1, :count)
                """)
                .param("structureId", workshop.structureId())
                .param("workshopId", workshop.id())
                .param("text", text)
                .param("at", timestamp(at))
                .param("count", count)
                .update();
    }

    /** Marks a restored card as merged into another of its workshop. */
    public void restoreMerged(long workshopId, long cardId, long intoId) {
        jdbc.sql("""
                UPDATE workshop_card
                SET state = 'MERGED', merged_into_id = :intoId, changed = nextval('workshop_change')
                WHERE workshop_id = :workshopId AND id = :cardId
                """)
                .param("workshopId", workshopId)
                .param("cardId", cardId)
                .param("intoId", intoId)
                .update();
    }

    public void insertDot(Workshop workshop, long cardId, long participantId) {
        jdbc.sql("""
                INSERT INTO workshop_dot (card_id, participant_id, structure_id)
                VALUES (:cardId, :participantId, :structureId)
                ON CONFLICT DO NOTHING
                """)
                .param("cardId", cardId)
                .param("participantId", participantId)
                .param("structureId", workshop.structureId())
                .update();
    }

    // --- mapping ----------------------------------------------------------------------------------

    private static Workshop workshop(ResultSet rs, int row) throws SQLException {
        return new Workshop(rs.getLong("id"), rs.getLong("structure_id"), rs.getLong("evaluation_id"),
                rs.getString("title"), rs.getString("code"), rs.getString("projector_token"),
                instant(rs, "opened_at"), instant(rs, "closes_at"), nullableInstant(rs, "closed_at"),
                rs.getInt("card_limit"));
    }

    private static Card card(ResultSet rs, int row) throws SQLException {
        String role = rs.getString("role");
        String target = rs.getString("target");
        return new Card(rs.getLong("id"), rs.getLong("workshop_id"), rs.getObject("participant_id", Long.class),
                role == null ? null : ParticipantRole.valueOf(role), CardKind.valueOf(rs.getString("kind")),
                target == null ? null : EffectTarget.valueOf(target), rs.getString("text"), rs.getBoolean("consent"),
                CardState.valueOf(rs.getString("state")), rs.getObject("merged_into_id", Long.class),
                rs.getObject("element_id", Long.class), instant(rs, "posted_at"), rs.getLong("changed"),
                rs.getInt("dots"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
