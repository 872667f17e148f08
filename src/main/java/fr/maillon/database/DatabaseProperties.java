package fr.maillon.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Maillon keeps its data. With a blank {@code url}, an embedded PostgreSQL runs in
 * {@code dataDirectory/postgres}; otherwise the external server at {@code url} is used.
 */
@ConfigurationProperties("maillon.db")
public record DatabaseProperties(String url, String user, String password, Path dataDirectory) {

    public DatabaseProperties {
        url = url == null ? "" : url.trim();
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        dataDirectory = dataDirectory == null ? Path.of("data") : dataDirectory;
    }
}
