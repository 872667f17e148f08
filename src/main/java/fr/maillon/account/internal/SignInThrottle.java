package fr.maillon.account.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * Growing delays after failed sign-ins, instead of a lock that anyone could trigger by typing a
 * stranger's name. Failures are counted three ways: per username and client address, per address
 * (whatever the username), and per username (whatever the address). Past each count's free
 * failures, the next attempt is refused until a delay has passed since the last failure; the
 * delay doubles with each further failure, up to a cap. So a stranger who types wrong passwords
 * for someone slows down herself, not the owner at another address; the owner's addresses that
 * signed in successfully (remembered for {@link #KNOWN_ADDRESS_MEMORY}) escape the per-username
 * count that many addresses together could raise. Refused attempts compute no hash and do not
 * count. Usernames need not exist: unknown ones are counted and refused alike, so the answer says
 * nothing of which accounts exist.
 * <p>
 * The counts live in memory, bounded (least recently used are forgotten first); every decision
 * reads the application's clock. A count is forgotten {@link #FORGET_AFTER} after its last
 * failure, and the pair's count when that person signs in from that address.
 */
@Component
public class SignInThrottle {

    /** Free failures for one username from one address, then delays from 1 s up to 15 minutes. */
    public static final Rule PER_ACCOUNT_AND_ADDRESS = new Rule(5, Duration.ofSeconds(1), Duration.ofMinutes(15));
    /** Free failures from one address whatever the usernames (several people may share an address). */
    public static final Rule PER_ADDRESS = new Rule(20, Duration.ofSeconds(1), Duration.ofMinutes(15));
    /** Free failures for one username whatever the addresses, but for those she signed in from. */
    public static final Rule PER_ACCOUNT = new Rule(20, Duration.ofSeconds(1), Duration.ofMinutes(15));
    public static final Duration FORGET_AFTER = Duration.ofHours(1);
    public static final Duration KNOWN_ADDRESS_MEMORY = Duration.ofDays(30);

    private static final int MAX_ENTRIES = 100_000;
    private static final int MAX_USERNAME = 100;

    private final Clock clock;
    private final Cache<String, Failures> perAccountAndAddress = newCache(FORGET_AFTER.multipliedBy(2));
    private final Cache<String, Failures> perAddress = newCache(FORGET_AFTER.multipliedBy(2));
    private final Cache<String, Failures> perAccount = newCache(FORGET_AFTER.multipliedBy(2));
    private final Cache<String, Boolean> knownAddresses = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
            .expireAfterWrite(KNOWN_ADDRESS_MEMORY).build();

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How many failures are free, the first delay after them, and the longest one. */
    public record Rule(int freeFailures, Duration firstDelay, Duration longestDelay) {

        /** The wait after {@code count} failures: none while free, then doubling up to the cap. */
        Duration delayAfter(int count) {
            if (count < freeFailures) {
                return Duration.ZERO;
            }
            int doublings = Math.min(count - freeFailures, 30);
            Duration delay = firstDelay.multipliedBy(1L << doublings);
            return delay.compareTo(longestDelay) > 0 ? longestDelay : delay;
        }
    }

    private record Failures(int count, Instant last) {
    }

    /** The same username however it was typed; bounded, since it keys memory. */
    public static String normalize(String username) {
        String normalized = username.strip().toLowerCase(Locale.ROOT);
        return normalized.length() > MAX_USERNAME ? normalized.substring(0, MAX_USERNAME) : normalized;
    }

    /** How long this attempt must still wait, if it must: then it is refused without a hash. */
    public Optional<Duration> refusal(String username, String address) {
        Instant now = clock.instant();
        String account = normalize(username);
        Duration wait = remaining(perAccountAndAddress.getIfPresent(pair(account, address)),
                PER_ACCOUNT_AND_ADDRESS, now);
        wait = longest(wait, remaining(perAddress.getIfPresent(address), PER_ADDRESS, now));
        if (knownAddresses.getIfPresent(pair(account, address)) == null) {
            wait = longest(wait, remaining(perAccount.getIfPresent(account), PER_ACCOUNT, now));
        }
        return !wait.isZero() ? Optional.of(wait) : Optional.empty();
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        String account = normalize(username);
        count(perAccountAndAddress, pair(account, address), now);
        count(perAddress, address, now);
        count(perAccount, account, now);
    }

    /** The owner signed in from this address: her pair's count is forgotten and the address known. */
    public void succeeded(String username, String address) {
        String account = normalize(username);
        perAccountAndAddress.invalidate(pair(account, address));
        knownAddresses.put(pair(account, address), Boolean.TRUE);
    }

    private static Duration remaining(Failures failures, Rule rule, Instant now) {
        if (failures == null || isForgotten(failures, now)) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(now, failures.last().plus(rule.delayAfter(failures.count())));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private static void count(Cache<String, Failures> cache, String key, Instant now) {
        cache.asMap().compute(key, (ignored, previous) -> previous == null || isForgotten(previous, now)
                ? new Failures(1, now) : new Failures(previous.count() + 1, now));
    }

    private static boolean isForgotten(Failures failures, Instant now) {
        return !failures.last().plus(FORGET_AFTER).isAfter(now);
    }

    private static Duration longest(Duration first, Duration second) {
        return first.compareTo(second) >= 0 ? first : second;
    }

    private static String pair(String account, String address) {
        return account + '\n' + address;
    }

    private static Cache<String, Failures> newCache(Duration idle) {
        return Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterAccess(idle).build();
    }
}
