package fr.maillon.restitution;

import java.time.LocalDate;

/** A review link past its last day: it shows nothing and takes no opinion any more (410). */
public class ReviewLinkExpiredException extends RuntimeException {

    private final LocalDate expiredOn;

    public ReviewLinkExpiredException(LocalDate expiredOn) {
        super("review link expired after " + expiredOn);
        this.expiredOn = expiredOn;
    }

    /** The link's last valid day. */
    public LocalDate expiredOn() {
        return expiredOn;
    }
}
