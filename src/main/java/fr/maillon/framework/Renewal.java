package fr.maillon.framework;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the chain's resources renew from period to period (the indicators attached to resources:
 * volunteers, their hours, partners, contributions in kind...), and the share of support activities
 * in what activities cost, per period (from the € and hour indicators attached to activities).
 */
public record Renewal(List<Period> periods, List<ResourceLine> resources, List<SupportLine> support) {

    /** An indicator of a resource, period by period. */
    public record ResourceLine(String resource, Indicator indicator, List<Point> points) {
    }

    /** A value, its change from the period before, and that change in percent. */
    public record Point(Period period, @Nullable BigDecimal value, @Nullable BigDecimal change,
            @Nullable BigDecimal changePercent) {
    }

    /** For one measure (€ or hours): support and primary activities' totals per period, and the support share. */
    public record SupportLine(Measure measure, List<SupportPoint> points) {
    }

    public record SupportPoint(Period period, BigDecimal support, BigDecimal primary, @Nullable BigDecimal sharePercent) {
    }
}
