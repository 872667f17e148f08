package fr.maillon.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded server, and as whom: password (SCRAM) authentication on every
 * line of {@code pg_hba.conf}, replication included, never {@code trust}; the superuser
 * {@code postgres} for administration only; and the application's own role, neither superuser nor
 * allowed to create roles or databases, that owns the schema {@code public} and everything in it.
 */
final class PostgresAccess {

    static final String SUPERUSER = "postgres";
    static final String APPLICATION_ROLE = "maillon";
    static final String DATABASE = "postgres";
    static final String PASSWORD_METHOD = "scram-sha-256";

    /** The whole of pg_hba.conf: TCP on the loopback addresses, with a password, and nothing else. */
    static final String HBA = """
            # Written by Maillon at each start: every connection needs a password (SCRAM-SHA-256).
            # The superuser's is in postgres-secret, the application's in maillon-secret, both in the
            # data folder (mode 0600). Unix sockets are off; only 127.0.0.1 and ::1 listen.
            # TYPE  DATABASE     USER  ADDRESS        METHOD
            host    all          all   127.0.0.1/32   scram-sha-256
            host    all          all   ::1/128        scram-sha-256
            host    replication  all   127.0.0.1/32   scram-sha-256
            host    replication  all   ::1/128        scram-sha-256
            """;

    private static final Logger log = LoggerFactory.getLogger(PostgresAccess.class);

    private static final String ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";

    /**
     * The statements that give the application role what the superuser owns in schema
     * {@code public}: tables (with their indexes and owned sequences), views, free sequences,
     * functions, and types. Extension members stay with the extension's owner.
     */
    private static final String OWNERSHIP_CHANGES = """
            SELECT format('ALTER %s %s OWNER TO maillon', CASE c.relkind WHEN 'v' THEN 'VIEW'
                       WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'
                       WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END, c.oid::regclass)
              FROM pg_class c
             WHERE c.relnamespace = 'public'::regnamespace
               AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
               AND c.relowner <> 'maillon'::regrole
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                  AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
            UNION ALL
            SELECT format('ALTER %s %s OWNER TO maillon', CASE p.prokind WHEN 'a' THEN 'AGGREGATE'
                       WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.oid::regprocedure)
              FROM pg_proc p
             WHERE p.pronamespace = 'public'::regnamespace
               AND p.proowner <> 'maillon'::regrole
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                  AND d.objid = p.oid AND d.deptype = 'e')
            UNION ALL
            SELECT format('ALTER %s %s OWNER TO maillon', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
                       t.oid::regtype)
              FROM pg_type t
             WHERE t.typnamespace = 'public'::regnamespace
               AND t.typtype IN ('e', 'd', 'r')
               AND t.typowner <> 'maillon'::regrole
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                                  AND d.objid = t.oid AND d.deptype = 'e')
            """;

    private PostgresAccess() {
    }

    /** The pg_hba.conf of {@code postgresDirectory} lets someone in without a password. */
    static boolean trusts(Path postgresDirectory) throws IOException {
        Path hba = postgresDirectory.resolve("pg_hba.conf");
        if (!Files.exists(hba)) {
            return false;
        }
        for (String line : Files.readAllLines(hba, StandardCharsets.UTF_8)) {
            String content = line.replaceFirst("#.*", "").strip();
            if (!content.isEmpty() && List.of(content.split("\\s+")).contains("trust")) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@link #HBA} unless it is there already; the server reads it when it starts. */
    static void writeHba(Path postgresDirectory) throws IOException {
        Path hba = postgresDirectory.resolve("pg_hba.conf");
        if (Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
            return;
        }
        Path temporary = hba.resolveSibling("pg_hba.conf.new");
        Files.writeString(temporary, HBA, StandardCharsets.UTF_8);
        Files.move(temporary, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Gives the superuser its password (a folder created with {@code trust} had none). */
    static void setPassword(Connection superuser, String role, String password) throws SQLException {
        superuser.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), PASSWORD_METHOD);
    }

    /**
     * Creates the application role if need be, resets its attributes and password, and hands it the
     * schema {@code public} with everything the superuser created there (a folder of an earlier
     * version, whose tables, sequences, functions and Flyway history were the superuser's).
     */
    static void prepareApplicationRole(Connection superuser, String password) throws SQLException {
        boolean autoCommit = superuser.getAutoCommit();
        superuser.setAutoCommit(false);
        try (Statement statement = superuser.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '60s'");
            if (!roleExists(superuser, APPLICATION_ROLE)) {
                statement.execute("CREATE ROLE " + APPLICATION_ROLE + " " + ROLE_ATTRIBUTES);
                log.info("Created the database role '{}' for the application", APPLICATION_ROLE);
            }
            else {
                statement.execute("ALTER ROLE " + APPLICATION_ROLE + " " + ROLE_ATTRIBUTES);
            }
            setPassword(superuser, APPLICATION_ROLE, password);
            statement.execute("ALTER SCHEMA public OWNER TO " + APPLICATION_ROLE);
            List<String> changes = new ArrayList<>();
            try (ResultSet result = statement.executeQuery(OWNERSHIP_CHANGES)) {
                while (result.next()) {
                    changes.add(result.getString(1));
                }
            }
            for (String change : changes) {
                statement.execute(change);
            }
            superuser.commit();
            if (!changes.isEmpty()) {
                log.warn("Moved {} database objects of schema public from '{}' to the application role '{}'",
                        changes.size(), SUPERUSER, APPLICATION_ROLE);
            }
        }
        catch (SQLException | RuntimeException ex) {
            superuser.rollback();
            throw ex;
        }
        finally {
            superuser.setAutoCommit(autoCommit);
        }
    }

    private static boolean roleExists(Connection connection, String role) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            statement.setString(1, role);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }
}
