package fr.maillon.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.catalina.util.NetMask;
import org.apache.catalina.valves.RemoteIpValve;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed only from the reverse proxies
 * named in {@code MAILLON_TRUSTED_PROXIES} (addresses or networks, comma-separated), never from
 * any private or loopback address as Tomcat does by default: otherwise anyone on the machine or
 * its network could choose the address that limits apply to. Unset, no proxy is trusted.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final String proxies;

    TrustedProxies(@Value("${maillon.trusted-proxies:}") String configured) {
        this.proxies = networks(configured);
    }

    /** {@code 127.0.0.1, ::1, 10.0.0.0/8} → {@code 127.0.0.1/32,::1/128,10.0.0.0/8}: Tomcat's network form. */
    static String networks(String configured) {
        return Arrays.stream(configured.split(",")).map(String::strip).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.contains("/") ? entry : entry + (entry.contains(":") ? "/128" : "/32"))
                .peek(TrustedProxies::check)
                .collect(Collectors.joining(","));
    }

    private static void check(String network) {
        try {
            new NetMask(network);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("MAILLON_TRUSTED_PROXIES: " + network
                    + " is neither an IP address nor a network such as 10.0.0.0/8", ex);
        }
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.getEngineValves().stream().filter(RemoteIpValve.class::isInstance).map(RemoteIpValve.class::cast)
                .forEach(valve -> {
                    valve.setInternalProxies(proxies);
                    valve.setTrustedProxies(null);
                });
    }

    /** After Spring Boot's own customizer, which adds the valve with Tomcat's defaults. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
