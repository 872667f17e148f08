package fr.maillon.database;

import java.nio.file.Path;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.jdbc.config.annotation.SpringSessionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestSessions;
import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Issue 19: an instance that serves the network views from a read-only replica. Its sessions are
 * read and written on another server, given by {@code MAILLON_SESSION_DB_URL} (here a second
 * embedded server standing for the primary), while everything else stays on the main database;
 * and on a standby, migrations are not run: a standby that lacks one stops the start, saying so.
 * (bench/cluster.sh runs it against a real streaming replica.)
 */
@SpringBootTest(properties = "maillon.demo=false")
@AutoConfigureMockMvc
class ReplicaInstanceTests {

    @TempDir
    static Path primaryData;

    /** The "primary" that holds the sessions, migrated as an instance on it would have. */
    static EmbeddedPostgresServer primary;

    @DynamicPropertySource
    static void sessionsOnThePrimary(DynamicPropertyRegistry registry) {
        primary = EmbeddedPostgresServer.start(primaryData);
        Flyway.configure().dataSource(primary.jdbcUrl(), primary.user(), primary.password())
                .locations("classpath:db/migration").load().migrate();
        registry.add("maillon.session-db.url", primary::jdbcUrl);
        registry.add("maillon.db.user", primary::user);
        registry.add("maillon.db.password", primary::password);
    }

    @AfterAll
    static void stopThePrimary() {
        if (primary != null) {
            primary.close();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource main;

    @Autowired
    @SpringSessionDataSource
    DataSource sessions;

    @Test
    void sessionsAreRowsOnTheirOwnServerAndEverythingElseStaysOnTheMainOne() throws Exception {
        assertThat(sessions).isInstanceOfSatisfying(HikariDataSource.class, pool -> {
            assertThat(pool.getPoolName()).isEqualTo(SessionDatabaseConfiguration.POOL_NAME);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(2);
        });
        assertThat(main).as("the main pool for everything else").isNotSameAs(sessions);

        String username = users.newUsername("replique");
        users.newUser(username);
        MockHttpServletResponse signedIn = mvc.perform(formLogin("/login").user(username).password(TestUsers.PASSWORD))
                .andReturn().getResponse();
        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/");
        Cookie cookie = TestSessions.cookie(signedIn);
        assertThat(cookie).isNotNull();

        JdbcClient onThePrimary = JdbcClient.create(sessions);
        assertThat(onThePrimary.sql("SELECT count(*) FROM spring_session WHERE session_id = ? AND principal_name = ?")
                .param(TestSessions.id(cookie)).param(username).query(Long.class).single())
                .as("the session is a row on the sessions' server").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?").param(username)
                .query(Long.class).single()).as("and none on the main database").isZero();
        assertThat(onThePrimary.sql("SELECT count(*) FROM app_user WHERE username = ?").param(username)
                .query(Long.class).single()).as("the account itself is on the main database only").isZero();

        long accessed = lastAccess(onThePrimary, cookie) - 1000;
        onThePrimary.sql("UPDATE spring_session SET last_access_time = ? WHERE session_id = ?").param(accessed)
                .param(TestSessions.id(cookie)).update();
        assertThat(mvc.perform(get("/account").with(TestSessions.with(cookie))).andReturn().getResponse().getStatus())
                .as("the cookie opens the next page").isEqualTo(200);
        assertThat(lastAccess(onThePrimary, cookie)).as("its last access written on the sessions' server")
                .isGreaterThan(accessed);
    }

    @Test
    void onAStandbyMigrationsAreNotRun() {
        assertThat(StandbyMigrations.inRecovery(main)).as("the test database is a primary").isFalse();

        Flyway upToDate = Flyway.configure().dataSource(primary.jdbcUrl(), primary.user(), primary.password())
                .locations("classpath:db/migration").load();
        JdbcClient onThePrimary = JdbcClient.create(sessions);
        long history = onThePrimary.sql("SELECT count(*) FROM flyway_schema_history").query(Long.class).single();
        assertThatThrownBy(() -> StandbyMigrations.migrate(upToDate, true, true))
                .as("an instance meant to write, pointed at a standby").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MAILLON_NETWORK_REFRESH=false");
        StandbyMigrations.migrate(upToDate, true, false);
        assertThat(onThePrimary.sql("SELECT count(*) FROM flyway_schema_history").query(Long.class).single())
                .as("an up-to-date standby: Flyway writes nothing").isEqualTo(history);

        Flyway behind = Flyway.configure().dataSource(primary.jdbcUrl(), primary.user(), primary.password())
                .locations("classpath:db/migration").schemas("standby_behind").load();
        assertThatThrownBy(() -> StandbyMigrations.migrate(behind, true, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read-only standby").hasMessageContaining("V1, ").hasMessageContaining("V48")
                .hasMessageContaining("on the primary first");
        assertThat(onThePrimary.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'standby_behind'")
                .query(Long.class).single()).as("nothing created").isZero();
    }

    private static long lastAccess(JdbcClient client, Cookie cookie) {
        return client.sql("SELECT last_access_time FROM spring_session WHERE session_id = ?")
                .param(TestSessions.id(cookie)).query(Long.class).single();
    }
}
