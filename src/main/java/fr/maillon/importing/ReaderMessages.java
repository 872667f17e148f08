package fr.maillon.importing;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts of what a reader lists (not kept, refused), in the language of the person importing:
 * readers are plain functions of a file, with no Spring bean at hand, so they read the same
 * {@code messages} bundles as the pages do.
 */
final class ReaderMessages {

    private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

    static {
        MESSAGES.setBasename("messages");
        MESSAGES.setDefaultEncoding("UTF-8");
        MESSAGES.setFallbackToSystemLocale(false);
        MESSAGES.setUseCodeAsDefaultMessage(true);
    }

    private ReaderMessages() {
    }

    /** The bundles themselves, for the readers that take a message source. */
    static MessageSource source() {
        return MESSAGES;
    }

    static String text(String code, Object... arguments) {
        return MESSAGES.getMessage(code, arguments, LocaleContextHolder.getLocale());
    }
}
