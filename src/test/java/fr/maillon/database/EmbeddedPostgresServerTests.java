package fr.maillon.database;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server keeps data across restarts and crashes, and refuses to share its directory. */
class EmbeddedPostgresServerTests {

    @TempDir
    Path data;

    @Test
    void keepsDataAcrossRestartsWithDurabilityOn() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            execute(server, "CREATE TABLE probe (note text)");
            execute(server, "INSERT INTO probe VALUES ('kept')");
            assertThat(query(server, "SHOW fsync")).isEqualTo("on");
            assertThat(query(server, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(Files.isDirectory(data.resolve("pg-bin"))).isTrue();
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            assertThat(query(server, "SELECT note FROM probe")).isEqualTo("kept");
        }
    }

    @Test
    void refusesASecondServerOnTheSameDirectory() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("déjà utilisé");
        }
    }

    @Test
    void startsAfterAKilledRunAndKeepsItsCommittedRows() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedPostgresCrashRun.class.getName(),
                data.toString()).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals("READY")) {
                // skip the child's log
            }
            assertThat(line).as("the child JVM started its server").isEqualTo("READY");
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.exists(data.resolve("postgres/postmaster.pid")))
                .as("the killed JVM left its postmaster behind").isTrue();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            assertThat(query(server, "SELECT note FROM crash_probe")).isEqualTo("committed before the crash");
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
