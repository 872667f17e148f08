package fr.maillon.restitution;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import fr.maillon.web.Decimals;

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
        List<Reconciliation> reconciliations) {

    public ReportContent {
        // versions finalised before reconciliations were kept have none
        reconciliations = reconciliations == null ? List.of() : List.copyOf(reconciliations);
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

    /**
     * A period's figures; {@code cumulative} is the value since the first period (summed for counts
     * and amounts, averaged or last for ratios: see {@link IndicatorBlock#aggregation}), null in
     * versions finalised before it was kept; {@code answered}, for a value a survey gives, how many
     * answered (its n).
     */
    public record Point(String period, @Nullable BigDecimal value, @Nullable BigDecimal target,
            @Nullable BigDecimal percentOfTarget, @Nullable BigDecimal cumulative, @Nullable Long answered) {

        public Point(String period, @Nullable BigDecimal value, @Nullable BigDecimal target,
                @Nullable BigDecimal percentOfTarget) {
            this(period, value, target, percentOfTarget, null, null);
        }

        /** What the target is compared with: the cumulative value for cumulative targets, else the value. */
        public @Nullable BigDecimal compared(boolean cumulativeTargets) {
            return cumulativeTargets ? cumulative : value;
        }
    }

    /**
     * An indicator's figures. {@code precision} is the decimals shown and {@code unit} the unit written
     * after its values; {@code cumulativeTargets} says its targets are compared with the cumulative
     * value; {@code aggregation} how values add up over time (SUM, AVERAGE, LAST). Versions finalised
     * before these were kept read null, false and null: shown with up to two decimals.
     */
    public record IndicatorBlock(String code, String name, @Nullable String unit, List<Point> points, String chartSvg,
            @Nullable Integer precision, boolean cumulativeTargets, @Nullable String aggregation) {

        public IndicatorBlock(String code, String name, @Nullable String unit, List<Point> points, String chartSvg) {
            this(code, name, unit, points, chartSvg, null, false, null);
        }

        /** The decimals its values are shown with (two for versions that did not keep it). */
        public int decimals() {
            return precision == null ? 2 : precision;
        }

        /** A value as people read it: "1 347 230 €", "66,7 %". */
        public String show(@Nullable BigDecimal value) {
            return value == null ? "—" : Decimals.format(value, decimals(), unit);
        }

        /** A period's value with, when a survey gives it, how many answered: "66,7 % (n = 12)". */
        public String showValue(Point point) {
            return point.answered() == null || point.value() == null ? show(point.value())
                    : show(point.value()) + " (n = " + Decimals.format(BigDecimal.valueOf(point.answered()), 0) + ")";
        }

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

    /** {@code precision}: the indicator's decimals (null in versions that did not keep it: two). */
    public record RenewalLine(String resource, String indicator, List<Point> points, @Nullable Integer precision) {

        public RenewalLine(String resource, String indicator, List<Point> points) {
            this(resource, indicator, points, null);
        }

        public int decimals() {
            return precision == null ? 2 : precision;
        }
    }

    public record SupportLine(String measure, List<Point> points) {
    }

    public record SurveyBlock(String title, long respondents, List<Highlight> highlights) {
    }

    /**
     * A closed question's headline: the share of agreement (or of yes) among those who answered, the
     * structure's true figure; none when fewer than five answered (see docs/guide.md).
     */
    public record Highlight(String question, long answered, @Nullable BigDecimal share) {

        /** "66,7 % (n = 12)". */
        public String shown() {
            return Decimals.share(share, answered, java.util.Locale.FRENCH);
        }
    }

    /**
     * Where the stakeholder balance and an indicator value the same resource differently: both
     * figures and what each counts, so that a reader sees why they differ.
     */
    public record Reconciliation(String resource, BigDecimal balanceEur, String balanceBasis, String indicator,
            @Nullable BigDecimal indicatorValue, @Nullable String indicatorUnit, String indicatorBasis) {
    }

    public record ContributionBlock(String effect, String target, @Nullable String claim, List<String> path,
            List<String> indicators, List<String> evidence, @Nullable String otherFactors, @Nullable String strength,
            @Nullable String strengthReason) {
    }

    public record TestimonyLine(String title, @Nullable String body, @Nullable String source,
            @Nullable LocalDate collectedOn) {
    }
}
