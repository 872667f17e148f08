package fr.maillon.account.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.util.StringUtils;

/**
 * The cookie that names a browser session kept in the database (Spring Session): the same under a
 * jar, a war or a test, where Spring Boot would otherwise take the servlet container's settings:
 * named and {@code SameSite} as {@code server.servlet.session.cookie.*} say, always {@code HttpOnly},
 * {@code Secure} whenever the request is HTTPS, directly or through a trusted reverse proxy. And
 * how sessions' attributes are read back from the database.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookies {

    private static final Logger log = LoggerFactory.getLogger(SessionCookies.class);

    @Bean
    DefaultCookieSerializer cookieSerializer(@Value("${server.servlet.session.cookie.name}") String name,
            @Value("${server.servlet.session.cookie.same-site}") String sameSite) {
        DefaultCookieSerializer cookies = new DefaultCookieSerializer();
        cookies.setCookieName(name);
        cookies.setUseHttpOnlyCookie(true);
        cookies.setSameSite(StringUtils.capitalize(sameSite));
        return cookies;
    }

    /**
     * A session attribute that cannot be read back (written by an earlier version of Maillon whose
     * classes changed, or damaged) is forgotten, with a warning, rather than failing every request
     * that carries the session: the person is simply asked to sign in again.
     */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> unreadableAttributesForgotten() {
        DeserializingConverter deserializing = new DeserializingConverter(SessionCookies.class.getClassLoader());
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversions.addConverter(byte[].class, Object.class, (Converter<byte[], Object>) bytes -> {
            try {
                return deserializing.convert(bytes);
            }
            catch (SerializationFailedException ex) {
                log.warn("A session attribute could not be read back and is forgotten: {}", ex.getMessage());
                return null;
            }
        });
        return repository -> repository.setConversionService(conversions);
    }
}
