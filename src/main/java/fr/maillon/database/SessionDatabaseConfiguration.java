package fr.maillon.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
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
@ConditionalOnExpression("!'${maillon.session-db.url:}'.isBlank()")
class SessionDatabaseConfiguration {

    static final String POOL_NAME = "maillon-sessions";

    @Bean(destroyMethod = "close", defaultCandidate = false)
    @SpringSessionDataSource
    HikariDataSource sessionDataSource(DatabaseProperties properties, Environment environment) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName(POOL_NAME);
        dataSource.setJdbcUrl(environment.getRequiredProperty("maillon.session-db.url").trim());
        dataSource.setUsername(properties.user());
        dataSource.setPassword(properties.password());
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    /** Spring Session saves a session (its row and its attributes) in one transaction on its own pool. */
    @Bean(defaultCandidate = false)
    @SpringSessionTransactionManager
    JdbcTransactionManager sessionTransactionManager(@SpringSessionDataSource DataSource sessions) {
        return new JdbcTransactionManager(sessions);
    }
}
