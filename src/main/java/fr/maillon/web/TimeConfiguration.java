package fr.maillon.web;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.dialect.IDialect;

/**
 * The one clock of the application, in the one configured zone ({@code MAILLON_ZONE}, Europe/Paris
 * by default): every date and instant is read from it, so tests can fix it. Templates format
 * instants in its zone too.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    Clock clock(@Value("${maillon.zone}") ZoneId zone) {
        return Clock.system(zone);
    }

    @Bean
    IDialect zonedTemporalsDialect(Clock clock) {
        return new ZonedTemporalsDialect(clock);
    }
}
