package fr.maillon.importing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.util.HtmlUtils;

import fr.maillon.web.RuleViolationException;

/**
 * What the questionnaire readers (XForm, Kobo, LimeSurvey) share: the limits of a questionnaire,
 * the choice of the leading language, texts cleaned and bounded, and the list of what is not kept,
 * each with its line and name, in the reader's words.
 */
final class FormReading {

    static final int MAX_QUESTIONS = 1_000;
    static final int MAX_CHOICES = 500;
    static final int MAX_TEXT = 10_000;
    static final int MAX_TITLE = 200;

    private final MessageSource messages;
    private final List<ImportProblem> notKept = new ArrayList<>();
    private int questions;

    FormReading(MessageSource messages) {
        this.messages = messages;
    }

    /** Notes something the file has and the questionnaire does not keep. */
    void notKept(int line, String name, String code, Object... arguments) {
        notKept.add(new ImportProblem(line, name, messages.getMessage(code, arguments, code,
                LocaleContextHolder.getLocale())));
    }

    /** Why an expression could not be written, in words. */
    String reason(@Nullable String reason) {
        String code = "import.form.reason." + (reason == null ? "syntax" : reason);
        return messages.getMessage(code, null, code, LocaleContextHolder.getLocale());
    }

    List<ImportProblem> notKept() {
        return notKept;
    }

    /** Counts a question kept; past {@link #MAX_QUESTIONS} the file is refused. */
    void question() {
        if (++questions > MAX_QUESTIONS) {
            throw new RuleViolationException("file", "import.form.tooManyQuestions", MAX_QUESTIONS);
        }
    }

    /** A text bounded to {@code max} characters; a cut is noted. */
    String bounded(@Nullable String text, int max, int line, String name) {
        String clean = text == null ? "" : text.strip();
        if (clean.length() > max) {
            notKept(line, name, "import.form.textCut", clean.length(), max);
            return clean.substring(0, max);
        }
        return clean;
    }

    @Nullable String boundedOrNull(@Nullable String text, int max, int line, String name) {
        String bounded = bounded(text, max, line, name);
        return bounded.isEmpty() ? null : bounded;
    }

    /**
     * The language that leads among those of a file: the one asked for when the file has it, else
     * French, else the file's default one, else the first.
     */
    static @Nullable String lead(List<String> languages, @Nullable String asked, @Nullable String byDefault) {
        if (asked != null) {
            for (String language : languages) {
                if (language.equalsIgnoreCase(asked) || fold(language).equals(fold(asked))) {
                    return language;
                }
            }
        }
        for (String language : languages) {
            if (french(language)) {
                return language;
            }
        }
        if (byDefault != null && languages.contains(byDefault) && !byDefault.equalsIgnoreCase("default")) {
            return byDefault;
        }
        // pyxform's "default" language holds the texts written without a language: the last resort
        return languages.stream().filter(language -> !language.equalsIgnoreCase("default")).findFirst()
                .orElse(languages.isEmpty() ? null : languages.get(0));
    }

    /** The English language among a file's, unless it leads. */
    static @Nullable String english(List<String> languages, @Nullable String lead) {
        for (String language : languages) {
            if (!language.equals(lead) && english(language)) {
                return language;
            }
        }
        return null;
    }

    /** The languages, the leading one first. */
    static List<String> leadFirst(List<String> languages, @Nullable String lead) {
        List<String> ordered = new ArrayList<>();
        if (lead != null) {
            ordered.add(lead);
        }
        languages.stream().filter(language -> !language.equals(lead)).forEach(ordered::add);
        return ordered;
    }

    static boolean french(String language) {
        String folded = fold(language);
        return folded.equals("fr") || folded.startsWith("fr-") || folded.startsWith("fr_") || folded.contains("french")
                || folded.contains("francais") || folded.contains("(fr)");
    }

    static boolean english(String language) {
        String folded = fold(language);
        return folded.equals("en") || folded.startsWith("en-") || folded.startsWith("en_") || folded.contains("english")
                || folded.contains("anglais") || folded.contains("(en)");
    }

    /** Lower case, without accents. */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .strip();
    }

    /** Plain text from a text that may hold HTML (LimeSurvey's editor): tags out, entities read, spaces joined. */
    static String plain(@Nullable String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        String text = html.replaceAll("(?i)<br\\s*/?>|</p>|</div>|</li>", "\n").replaceAll("<[^>]*>", "");
        text = HtmlUtils.htmlUnescape(text).replace('\u00a0', ' ');
        return text.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\\n[ \\n]*", "\n").strip();
    }

    /**
     * An XForm node's name as Maillon keeps it: its own when it is an XML name Maillon accepts (as
     * the XLSForm reader keeps names, so that a form and its compiled XForm give the same codes),
     * else as {@link #name}.
     */
    static String xmlName(String raw, java.util.Set<String> taken) {
        return raw.matches("[A-Za-z_][A-Za-z0-9_.-]{0,63}") && taken.add(raw) ? raw : name(raw, taken);
    }

    /** A question's name as Maillon keeps it: letters, digits and _, starting with a letter, unique. */
    static String name(String raw, java.util.Set<String> taken) {
        String name = fold(raw).replaceAll("[^a-z0-9_]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "q_" + name;
        }
        name = name.length() > 55 ? name.substring(0, 55) : name;
        String unique = name;
        for (int suffix = 2; !taken.add(unique); suffix++) {
            unique = name + "_" + suffix;
        }
        return unique;
    }

    /** A choice's code: letters, digits, _ . and -, 60 at most. */
    static String choiceCode(String value) {
        String code = value.strip().replaceAll("[^A-Za-z0-9_.-]", "_");
        return code.length() > 60 ? code.substring(0, 60) : code;
    }
}
