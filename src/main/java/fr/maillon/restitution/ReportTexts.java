package fr.maillon.restitution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import fr.maillon.web.Decimals;

/**
 * What the templates of a report draw from its content ({@code ${@reportTexts…}}): the note de
 * synthèse's excerpts and key figures, and the plain words of the inhabitants' report.
 */
@Component("reportTexts")
public class ReportTexts {

    private static final Locale FRENCH = Locale.FRENCH;

    /** The first sentences of a text, whole, up to about {@code max} characters (the first one cut if longer). */
    public String firstSentences(@Nullable String text, int max) {
        if (text == null) {
            return "";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= max) {
            return flat;
        }
        BreakIterator sentences = BreakIterator.getSentenceInstance(FRENCH);
        sentences.setText(flat);
        int end = 0;
        for (int next = sentences.next(); next != BreakIterator.DONE && next <= max; next = sentences.next()) {
            end = next;
        }
        if (end > 0) {
            return flat.substring(0, end).strip();
        }
        int space = flat.lastIndexOf(' ', max - 1);
        return flat.substring(0, space > 0 ? space : max - 1) + "…";
    }

    /**
     * The indicators a note de synthèse shows, at most {@code max}: those given as evidence of a
     * verdict first, then those the questions are linked to, each with a value.
     */
    public List<ReportContent.IndicatorBlock> keyIndicators(ReportContent content, int max) {
        Set<String> codes = new LinkedHashSet<>();
        content.questions().forEach(question -> question.evidence().stream().map(ReportContent.EvidenceLine::indicator)
                .filter(code -> code != null).forEach(codes::add));
        content.questions().forEach(question -> codes.addAll(question.indicators()));
        List<ReportContent.IndicatorBlock> key = new ArrayList<>();
        for (String code : codes) {
            ReportContent.IndicatorBlock indicator = content.indicator(code);
            if (indicator != null && indicator.last() != null && key.size() < max) {
                key.add(indicator);
            }
        }
        return key;
    }

    /** The survey headlines a note de synthèse shows, at most {@code max}: those most answered first. */
    public List<ReportContent.Highlight> keyHighlights(ReportContent content, int max) {
        return content.surveys().stream().flatMap(survey -> survey.highlights().stream())
                .filter(highlight -> highlight.share() != null && highlight.answered() > 0)
                .sorted(Comparator.comparingLong(ReportContent.Highlight::answered).reversed()).limit(max).toList();
    }

    /**
     * An indicator's last figure in plain words: "Participants aux ateliers : 150 personnes." or, for
     * a percentage, "Part des participants … : 6 sur 10." — a whole number, no code, no decimals.
     */
    public String plainFigure(ReportContent.IndicatorBlock indicator) {
        BigFigure figure = bigFigure(indicator);
        return figure.figure().isEmpty() ? figure.label() + "." : figure.label() + " : " + figure.figure() + ".";
    }

    /** The inhabitants' poster's big figures: those of the key indicators, at most {@code max}. */
    public List<BigFigure> bigFigures(ReportContent content, int max) {
        return keyIndicators(content, max).stream().map(this::bigFigure).toList();
    }

    private BigFigure bigFigure(ReportContent.IndicatorBlock indicator) {
        ReportContent.Point last = indicator.last();
        String name = indicator.name().replaceAll("\\s*\\((%|€|nombre|n)\\)\\s*$", "").strip();
        if (last == null || last.value() == null) {
            return new BigFigure("", name);
        }
        String unit = indicator.unit() == null ? "" : indicator.unit().strip();
        boolean percent = unit.equals("%") || indicator.name().strip().endsWith("(%)");
        return new BigFigure(percent ? outOfTen(last.value()) + " sur 10"
                : whole(last.value()) + (unit.isEmpty() ? "" : " " + unit), name);
    }

    /** A figure in plain words ("6 sur 10", "150 personnes") and what it counts. */
    public record BigFigure(String figure, String label) {
    }

    /**
     * A share in plain words: how many out of ten, rounded ("7"), for "7 personnes sur 10"; never
     * "10 sur 10" unless everyone, nor "0 sur 10" unless no one.
     */
    public long outOfTen(BigDecimal percent) {
        long tenths = percent.divide(BigDecimal.TEN, 0, RoundingMode.HALF_UP).longValue();
        return percent.compareTo(BigDecimal.valueOf(100)) < 0 ? Math.min(9, Math.max(tenths,
                percent.signum() > 0 ? 1 : 0)) : 10;
    }

    /** A figure in plain words: a whole number, with its thousands separated ("1 250"). */
    public String whole(BigDecimal value) {
        return Decimals.format(value, 0);
    }
}
