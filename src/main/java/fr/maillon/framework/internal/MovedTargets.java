package fr.maillon.framework.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import fr.maillon.framework.IndicatorTarget;
import fr.maillon.framework.Period;
import fr.maillon.framework.PeriodType;

/**
 * An indicator's targets moved on to the next cycle, for each kind of period it has targets for
 * (years, quarters, months):
 * <ul>
 * <li>targets of each period (not cumulative) keep the level reached: every period of the new cycle gets the
 * previous cycle's last target, which the team then raises or keeps;</li>
 * <li>cumulative targets, counted from the start of the evaluation, restart with it: the new cycle's first period
 * gets the previous cycle's first target, its second the second, and so on (the trajectory shifted by the cycle's
 * length); periods beyond the previous cycle's length keep its last target.</li>
 * </ul>
 * Targets of custom periods (a school year, a survey wave) are not moved on: those periods belong to the previous
 * cycle.
 */
public final class MovedTargets {

    private MovedTargets() {
    }

    public static List<IndicatorTarget> moveOn(long newIndicatorId, boolean cumulative, List<IndicatorTarget> targets,
            LocalDate previousStart, LocalDate previousEnd, LocalDate start, LocalDate end) {
        Map<PeriodType, TreeMap<Period, BigDecimal>> byType = new TreeMap<>();
        for (IndicatorTarget target : targets) {
            Period.parse(target.period()).filter(period -> period.type() != PeriodType.CUSTOM)
                    .ifPresent(period -> byType.computeIfAbsent(period.type(), type -> new TreeMap<>())
                            .put(period, target.value()));
        }
        List<IndicatorTarget> moved = new ArrayList<>();
        byType.forEach((type, previous) -> {
            BigDecimal last = previous.lastEntry().getValue();
            List<Period> previousPeriods = Period.between(type, previousStart, previousEnd);
            List<Period> periods = Period.between(type, start, end);
            for (int index = 0; index < periods.size(); index++) {
                BigDecimal value = !cumulative || index >= previousPeriods.size() ? last
                        : previous.get(previousPeriods.get(index));
                if (value != null) {
                    moved.add(new IndicatorTarget(newIndicatorId, periods.get(index).code(), value));
                }
            }
        });
        return moved;
    }
}
