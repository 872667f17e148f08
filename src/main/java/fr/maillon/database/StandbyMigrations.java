package fr.maillon.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Migrations on start, unless the database is a hot standby (a read-only streaming replica, on
 * which an instance serves the network views): there the schema arrives by replication from the
 * primary, whose instances migrate it, and Flyway, which writes its history, is not run. A standby
 * that still lacks a migration this version of Maillon needs stops the start, saying so.
 */
@Component
class StandbyMigrations implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(StandbyMigrations.class);

    private final boolean refreshesNetworkResults;

    StandbyMigrations(@Value("${maillon.network.refresh}") boolean refreshesNetworkResults) {
        this.refreshesNetworkResults = refreshesNetworkResults;
    }

    @Override
    public void migrate(Flyway flyway) {
        migrate(flyway, inRecovery(flyway.getConfiguration().getDataSource()), refreshesNetworkResults);
    }

    /**
     * On a standby, only an instance declared as serving the network views from a replica (it
     * computes no results: {@code MAILLON_NETWORK_REFRESH=false}) starts: an instance meant to write,
     * pointed at a standby by mistake (a stale address after a failover), refuses to.
     */
    static void migrate(Flyway flyway, boolean standby, boolean refreshesNetworkResults) {
        if (!standby) {
            flyway.migrate();
            return;
        }
        if (refreshesNetworkResults) {
            throw new IllegalStateException("The database is a read-only standby (pg_is_in_recovery()), where this "
                    + "instance could write nothing: point MAILLON_DB_URL at the primary, or, for an instance that "
                    + "serves the network views from a replica, set MAILLON_NETWORK_REFRESH=false.");
        }
        MigrationInfoService migrations = flyway.info();
        MigrationInfo[] pending = migrations.pending();
        if (pending.length > 0) {
            throw new IllegalStateException("The database is a read-only standby and lacks the migrations "
                    + Arrays.stream(pending).map(info -> "V" + info.getVersion()).collect(Collectors.joining(", "))
                    + ": start this version of Maillon on the primary first (it applies them), then here once "
                    + "the replica has received them.");
        }
        MigrationInfo current = migrations.current();
        log.info("The database is a read-only standby: no migration run here (schema at version {}, from the primary).",
                current == null ? "none" : current.getVersion());
    }

    /** {@code pg_is_in_recovery()}: true on a standby. */
    static boolean inRecovery(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_is_in_recovery()")) {
            result.next();
            return result.getBoolean(1);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not ask the database whether it is a standby", ex);
        }
    }
}
