package fr.maillon.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.ibm.icu.text.MessageFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Messages are ICU patterns: plurals read right in both languages, and every message parses. */
class IcuMessageSourceTests {

    /** A message that takes arguments; one without is shown as written (a JSON example, say). */
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d");

    private final IcuMessageSource messages = new IcuMessageSource();

    @Test
    void choosesTheWordsByPluralFrenchOneCoveringZeroAndOne() {
        assertThat(messages.getMessage("network.summary.kind.CENTRE_SOCIAL", new Object[] { 1 }, Locale.FRENCH))
                .isEqualTo("dont 1 centre social");
        assertThat(messages.getMessage("network.summary.kind.ESPACE_VIE_SOCIALE", new Object[] { 0 }, Locale.FRENCH))
                .isEqualTo("dont 0 espace de vie sociale");
        assertThat(messages.getMessage("network.summary.kind.CENTRE_SOCIAL", new Object[] { 12 }, Locale.FRENCH))
                .isEqualTo("dont 12 centres sociaux");
        assertThat(messages.getMessage("network.home.intro", new Object[] { "26", 1, 1 }, Locale.FRENCH))
                .isEqualTo("Départements : 26. 1 structure, dont 1 partage des données avec vous.");
        assertThat(messages.getMessage("network.home.intro", new Object[] { "26", 3, 2 }, Locale.ENGLISH))
                .isEqualTo("Départements: 26. 3 structures, 2 of which share data with you.");
    }

    @Test
    void keepsApostrophesAndThousandsAsBefore() {
        assertThat(messages.getMessage("survey.logic.unknown", new Object[] { "age", "${age} > 3" }, Locale.FRENCH))
                .isEqualTo("L'expression « ${age} > 3 » nomme ${age}, qui n'est le code d'aucune question de l'enquête.");
        assertThat(messages.getMessage("organisation.kind.TERRITOIRE_ZERO_CHOMEUR", null, Locale.FRENCH))
                .isEqualTo("Territoire zéro chômeur (entreprise à but d'emploi)");
    }

    /**
     * A message without arguments is shown as written, so it writes an apostrophe once (ICU reads a lone
     * apostrophe before a letter as itself, should the message ever be formatted with arguments).
     */
    @Test
    void aMessageWithoutArgumentsWritesItsApostrophesOnce() throws IOException {
        for (String file : new String[] { "messages.properties", "messages_en.properties" }) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources", file), StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            for (String key : properties.stringPropertyNames()) {
                String text = properties.getProperty(key);
                if (!text.contains("{")) {
                    assertThat(text).as(file + " " + key).doesNotContain("''");
                }
            }
        }
    }

    @Test
    void everyMessageWithArgumentsIsAnIcuPattern() throws IOException {
        for (String file : new String[] { "messages.properties", "messages_en.properties" }) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources", file), StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            for (String key : properties.stringPropertyNames()) {
                String pattern = properties.getProperty(key);
                if (ARGUMENT.matcher(pattern).find()) {
                    assertThatCode(() -> new MessageFormat(pattern, Locale.FRENCH)).as(file + " " + key)
                            .doesNotThrowAnyException();
                }
            }
        }
    }
}
