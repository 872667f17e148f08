package fr.maillon.account.internal;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused before any password check (429): too many recent failures for this username
 * or address ({@link Reason#THROTTLED}, with the wait), or too many hashes running
 * ({@link Reason#BUSY}). The same for known and unknown usernames.
 */
public class SignInRefusedException extends AuthenticationException {

    public enum Reason {
        THROTTLED, BUSY
    }

    /** The path to which the sign-in form forwards a refusal, and the request attribute that carries it. */
    public static final String PAGE = "/login/refused";
    public static final String REQUEST_ATTRIBUTE = "maillon.signInRefused";

    private final Reason reason;
    private final Duration retryAfter;

    public SignInRefusedException(Reason reason, Duration retryAfter) {
        super(reason == Reason.THROTTLED ? "too many failed sign-ins" : "too many sign-ins at once");
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** Whole seconds to wait, at least one: the value of the Retry-After header. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
