package fr.maillon.database;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13, item 4: local users are no longer superusers of the embedded database. Every
 * connection needs a password, the superuser's is a secret only the data folder's owner can read,
 * and the application connects as a role that cannot run programs on the server. A folder made by
 * an earlier version (trust, everything owned by the superuser) is converted on start.
 */
class EmbeddedPostgresAuthTests {

    @TempDir
    Path data;

    @Test
    void theSuperuserNeedsTheSecretOnEveryLoopbackLine() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
            assertRefused(url, "postgres", null);
            assertRefused(url, "postgres", "maillon-demo");
            assertRefused(url, "maillon", "wrong");
            try (Connection superuser = DriverManager.getConnection(url, "postgres", secret("postgres-secret"))) {
                List<String> rules = rows(superuser, "SELECT type || ' ' || array_to_string(database, ',') || ' ' "
                        + "|| address || ' ' || auth_method || coalesce(' ' || error, '') FROM pg_hba_file_rules");
                assertThat(rules).containsExactlyInAnyOrder(
                        "host all 127.0.0.1 scram-sha-256", "host all ::1 scram-sha-256",
                        "host replication 127.0.0.1 scram-sha-256", "host replication ::1 scram-sha-256");
                assertThat(rows(superuser, "SELECT rolname FROM pg_authid WHERE rolcanlogin AND rolpassword IS NULL"))
                        .as("every role that may log in has a password").isEmpty();
            }
        }
    }

    @Test
    void theApplicationConnectsAsARoleThatCannotRunPrograms() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data);
                Connection application = application(server)) {
            assertThat(rows(application, "SELECT current_user || ' ' || rolsuper || ' ' || rolcreaterole || ' ' "
                    + "|| rolcreatedb || ' ' || rolreplication || ' ' || rolbypassrls FROM pg_roles "
                    + "WHERE rolname = current_user")).containsExactly("maillon false false false false false");
            assertThatThrownBy(() -> execute(application, "COPY (SELECT 1) TO PROGRAM 'true'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("pg_execute_server_program");
            assertThatThrownBy(() -> rows(application, "SELECT pg_read_file('postgresql.conf')"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> execute(application, "CREATE ROLE intruder SUPERUSER LOGIN"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> rows(application, "SELECT rolpassword FROM pg_authid"))
                    .isInstanceOf(SQLException.class);
            execute(application, "CREATE TABLE own_table (note text)");
            assertThat(rows(application, "SELECT tableowner FROM pg_tables WHERE tablename = 'own_table'"))
                    .containsExactly("maillon");
        }
    }

    @Test
    void theSecretsAreReadableByTheirOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        String first;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            first = server.password();
        }
        for (String file : List.of("postgres-secret", "maillon-secret")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(secret("postgres-secret")).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(secret("maillon-secret"));
        assertThat(Files.readString(data.resolve("postgres/pg_hba.conf"))).doesNotContain("trust");

        Files.setPosixFilePermissions(data.resolve("maillon-secret"), PosixFilePermissions.fromString("rw-r--r--"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data);
                Connection application = application(server)) {
            assertThat(server.password()).isEqualTo(first).isEqualTo(secret("maillon-secret"));
            assertThat(rows(application, "SELECT 1")).containsExactly("1");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("maillon-secret"))))
                .as("a secret left readable by others is closed again").isEqualTo("rw-------");
    }

    /** A folder as the earlier version left it: trust, and the schema migrated by the superuser. */
    @Test
    void convertsAFolderOfTheEarlierVersionAndKeepsItsData() throws Exception {
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder()
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(data.resolve("pg-bin").toFile())
                .setPort(0)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("unix_socket_directories", "")
                .start()) {
            String url = earlier.getJdbcUrl("postgres", "postgres");
            Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
            try (Connection superuser = DriverManager.getConnection(url, "postgres", "")) {
                execute(superuser, "INSERT INTO app_user (username, display_name, password_hash) "
                        + "VALUES ('ancienne', 'Compte d''avant', '{noop}x')");
                execute(superuser, "CREATE SEQUENCE free_counter");
                execute(superuser, "CREATE TYPE mood AS ENUM ('calm', 'busy')");
                execute(superuser, "CREATE VIEW user_names AS SELECT username FROM app_user");
                execute(superuser, "CREATE FUNCTION twice(n integer) RETURNS integer LANGUAGE sql AS 'SELECT 2 * n'");
            }
        }
        assertThat(Files.readString(data.resolve("postgres/pg_hba.conf"))).contains("trust");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
            assertRefused(url, "postgres", null);
            assertThat(Files.readString(data.resolve("postgres/pg_hba.conf"))).doesNotContain("trust");
            try (Connection application = application(server)) {
                assertThat(rows(application, """
                        SELECT c.relname || ' ' || c.relkind::text FROM pg_class c
                         WHERE c.relnamespace = 'public'::regnamespace AND c.relowner <> 'maillon'::regrole
                        UNION ALL SELECT p.proname FROM pg_proc p
                         WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> 'maillon'::regrole
                        UNION ALL SELECT t.typname FROM pg_type t
                         WHERE t.typnamespace = 'public'::regnamespace AND t.typowner <> 'maillon'::regrole
                        UNION ALL SELECT n.nspname FROM pg_namespace n
                         WHERE n.nspname = 'public' AND n.nspowner <> 'maillon'::regrole
                        """)).as("everything in schema public now belongs to the application role").isEmpty();
                assertThat(rows(application, "SELECT username FROM user_names")).containsExactly("ancienne");
                execute(application, "INSERT INTO app_user (username, display_name, password_hash) "
                        + "VALUES ('nouvelle', 'Compte d''après', '{noop}y')");
                assertThat(rows(application, "SELECT twice(21) || ' ' || nextval('free_counter') || ' ' "
                        + "|| 'busy'::mood")).containsExactly("42 1 busy");
                assertThatThrownBy(() -> execute(application, "COPY (SELECT 1) TO PROGRAM 'true'"))
                        .isInstanceOf(SQLException.class);
            }
            Flyway flyway = Flyway.configure().dataSource(server.jdbcUrl(), server.user(), server.password())
                    .locations("classpath:db/migration").load();
            flyway.validate();
            assertThat(flyway.migrate().migrationsExecuted).as("the history is the same").isZero();
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data);
                Connection application = application(server)) {
            assertThat(rows(application, "SELECT username FROM app_user ORDER BY id"))
                    .as("the data survives the conversion and the next start").containsExactly("ancienne", "nouvelle");
        }
    }

    @Test
    void aMissingSuperuserSecretStopsTheStartWithAClearMessage() throws Exception {
        EmbeddedPostgresServer.start(data).close();
        Files.delete(data.resolve("postgres-secret"));
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(data))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("postgres-secret");
    }

    private static Connection application(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    private String secret(String file) throws Exception {
        return Files.readString(data.resolve(file), StandardCharsets.US_ASCII).strip();
    }

    private static void assertRefused(String url, String user, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, user, password).close())
                .as("%s with password %s", user, password == null ? "none" : "'" + password + "'")
                .isInstanceOfSatisfying(SQLException.class, ex -> assertThat(ex.getSQLState())
                        .as("invalid password, or no password for the SCRAM the server asked")
                        .isIn("28P01", "08004"));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
