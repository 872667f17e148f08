package fr.maillon.web;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.application.AvailabilityStateHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Maillon is ready once its start-up work is done: the demo data loaded, the first administrator
 * created (both run after the web server opens). Until then Spring Boot's readiness state refuses
 * traffic, and {@code /actuator/health} answers 503 {@code OUT_OF_SERVICE} "démarrage en cours",
 * as does its group {@code /actuator/health/readiness}; then {@code {"status":"UP"}}.
 * <p>
 * The groups {@code readiness} and {@code liveness} are declared in application.properties rather
 * than by {@code management.endpoint.health.probes.enabled}, which would list them in every answer
 * of {@code /actuator/health}: here they answer at their path and stay out of that list.
 */
@Configuration(proxyBeanMethods = false)
class StartupHealth {

    static final String STARTING = "démarrage en cours";

    /** Replaces Spring Boot's indicator of the same name, to say why traffic is refused. */
    @Bean
    AvailabilityStateHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability) {
        return new AvailabilityStateHealthIndicator(availability, ReadinessState.class, mappings -> {
            mappings.add(ReadinessState.ACCEPTING_TRAFFIC, Status.UP);
            mappings.add(ReadinessState.REFUSING_TRAFFIC, new Status(Status.OUT_OF_SERVICE.getCode(), STARTING));
        }) {

            /** Refusing until the first readiness event, which comes after the start-up work. */
            @Override
            protected AvailabilityState getState(ApplicationAvailability applicationAvailability) {
                return applicationAvailability.getReadinessState();
            }
        };
    }

    @Bean
    HealthEndpointGroupsPostProcessor unlistedProbeGroups() {
        return groups -> new HealthEndpointGroups() {

            @Override
            public HealthEndpointGroup getPrimary() {
                return groups.getPrimary();
            }

            @Override
            public Set<String> getNames() {
                return Set.of();
            }

            @Override
            public @Nullable HealthEndpointGroup get(String name) {
                return groups.get(name);
            }
        };
    }
}
