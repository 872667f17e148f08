package fr.maillon.survey.internal;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import fr.maillon.web.ClientThrottle;

/**
 * Limits the public answers a client (its address) may post per hour: enough for a centre's
 * shared tablet or wifi during a workshop, too few for a script to flood a survey. In memory, per
 * instance; counts restart each hour.
 */
@Component
public class Throttle {

    private final ClientThrottle answers;

    Throttle(@Value("${maillon.survey.answers-per-hour-per-client:600}") int perHour, Clock clock) {
        this.answers = new ClientThrottle(perHour, Duration.ofHours(1), clock);
    }

    /** Counts one more answer from this client; false when it has posted its share for this hour. */
    public boolean allow(String client) {
        return answers.allow(client);
    }
}
