package fr.maillon.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.session.jdbc.config.annotation.SpringSessionDataSource;
import org.springframework.session.jdbc.config.annotation.SpringSessionTransactionManager;

/**
 * With {@code maillon.session-db.url} ({@code MAILLON_SESSION_DB_URL}), browser sessions are read
 * and written on that server rather than on {@code maillon.db.url}: an instance that serves the
 * network views from a read-only replica keeps its sessions on the primary, where every instance
 * finds them. A small pool of its own (2 connections, the same credentials), given to Spring Session
 * alone: neither bean is a default candidate, so everything else keeps the one main pool.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SessionDatabaseConfiguration.SessionDatabase.class)
class SessionDatabaseConfiguration {

    static final String POOL_NAME = "maillon-sessions";

    @Bean(destroyMethod = "close", defaultCandidate = false)
    @SpringSessionDataSource
    HikariDataSource sessionDataSource(DatabaseProperties properties, Environment environment) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(environment.getRequiredProperty("maillon.session-db.url").trim());
        config.setUsername(properties.user());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(2);
        // opened now: a wrong address or password stops the start rather than every later sign-in
        return new HikariDataSource(config);
    }

    /** Spring Session saves a session (its row and its attributes) in one transaction on its own pool. */
    @Bean(defaultCandidate = false)
    @SpringSessionTransactionManager
    JdbcTransactionManager sessionTransactionManager(@SpringSessionDataSource DataSource sessions) {
        return new JdbcTransactionManager(sessions);
    }

    /** {@code maillon.session-db.url} set. */
    static final class SessionDatabase implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().getProperty("maillon.session-db.url", "").isBlank();
        }
    }
}
