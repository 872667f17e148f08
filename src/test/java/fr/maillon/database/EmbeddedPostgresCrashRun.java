package fr.maillon.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link EmbeddedPostgresServerTests}: starts the server, commits a row,
 * says READY, then waits to be killed with SIGKILL, leaving its postmaster behind.
 */
public final class EmbeddedPostgresCrashRun {

    private EmbeddedPostgresCrashRun() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS crash_probe (note text)");
            statement.execute("INSERT INTO crash_probe VALUES ('committed before the crash')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
