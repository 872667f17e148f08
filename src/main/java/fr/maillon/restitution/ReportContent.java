package fr.maillon.restitution;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything a report shows, as plain values: the page, the PDF and the workbook are drawn from it,
 * and a finalised version keeps it as it was (version 0 is the live draft).
 */
public record ReportContent(long reportId, int version, ReportAudience audience, String title, String structure,
        String commune, String evaluationTitle, LocalDate periodStart, LocalDate periodEnd, Instant generatedAt,
        Map<String, String> narratives, List<StakeholderLine> stakeholders, ChainCounts chain, String diagramSvg,
        List<ObjectiveLine> objectives, List<QuestionBlock> questions, List<IndicatorBlock> indicators,
        List<BalanceLine> balances, BigDecimal valuationEur, List<RenewalLine> renewal, List<SupportLine> support,
        List<SurveyBlock> surveys, List<ContributionBlock> contributions, List<TestimonyLine> testimonies,
        List<DiagramPrint> diagramPages) {

    /** Versions finalised before the diagram had printed pages read with none (their PDF draws {@code diagramSvg}). */
    public ReportContent {
        diagramPages = diagramPages == null ? List.of() : List.copyOf(diagramPages);
    }

    /** When it was drawn up, in the given zone (the application's: {@code #zone} in templates). */
    public LocalDateTime drawnUp(ZoneId zone) {
        return LocalDateTime.ofInstant(generatedAt, zone);
    }

    public @Nullable String narrative(ReportAudience.Section section) {
        return narratives.get(section.name());
    }

    public boolean has(ReportAudience.Section section) {
        return audience.sections().contains(section);
    }

    public record StakeholderLine(String name, String type, boolean communityMember) {
    }

    public record ChainCounts(int resources, int activities, int outputs, int effects, int links, int interactions) {
    }

    public record ObjectiveLine(String target, String title) {
    }

    public record QuestionBlock(String criterion, String text, List<String> indicators) {
    }

    public record Point(String period, @Nullable BigDecimal value, @Nullable BigDecimal target,
            @Nullable BigDecimal percentOfTarget) {
    }

    public record IndicatorBlock(String code, String name, @Nullable String unit, List<Point> points, String chartSvg) {

        /** The last period with a value. */
        public @Nullable Point last() {
            for (int i = points.size() - 1; i >= 0; i--) {
                if (points.get(i).value() != null) {
                    return points.get(i);
                }
            }
            return null;
        }
    }

    public record BalanceLine(String stakeholder, String brings, String gets, BigDecimal bringsEur, BigDecimal getsEur) {
    }

    public record RenewalLine(String resource, String indicator, List<Point> points) {
    }

    public record SupportLine(String measure, List<Point> points) {
    }

    public record SurveyBlock(String title, long respondents, List<Highlight> highlights) {
    }

    /** A closed question's headline: the share of agreement (or of yes) among those who answered. */
    public record Highlight(String question, long answered, @Nullable BigDecimal share) {
    }

    /**
     * A contribution analysis: {@code path} names the elements leading to the effect, and
     * {@code steps} the same by stage from the resources to the effect ("Ressources : A, B"); versions
     * finalised before steps existed have none, and their path reads from the effect back (nearest first).
     */
    public record ContributionBlock(String effect, String target, @Nullable String claim, List<String> path,
            List<String> indicators, List<String> evidence, @Nullable String otherFactors, @Nullable String strength,
            @Nullable String strengthReason, List<String> steps) {

        public ContributionBlock {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /**
     * One printed page of the chain's diagram, on its own landscape sheet ({@code A4} or {@code A3}):
     * the drawing's size on it in millimetres, the effect target it shows when the chain was split
     * (null: the whole chain), the SVG, and its texts, which a PDF lays over the drawing as real text.
     */
    public record DiagramPrint(String paper, double widthMm, double heightMm, @Nullable String part, String svg,
            List<PrintedText> texts) {

        public DiagramPrint {
            paper = "A4".equals(paper) ? "A4" : "A3";
            texts = texts == null ? List.of() : List.copyOf(texts);
        }

        /** The drawing without its texts, laid as real text over it in a PDF (Batik would draw them as outlines). */
        public String shapes() {
            return svg.replaceAll("<text\\b[^>]*>[^<]*</text>", "");
        }
    }

    /** A text of a printed diagram: its line box's top left corner from the drawing's (mm), size (pt), weight, colour. */
    public record PrintedText(double left, double top, double size, boolean bold, String colour, String text) {

        public PrintedText {
            colour = colour != null && colour.matches("#[0-9a-fA-F]{6}") ? colour : "#1d2433";
        }
    }

    public record TestimonyLine(String title, @Nullable String body, @Nullable String source,
            @Nullable LocalDate collectedOn) {
    }
}
