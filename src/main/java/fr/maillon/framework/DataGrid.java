package fr.maillon.framework;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import fr.maillon.web.Decimals;

/**
 * The entry grid of an evaluation: indicators × periods, with what is recorded in each cell (a
 * value, a text, or a target). Cells are keyed by {@link #key(long, String)}.
 */
public record DataGrid(boolean targets, PeriodType frequency, List<Indicator> indicators, List<Period> periods,
        Map<String, String> cells) {

    public static String key(long indicatorId, String period) {
        return indicatorId + "_" + period;
    }

    public String cell(long indicatorId, String period) {
        return cells.getOrDefault(key(indicatorId, period), "");
    }

    /** How a stored number is shown in a cell: a decimal comma, no trailing zeros. */
    public static String show(BigDecimal value) {
        return Decimals.plain(value).replace('.', ',');
    }
}
