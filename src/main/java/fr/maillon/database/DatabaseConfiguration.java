package fr.maillon.database;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * One {@link DataSource} on PostgreSQL. The pool is built on the embedded server's JDBC URL, so
 * Spring closes the pool before it stops the server.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedDatabase.class)
    EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties properties) {
        return EmbeddedPostgresServer.start(properties.dataDirectory());
    }

    @Bean
    @Conditional(EmbeddedDatabase.class)
    HikariDataSource embeddedDataSource(EmbeddedPostgresServer server) {
        return pool(server.jdbcUrl(), server.user(), server.password());
    }

    @Bean
    @Conditional(ExternalDatabase.class)
    HikariDataSource externalDataSource(DatabaseProperties properties) {
        return pool(properties.url(), properties.user(), properties.password());
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("maillon");
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(10);
        // idle, two connections stay open: each one is a PostgreSQL process of its own
        dataSource.setMinimumIdle(2);
        dataSource.setIdleTimeout(Duration.ofMinutes(2).toMillis());
        return dataSource;
    }

    /** No {@code maillon.db.url}: the embedded server. */
    static final class EmbeddedDatabase implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty("maillon.db.url", "").isBlank();
        }
    }

    static final class ExternalDatabase implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new EmbeddedDatabase().matches(context, metadata);
        }
    }
}
