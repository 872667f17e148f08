package fr.maillon.workshop.web;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import fr.maillon.web.ClientThrottle;

/**
 * The joins, and the cards and dots, a client address may send to workshops per minute: a hall of
 * a few hundred phones behind one wifi box is served, a script filling a workshop is not.
 */
@Component
class ParticipantThrottle {

    private final ClientThrottle joins;
    private final ClientThrottle posts;

    ParticipantThrottle(@Value("${maillon.workshop.joins-per-minute-per-client:300}") int joinsPerMinute,
            @Value("${maillon.workshop.posts-per-minute-per-client:1200}") int postsPerMinute, Clock clock) {
        this.joins = new ClientThrottle(joinsPerMinute, Duration.ofMinutes(1), clock);
        this.posts = new ClientThrottle(postsPerMinute, Duration.ofMinutes(1), clock);
    }

    boolean allowJoin(String client) {
        return joins.allow(client);
    }

    boolean allowPost(String client) {
        return posts.allow(client);
    }

    Duration retryAfter() {
        return posts.retryAfter();
    }
}
