package fr.maillon.web;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The address people reach Maillon at ({@code MAILLON_PUBLIC_URL}), from which every link given
 * out is built: survey links and QR codes, invitations, review and share links, the base of PDFs.
 * Never the request's Host header, which whoever sends the request chooses. Unset, it is
 * {@code http://localhost:<port>}.
 */
@Component
public class PublicUrl implements ApplicationListener<WebServerInitializedEvent> {

    private final String configured;
    private volatile String base;

    PublicUrl(@Value("${maillon.public-url:}") String configured, @Value("${server.port:8080}") int port) {
        this.configured = configured.strip();
        this.base = this.configured.isEmpty() ? "http://localhost:" + port : checked(this.configured);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (configured.isEmpty()) {
            base = "http://localhost:" + event.getWebServer().getPort();
        }
    }

    /** The address without a trailing slash, e.g. {@code https://maillon.example.org}. */
    public String base() {
        return base;
    }

    /** An absolute link to a path of this application, e.g. {@code /s/abc}. */
    public String link(String path) {
        return base + path;
    }

    private static String checked(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("MAILLON_PUBLIC_URL is not an address: " + url, ex);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalStateException("MAILLON_PUBLIC_URL must be an http(s) address such as "
                    + "https://maillon.example.org, not " + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
