package fr.maillon.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * The size a request body may have, decided before anything reads it (the security filters
 * included): 16 KB for anyone not signed in, and on the pages open without signing in (sign-in,
 * tokens, invitations, review and share links, a workshop's participant pages); 256 KB for a public survey answer; 2 MB for a
 * signed-in call; the upload limit for a signed-in file upload; the exchange format's own limits
 * for its two API imports, and 65 MB for an answers export sent to the API. A body announced larger gets 413 without being read; a body sent
 * without its length is refused (411) when anonymous, counted while it is read otherwise.
 * Tomcat's own limits stay beneath: form posts of 2 MB, multipart requests as configured.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimits extends OncePerRequestFilter implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final long ANONYMOUS = 16 * 1024;
    static final long PUBLIC_ANSWER = 256 * 1024;
    static final long SIGNED_IN = 2 * 1024 * 1024;
    /** The exchange API's limits: a document of 64 MB (ExchangeService.MAX_BYTES), an archive of twice that. */
    static final long EXCHANGE_DOCUMENT = 64L * 1024 * 1024;
    static final long EXCHANGE_ARCHIVE = 2 * EXCHANGE_DOCUMENT;
    /** An answers export sent to the API (10,000 responses of 646 columns weigh about 30 MB), with its form fields. */
    static final long ANSWERS_IMPORT = 65L * 1024 * 1024;

    private static final Pattern OPEN_PAGES = Pattern.compile(
            "/(login|api/v1/tokens|invitations/.*|review/.*|r/.*|s/.*|w|w/.*|actuator/.*|error)");
    private static final Pattern SURVEY_ANSWER = Pattern.compile("/s/[^/]+");
    private static final Pattern DOCUMENT_IMPORT = Pattern.compile("/api/v1/structures/[^/]+/evaluations/import");
    private static final Pattern ARCHIVE_IMPORT = Pattern.compile("/api/v1/structures/[^/]+/import");
    private static final Pattern ANSWERS_IMPORT_PATH = Pattern.compile("/api/v1/surveys/[^/]+/responses/import");
    private static final String SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";

    private final long upload;

    RequestSizeLimits(@Value("${maillon.upload.max-request-size}") DataSize upload) {
        this.upload = upload.toBytes();
    }

    /**
     * A client that asks before sending a large body ({@code Expect: 100-continue}, as curl does) is
     * told to go on only when the body is read: a refused body is then never sent.
     */
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean signedIn = signedIn(request);
        long limit = limit(request, signedIn);
        long length = request.getContentLengthLong();
        if (length > limit) {
            refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, limit);
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            if (!signedIn) {
                refuse(request, response, HttpStatus.LENGTH_REQUIRED, limit);
                return;
            }
            chain.doFilter(new Counted(request, limit), response);
            return;
        }
        chain.doFilter(request, response);
    }

    long limit(HttpServletRequest request, boolean signedIn) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (SURVEY_ANSWER.matcher(path).matches()) {
            return PUBLIC_ANSWER;
        }
        if (!signedIn || OPEN_PAGES.matcher(path).matches()) {
            return ANONYMOUS;
        }
        if (DOCUMENT_IMPORT.matcher(path).matches()) {
            return EXCHANGE_DOCUMENT;
        }
        if (ARCHIVE_IMPORT.matcher(path).matches()) {
            return EXCHANGE_ARCHIVE;
        }
        if (ANSWERS_IMPORT_PATH.matcher(path).matches()) {
            return ANSWERS_IMPORT;
        }
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE) ? upload : SIGNED_IN;
    }

    /** A bearer token (checked later by the security filters) or a session that holds a signed-in user. */
    private static boolean signedIn(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return true;
        }
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(SECURITY_CONTEXT) != null;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            long limit) throws IOException {
        String detail = status == HttpStatus.LENGTH_REQUIRED
                ? "La requête doit annoncer sa taille (en-tête Content-Length). Rien n'a été modifié."
                : "La requête dépasse la taille permise à cette adresse (" + size(limit)
                        + "). Rien n'a été modifié.";
        byte[] body;
        if (Problems.isApi(request)) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            body = Problems.json(status.value(), status.getReasonPhrase(), detail).getBytes(StandardCharsets.UTF_8);
        }
        else {
            // Not the error page: its dispatch would parse the unread body for parameters.
            response.setContentType("text/html;charset=UTF-8");
            String back = BackLink.of(request);
            String upload = request.getContentType() != null
                    && request.getContentType().toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)
                    ? "<p>Revenez à la page précédente et choisissez un fichier plus léger : un navigateur ne garde pas "
                            + "le fichier choisi, il faut le choisir de nouveau.</p>" : "";
            String way = back == null ? "" : "<p><a id=\"back\" href=\"" + HtmlUtils.htmlEscape(
                    request.getContextPath() + back) + "\">Retour à la page précédente</a></p>";
            body = PAGE.formatted(detail, upload + way, HtmlUtils.htmlEscape(request.getContextPath() + "/"))
                    .getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(status.value());
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Requête refusée — Maillon</title><link rel="stylesheet" href="/css/maillon.css"></head>
            <body><main id="main"><h1>Requête refusée</h1><p>%s</p>%s<p><a href="%s">Retour à l'accueil</a></p></main></body></html>
            """;

    /** {@code 16 Ko}, {@code 64 Mo}. */
    static String size(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " Mo" : bytes / 1024 + " Ko";
    }

    /** A body sent without its length, cut off with {@link RequestTooLargeException} past the limit. */
    private static final class Counted extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Counted(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int read = delegate.read();
            if (read >= 0) {
                counted(1);
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = delegate.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        private void counted(int read) throws IOException {
            count += read;
            if (count > limit) {
                throw new RequestTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
