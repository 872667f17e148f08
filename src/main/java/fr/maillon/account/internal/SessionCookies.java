package fr.maillon.account.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.util.StringUtils;

/**
 * The cookie that names a browser session kept in the database (Spring Session): the same under a
 * jar, a war or a test, where Spring Boot would otherwise take the servlet container's settings:
 * named and {@code SameSite} as {@code server.servlet.session.cookie.*} say, always {@code HttpOnly},
 * {@code Secure} whenever the request is HTTPS, directly or through a trusted reverse proxy.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookies {

    @Bean
    DefaultCookieSerializer cookieSerializer(@Value("${server.servlet.session.cookie.name}") String name,
            @Value("${server.servlet.session.cookie.same-site}") String sameSite) {
        DefaultCookieSerializer cookies = new DefaultCookieSerializer();
        cookies.setCookieName(name);
        cookies.setUseHttpOnlyCookie(true);
        cookies.setSameSite(StringUtils.capitalize(sameSite));
        return cookies;
    }
}
