package fr.maillon.web;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The way back from an error or a refusal: the page the request came from when it is a page of
 * this same site (its path and query, never another site's address, so never an open redirect),
 * else none (the home page then).
 */
final class BackLink {

    private static final int MAX_LENGTH = 2000;

    private BackLink() {
    }

    /** The referring page's path and query within this application, or null. */
    static @Nullable String of(HttpServletRequest request) {
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer == null || referer.isEmpty() || referer.length() > MAX_LENGTH) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(referer);
        }
        catch (URISyntaxException ex) {
            return null;
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null
                || uri.getRawUserInfo() != null || !uri.getHost().equalsIgnoreCase(request.getServerName())) {
            return null;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(scheme) ? 443 : 80;
        if (port != request.getServerPort()) {
            return null;
        }
        String path = uri.getRawPath();
        String context = request.getContextPath();
        if (path == null || !path.startsWith(context + "/") || path.contains("\\")) {
            return null;
        }
        String local = path.substring(context.length());
        if (local.startsWith("//") || local.equals("/error") || local.startsWith("/error/") || local.startsWith("/api/")
                || local.equals("/logout")) {
            return null;
        }
        return uri.getRawQuery() == null ? local : local + "?" + uri.getRawQuery();
    }
}
