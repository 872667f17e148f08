package fr.maillon.survey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/**
 * Pseudonymous respondent codes: what a person types (from a printed card, or a code of their own)
 * is read without regard to case, spaces, dashes or accents; a response keeps only a keyed hash of
 * it, with the survey's secret. Card codes are drawn from the secret and the card's number, so a
 * card printed again carries the same code.
 */
public final class RespondentCodes {

    public static final int MINIMUM = 4;
    public static final int MAXIMUM = 32;
    /** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private RespondentCodes() {
    }

    /** The code as compared (upper-case letters and digits), or null when none was typed. */
    public static @Nullable String normalise(@Nullable String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String code = Texts.fold(typed).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (typed.length() > 100 || code.length() < MINIMUM || code.length() > MAXIMUM) {
            throw new RuleViolationException("respondent", "survey.respondent.invalid", MINIMUM, MAXIMUM);
        }
        return code;
    }

    /** What a response keeps of a code: 32 hexadecimal digits. */
    static String key(byte[] secret, String normalised) {
        return HexFormat.of().formatHex(hmac(secret, "code:" + normalised), 0, 16);
    }

    /** The code printed on card {@code number}, as XXXX-XXXX. */
    static String card(byte[] secret, int number) {
        byte[] bytes = hmac(secret, "card:" + number);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(ALPHABET.charAt((bytes[i] & 0xff) % ALPHABET.length()));
        }
        return code.toString();
    }

    private static byte[] hmac(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
        }
    }
}
