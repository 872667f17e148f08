package fr.maillon.restitution;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How easy a French text is to read: the average sentence length in words and the Kandel–Moles score
 * (Flesch's formula adapted to French: 207 − 1,015 × words per sentence − 73,6 × syllables per word;
 * 60 or more reads easily), the words of the method's jargon it uses, and the figures it writes with
 * decimals or percentages. The inhabitants' report is checked against it.
 *
 * @param words the words (a figure counts as one word)
 * @param sentences the sentences (a line without final punctuation, such as a heading, counts as one)
 * @param syllables the spoken syllables, counted from the groups of vowels (a final mute e is not one)
 * @param jargon the jargon words found, as written in {@link #JARGON}
 * @param decimals the figures with decimals or percentages found, as written
 */
public record Readability(int words, int sentences, int syllables, List<String> jargon, List<String> decimals) {

    /** Words a reader outside the method does not use: the report in plain words must do without them. */
    public static final List<String> JARGON = List.of("indicateur", "évaluatif", "évaluative", "critère",
            "partie prenante", "parties prenantes", "chaîne de valeur", "efficience", "efficacité", "pertinence",
            "cohérence", "gouvernance", "valorisation", "externalité", "agrément", "opérationnel", "dispositif",
            "problématique", "transversal", "diagnostic", "cible", "réalisations", "ressources mobilisées",
            "contribution propre", "impact", "levier", "bénéficiaire", "public cible", "occurrence", "étayé");

    /** At most this many words per sentence, on average, for the report in plain words. */
    public static final double PLAIN_SENTENCE_WORDS = 15;

    /** At least this Kandel–Moles score for the report in plain words. */
    public static final double PLAIN_SCORE = 60;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’-][\\p{L}\\p{N}]+)*");
    private static final Pattern VOWELS = Pattern.compile("[aeiouyàâäéèêëîïôöùûüÿœæ]+");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(?:[,.]\\d+)?[\\s\\u00a0\\u202f]?%|\\d+[,.]\\d+");

    public Readability {
        jargon = List.copyOf(jargon);
        decimals = List.copyOf(decimals);
    }

    /** Reads a text; its lines are its paragraphs, headings and table cells. */
    public static Readability of(String text) {
        int words = 0;
        int sentences = 0;
        int syllables = 0;
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.FRENCH);
        for (String line : text.split("\\R")) {
            boundaries.setText(line);
            int start = boundaries.first();
            for (int end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
                Matcher word = WORD.matcher(line.substring(start, end));
                int count = 0;
                while (word.find()) {
                    count++;
                    syllables += syllables(word.group());
                }
                if (count > 0) {
                    words += count;
                    sentences++;
                }
            }
        }
        String lower = text.toLowerCase(Locale.FRENCH);
        Set<String> jargon = new LinkedHashSet<>();
        for (String term : JARGON) {
            if (Pattern.compile("(?<![\\p{L}])" + Pattern.quote(term) + "(?:s|e|es|le|les|x)?(?![\\p{L}])").matcher(lower).find()) {
                jargon.add(term);
            }
        }
        List<String> decimals = new ArrayList<>();
        Matcher decimal = DECIMAL.matcher(text);
        while (decimal.find() && decimals.size() < 20) {
            decimals.add(decimal.group());
        }
        return new Readability(words, sentences, syllables, new ArrayList<>(jargon), decimals);
    }

    /** Words per sentence, on average. */
    public double sentenceWords() {
        return sentences == 0 ? 0 : (double) words / sentences;
    }

    /** The Kandel–Moles score: higher is easier (0 for an empty text). */
    public double score() {
        return words == 0 ? 0 : 207 - 1.015 * sentenceWords() - 73.6 * syllables / words;
    }

    /** Whether the text reads as plain words: short sentences, an easy score, no jargon, no decimals. */
    public boolean plain() {
        return sentenceWords() <= PLAIN_SENTENCE_WORDS && score() >= PLAIN_SCORE && jargon.isEmpty()
                && decimals.isEmpty();
    }

    /** The spoken syllables of a French word, from its groups of vowels; a figure is one. */
    static int syllables(String word) {
        String lower = word.toLowerCase(Locale.FRENCH);
        if (!lower.chars().anyMatch(Character::isLetter)) {
            return 1;
        }
        int groups = 0;
        Matcher vowels = VOWELS.matcher(lower);
        while (vowels.find()) {
            groups++;
        }
        if (groups > 1 && (lower.endsWith("e") || lower.endsWith("es"))) {
            groups--;
        }
        return Math.max(1, groups);
    }
}
