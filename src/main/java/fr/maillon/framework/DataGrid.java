package fr.maillon.framework;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import fr.maillon.web.Decimals;

/**
 * The entry grid of an evaluation: a row per indicator (and per category of its disaggregation) ×
 * a column per period, with what is recorded in each cell (a value, a text, or a target). Cells are
 * keyed by {@link #key(long, String, int)}.
 */
public record DataGrid(boolean targets, PeriodType frequency, List<Row> rows, List<Period> periods,
        Map<String, String> periodLabels, Map<String, String> cells) {

    /** A row: an indicator's total (category 0) or one of its categories (1, 2...). */
    public record Row(Indicator indicator, int category, @Nullable String categoryLabel) {

        public String id() {
            return indicator.id() + (category == 0 ? "" : "_" + category);
        }
    }

    public static List<Row> rows(List<Indicator> indicators, Map<Long, List<String>> categories) {
        List<Row> rows = new ArrayList<>();
        for (Indicator indicator : indicators) {
            rows.add(new Row(indicator, 0, null));
            List<String> labels = categories.getOrDefault(indicator.id(), List.of());
            for (int i = 0; i < labels.size(); i++) {
                rows.add(new Row(indicator, i + 1, labels.get(i)));
            }
        }
        return rows;
    }

    public static String key(long indicatorId, String period) {
        return key(indicatorId, period, 0);
    }

    /** {@code 12_2024} for the total, {@code 12_2024_2} for the second category. */
    public static String key(long indicatorId, String period, int category) {
        return indicatorId + "_" + period + (category == 0 ? "" : "_" + category);
    }

    public String cell(Row row, String period) {
        return cells.getOrDefault(key(row.indicator().id(), period, row.category()), "");
    }

    public String label(Period period) {
        return periodLabels.getOrDefault(period.code(), period.code());
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** How a stored number is shown in a cell: a decimal comma, no trailing zeros. */
    public static String show(BigDecimal value) {
        return Decimals.plain(value).replace('.', ',');
    }
}
