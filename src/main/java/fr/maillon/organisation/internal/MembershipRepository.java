package fr.maillon.organisation.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.organisation.Membership;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;

@Repository
public class MembershipRepository {

    private static final RowMapper<Membership> MEMBERSHIP = (rs, row) -> new Membership(rs.getLong("organisation_id"),
            OrganisationType.valueOf(rs.getString("type")), rs.getString("name"), Role.valueOf(rs.getString("role")));

    private final JdbcClient jdbc;

    public MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Role> role(long userId, long organisationId) {
        return jdbc.sql("""
                SELECT role
                FROM membership
                WHERE user_id = :userId
                  AND organisation_id = :organisationId
                """)
                .param("userId", userId)
                .param("organisationId", organisationId)
                .query((rs, row) -> Role.valueOf(rs.getString("role")))
                .optional();
    }

    /** Adds the person to the organisation, or changes her role there. */
    public void put(long userId, long organisationId, Role role) {
        jdbc.sql("""
                INSERT INTO membership (user_id, organisation_id, role)
                VALUES (:userId, :organisationId, :role)
                ON CONFLICT (user_id, organisation_id) DO UPDATE SET role = EXCLUDED.role
                """)
                .param("userId", userId)
                .param("organisationId", organisationId)
                .param("role", role.name())
                .update();
    }

    public void delete(long userId, long organisationId) {
        jdbc.sql("DELETE FROM membership WHERE user_id = :userId AND organisation_id = :organisationId")
                .param("userId", userId)
                .param("organisationId", organisationId)
                .update();
    }

    public List<Membership> membershipsOf(long userId) {
        return jdbc.sql("""
                SELECT m.organisation_id, o.type, o.name, m.role
                FROM membership m
                JOIN organisation o ON o.id = m.organisation_id
                WHERE m.user_id = :userId
                ORDER BY o.type DESC, o.name
                """)
                .param("userId", userId)
                .query(MEMBERSHIP)
                .list();
    }

    /** (user id, role) of each member of an organisation. */
    public List<MemberRole> membersOf(long organisationId) {
        return jdbc.sql("""
                SELECT user_id, role
                FROM membership
                WHERE organisation_id = :organisationId
                """)
                .param("organisationId", organisationId)
                .query(MemberRole.class)
                .list();
    }

    public long countAdmins(long organisationId) {
        return jdbc.sql("""
                SELECT count(*)
                FROM membership
                WHERE organisation_id = :organisationId
                  AND role = 'STRUCTURE_ADMIN'
                """)
                .param("organisationId", organisationId)
                .query(Long.class)
                .single();
    }

    public record MemberRole(long userId, Role role) {
    }
}
