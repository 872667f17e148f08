package fr.maillon.web;

import java.text.Normalizer;
import java.util.Locale;

/** Rules every text field shares. */
public final class Texts {

    private Texts() {
    }

    /** Lower case without accents: "Bénévolat" and "benevolat" read the same. */
    public static String fold(String text) {
        return Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    /** A code from a label: folded, words joined by underscores, at most {@code max} characters. */
    public static String slug(String label, int max) {
        String code = fold(label).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return code.length() > max ? code.substring(0, max) : code;
    }

    /**
     * Whether the text holds a control character other than tab, line feed and carriage return
     * (NUL among them, which PostgreSQL refuses), or a non-character (U+FFFE, U+FFFF).
     */
    public static boolean hasControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            if ((character < 0x20 && character != '\t' && character != '\n' && character != '\r')
                    || character == 0x7f || character == 0xfffe || character == 0xffff) {
                return true;
            }
        }
        return false;
    }
}
