package fr.maillon.web;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.context.support.ResourceBundleMessageSource;

import com.ibm.icu.text.MessageFormat;

/**
 * The messages, formatted by ICU's MessageFormat rather than the JDK's: a message may choose its
 * words by plural ({@code {0, plural, one {# structure} other {# structures}}}, French "one"
 * covering 0 and 1) or by a value ({@code {0, select, ...}}). Quoting stays as before: {@code ''}
 * is an apostrophe in a message with arguments, and {@code '{'} a literal brace; a message without
 * arguments is shown as written.
 */
class IcuMessageSource extends ResourceBundleMessageSource {

    /** Parsed messages, by locale and pattern; each is used by one thread at a time. */
    private final Map<Locale, Map<String, MessageFormat>> formats = new ConcurrentHashMap<>();

    IcuMessageSource() {
        setBasename("messages");
        setDefaultEncoding("UTF-8");
        setFallbackToSystemLocale(false);
    }

    @Override
    protected @Nullable String getMessageInternal(@Nullable String code, @Nullable Object @Nullable [] args,
            @Nullable Locale locale) {
        // French, or English: any other ?lang= reads French, and the caches hold two languages only
        Locale language = locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH;
        if (code == null || args == null || args.length == 0) {
            return super.getMessageInternal(code, args, language);
        }
        String pattern = resolveCodeWithoutArguments(code, language);
        if (pattern == null) {
            return super.getMessageInternal(code, args, language);
        }
        MessageFormat format = formats.computeIfAbsent(language, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(pattern, key -> new MessageFormat(key, language));
        Object[] arguments = resolveArguments(args, language);
        synchronized (format) {
            return format.format(arguments);
        }
    }
}
