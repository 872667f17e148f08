package fr.maillon.web;

/** Rules every text field shares. */
public final class Texts {

    private Texts() {
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
