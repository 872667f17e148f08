package fr.maillon.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One {@link DataSource} on PostgreSQL. The pool is built on the embedded server's JDBC URL, so
 * Spring closes the pool before it stops the server.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final String EMBEDDED = "'${maillon.db.url:}'.trim().isEmpty()";

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression(EMBEDDED)
    EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties properties) {
        return EmbeddedPostgresServer.start(properties.dataDirectory());
    }

    @Bean
    @ConditionalOnExpression(EMBEDDED)
    HikariDataSource embeddedDataSource(EmbeddedPostgresServer server) {
        return pool(server.jdbcUrl(), "postgres", "");
    }

    @Bean
    @ConditionalOnExpression("!(" + EMBEDDED + ")")
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
        return dataSource;
    }
}
