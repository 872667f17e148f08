package fr.maillon.network.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.network.JoinedProgramme;
import fr.maillon.network.Programme;
import fr.maillon.network.ProgrammeCohortStructure;
import fr.maillon.network.ProgrammeInvitation;
import fr.maillon.network.ProgrammeMilestone;
import fr.maillon.network.ProgrammeRemoval;
import fr.maillon.network.ProgressStep;

/** Programmes: who runs them, their cohort, their milestones and the links that invite structures in. */
@Repository
public class ProgrammeRepository {

    private final JdbcClient jdbc;

    public ProgrammeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(long programmeId, long runBy, String description, long createdBy) {
        jdbc.sql("""
                INSERT INTO programme (organisation_id, run_by, description, created_by)
                VALUES (:programme, :runBy, :description, :createdBy)
                """)
                .param("programme", programmeId)
                .param("runBy", runBy)
                .param("description", description)
                .param("createdBy", createdBy)
                .update();
    }

    /** A programme's card; a PROGRAMME organisation the platform admin created has no row, and runs itself. */
    public Optional<Programme> card(long programmeId) {
        return jdbc.sql("""
                SELECT o.id, o.name, coalesce(p.description, '') AS description, p.run_by AS run_by_id,
                       runner.name AS run_by_name
                FROM organisation o
                LEFT JOIN programme p ON p.organisation_id = o.id
                LEFT JOIN organisation runner ON runner.id = p.run_by
                WHERE o.id = :programme AND o.type = 'PROGRAMME'
                """)
                .param("programme", programmeId)
                .query(Programme.class)
                .optional();
    }

    /** The programmes a network runs. */
    public List<Programme> runBy(long organisationId) {
        return jdbc.sql("""
                SELECT o.id, o.name, p.description, p.run_by AS run_by_id, runner.name AS run_by_name
                FROM programme p
                JOIN organisation o ON o.id = p.organisation_id
                JOIN organisation runner ON runner.id = p.run_by
                WHERE p.run_by = :organisation
                ORDER BY o.name, o.id
                """)
                .param("organisation", organisationId)
                .query(Programme.class)
                .list();
    }

    // --- cohort -------------------------------------------------------------------------------

    public void join(long programmeId, long structureId, long userId, Instant now) {
        jdbc.sql("""
                INSERT INTO network_cohort (organisation_id, structure_id, joined_at, joined_by)
                VALUES (:programme, :structure, :now, :user)
                ON CONFLICT DO NOTHING
                """)
                .param("programme", programmeId)
                .param("structure", structureId)
                .param("now", Timestamp.from(now))
                .param("user", userId)
                .update();
    }

    public boolean leave(long programmeId, long structureId) {
        return jdbc.sql("DELETE FROM network_cohort WHERE organisation_id = :programme AND structure_id = :structure")
                .param("programme", programmeId)
                .param("structure", structureId)
                .update() == 1;
    }

    /** The programmes a structure joined. */
    public List<JoinedProgramme> joinedBy(long structureId) {
        return jdbc.sql("""
                SELECT o.id AS programme_id, o.name, runner.name AS run_by_name, c.joined_at
                FROM network_cohort c
                JOIN organisation o ON o.id = c.organisation_id
                LEFT JOIN programme p ON p.organisation_id = o.id
                LEFT JOIN organisation runner ON runner.id = p.run_by
                WHERE c.structure_id = :structure
                ORDER BY o.name, o.id
                """)
                .param("structure", structureId)
                .query(JoinedProgramme.class)
                .list();
    }

    // --- milestones ---------------------------------------------------------------------------

    public List<ProgrammeMilestone> milestones(long organisationId) {
        return jdbc.sql("""
                SELECT id, label, step, due_on
                FROM programme_milestone
                WHERE organisation_id = :organisation
                ORDER BY due_on, id
                """)
                .param("organisation", organisationId)
                .query((rs, row) -> new ProgrammeMilestone(rs.getLong("id"), rs.getString("label"),
                        ProgressStep.valueOf(rs.getString("step")), rs.getObject("due_on", LocalDate.class)))
                .list();
    }

    public int countMilestones(long organisationId) {
        return jdbc.sql("SELECT count(*) FROM programme_milestone WHERE organisation_id = :organisation")
                .param("organisation", organisationId)
                .query(Integer.class)
                .single();
    }

    public long insertMilestone(long organisationId, String label, ProgressStep step, LocalDate dueOn) {
        return jdbc.sql("""
                INSERT INTO programme_milestone (organisation_id, label, step, due_on)
                VALUES (:organisation, :label, :step, :dueOn)
                RETURNING id
                """)
                .param("organisation", organisationId)
                .param("label", label)
                .param("step", step.name())
                .param("dueOn", dueOn)
                .query(Long.class)
                .single();
    }

    public void deleteMilestones(long organisationId) {
        jdbc.sql("DELETE FROM programme_milestone WHERE organisation_id = :organisation")
                .param("organisation", organisationId)
                .update();
    }

    public boolean deleteMilestone(long organisationId, long milestoneId) {
        return jdbc.sql("DELETE FROM programme_milestone WHERE organisation_id = :organisation AND id = :id")
                .param("organisation", organisationId)
                .param("id", milestoneId)
                .update() == 1;
    }

    // --- invitations --------------------------------------------------------------------------

    public long insertInvitation(long programmeId, String invitee, String tokenHash, long createdBy, Instant now,
            Instant expiresAt) {
        return jdbc.sql("""
                INSERT INTO programme_invitation (organisation_id, invitee, token_hash, created_by, created_at,
                                                  expires_at)
                VALUES (:programme, :invitee, :hash, :createdBy, :now, :expiresAt)
                RETURNING id
                """)
                .param("programme", programmeId)
                .param("invitee", invitee)
                .param("hash", tokenHash)
                .param("createdBy", createdBy)
                .param("now", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(expiresAt))
                .query(Long.class)
                .single();
    }

    /** The programme an unused, unexpired link invites into. */
    public Optional<Long> usable(String tokenHash, Instant now) {
        return jdbc.sql("""
                SELECT organisation_id
                FROM programme_invitation
                WHERE token_hash = :hash AND accepted_at IS NULL AND cancelled_at IS NULL AND expires_at > :now
                """)
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .optional();
    }

    /** Uses the link once: false when it was used or withdrawn meanwhile, or has expired. */
    public boolean accept(String tokenHash, long structureId, long userId, Instant now) {
        return jdbc.sql("""
                UPDATE programme_invitation
                SET accepted_at = :now, accepted_by = :user, structure_id = :structure
                WHERE token_hash = :hash AND accepted_at IS NULL AND cancelled_at IS NULL AND expires_at > :now
                """)
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .param("user", userId)
                .param("structure", structureId)
                .update() == 1;
    }

    public List<ProgrammeInvitation> pending(long programmeId, Instant now) {
        return jdbc.sql("""
                SELECT id, invitee, expires_at
                FROM programme_invitation
                WHERE organisation_id = :programme AND accepted_at IS NULL AND cancelled_at IS NULL
                  AND expires_at > :now
                ORDER BY created_at DESC, id DESC
                """)
                .param("programme", programmeId)
                .param("now", Timestamp.from(now))
                .query(ProgrammeInvitation.class)
                .list();
    }

    /** Whether a programme's facilitators withdrew this link before it was used. */
    public boolean withdrawn(String tokenHash) {
        return jdbc.sql("""
                SELECT EXISTS (
                    SELECT 1
                    FROM programme_invitation
                    WHERE token_hash = :hash AND accepted_at IS NULL AND cancelled_at IS NOT NULL
                )
                """)
                .param("hash", tokenHash)
                .query(Boolean.class)
                .single();
    }

    /** Withdraws a link of this programme not used yet and still valid: false when there is none such. */
    public boolean cancelInvitation(long programmeId, long invitationId, long userId, Instant now) {
        return jdbc.sql("""
                UPDATE programme_invitation
                SET cancelled_at = :now, cancelled_by = :user
                WHERE organisation_id = :programme AND id = :id AND accepted_at IS NULL AND cancelled_at IS NULL
                  AND expires_at > :now
                """)
                .param("programme", programmeId)
                .param("id", invitationId)
                .param("user", userId)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    // --- removals -----------------------------------------------------------------------------

    /** The structures in the programme's cohort, by name. */
    public List<ProgrammeCohortStructure> cohort(long programmeId) {
        return jdbc.sql("""
                SELECT c.structure_id, o.name, c.joined_at
                FROM network_cohort c
                JOIN organisation o ON o.id = c.structure_id
                WHERE c.organisation_id = :programme
                ORDER BY o.name, c.structure_id
                """)
                .param("programme", programmeId)
                .query(ProgrammeCohortStructure.class)
                .list();
    }

    /** Keeps that the programme removed the structure (the latest removal), for the structure's members. */
    public void recordRemoval(long programmeId, long structureId, long userId, Instant now) {
        jdbc.sql("""
                INSERT INTO programme_removal (organisation_id, structure_id, removed_at, removed_by)
                VALUES (:programme, :structure, :now, :user)
                ON CONFLICT (organisation_id, structure_id)
                DO UPDATE SET removed_at = excluded.removed_at, removed_by = excluded.removed_by
                """)
                .param("programme", programmeId)
                .param("structure", structureId)
                .param("now", Timestamp.from(now))
                .param("user", userId)
                .update();
    }

    /** The structure joins again: the removal is forgotten. */
    public void forgetRemoval(long programmeId, long structureId) {
        jdbc.sql("DELETE FROM programme_removal WHERE organisation_id = :programme AND structure_id = :structure")
                .param("programme", programmeId)
                .param("structure", structureId)
                .update();
    }

    /** The programmes that removed the structure from their cohort, newest first. */
    public List<ProgrammeRemoval> removals(long structureId) {
        return jdbc.sql("""
                SELECT r.organisation_id AS programme_id, o.name, r.removed_at
                FROM programme_removal r
                JOIN organisation o ON o.id = r.organisation_id
                WHERE r.structure_id = :structure
                ORDER BY r.removed_at DESC, o.name
                """)
                .param("structure", structureId)
                .query(ProgrammeRemoval.class)
                .list();
    }
}
