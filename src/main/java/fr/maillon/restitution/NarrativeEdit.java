package fr.maillon.restitution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * A section's text as the draft page posts it with all the others: the text, the version its author
 * read (0: none yet; null: not checked) and {@code read}, the {@link #digest} of the text as the page
 * showed it (null: unknown), by which a text nobody touched is left alone.
 */
public record NarrativeEdit(ReportAudience.Section section, @Nullable String text, @Nullable Integer version,
        @Nullable String read) {

    /** The text as kept: browsers post a text area's lines with CR LF, and spaces around it mean nothing. */
    public static String normalised(@Nullable String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    /** A short fingerprint of a text as normalised, to tell whether its author changed it. */
    public static String digest(@Nullable String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalised(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Whether the posted text is the one the page showed. */
    public boolean untouched() {
        return read != null && digest(text).equals(read);
    }
}
