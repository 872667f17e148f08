package fr.maillon.framework;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period of data, identified by a code as DHIS2 does: {@code 2024} (a year), {@code 2024Q1} (a
 * quarter), {@code 2024-03} (a month), or {@code 2024-01-01..2024-06-30} (a custom range).
 */
public record Period(String code, PeriodType type, LocalDate start, LocalDate end) implements Comparable<Period> {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-?(0[1-9]|1[0-2])");
    private static final Pattern CUSTOM = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");

    public Period {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("A period ends after it starts: " + code);
        }
    }

    /** The period of a code, or empty when the code is not one. */
    public static Optional<Period> parse(String code) {
        String text = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        try {
            Matcher matcher = YEAR.matcher(text);
            if (matcher.matches()) {
                return Optional.of(year(Integer.parseInt(text)));
            }
            matcher = QUARTER.matcher(text);
            if (matcher.matches()) {
                return Optional.of(quarter(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
            }
            matcher = MONTH.matcher(text);
            if (matcher.matches()) {
                return Optional.of(month(YearMonth.of(Integer.parseInt(matcher.group(1)),
                        Integer.parseInt(matcher.group(2)))));
            }
            matcher = CUSTOM.matcher(text);
            if (matcher.matches()) {
                LocalDate start = LocalDate.parse(matcher.group(1));
                LocalDate end = LocalDate.parse(matcher.group(2));
                return end.isBefore(start) ? Optional.empty() : Optional.of(custom(start, end));
            }
        }
        catch (DateTimeParseException ex) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public static Period year(int year) {
        return new Period(String.valueOf(year), PeriodType.YEAR, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    public static Period quarter(int year, int quarter) {
        LocalDate start = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        return new Period(year + "Q" + quarter, PeriodType.QUARTER, start, start.plusMonths(3).minusDays(1));
    }

    public static Period month(YearMonth month) {
        return new Period(month.toString(), PeriodType.MONTH, month.atDay(1), month.atEndOfMonth());
    }

    public static Period custom(LocalDate start, LocalDate end) {
        return new Period(start + ".." + end, PeriodType.CUSTOM, start, end);
    }

    /** The periods of a type that cover the range, from the one holding {@code from} to the one holding {@code to}. */
    public static List<Period> between(PeriodType type, LocalDate from, LocalDate to) {
        List<Period> periods = new ArrayList<>();
        if (type == PeriodType.CUSTOM) {
            periods.add(custom(from, to));
            return periods;
        }
        Period period = containing(type, from);
        while (!period.start().isAfter(to)) {
            periods.add(period);
            period = period.next();
        }
        return periods;
    }

    public static Period containing(PeriodType type, LocalDate date) {
        return switch (type) {
            case YEAR -> year(date.getYear());
            case QUARTER -> quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
            case MONTH -> month(YearMonth.from(date));
            case CUSTOM -> custom(date, date);
        };
    }

    /** The period just before, of the same type and length. */
    public Period previous() {
        return switch (type) {
            case YEAR -> year(start.getYear() - 1);
            case QUARTER -> containing(PeriodType.QUARTER, start.minusDays(1));
            case MONTH -> month(YearMonth.from(start).minusMonths(1));
            case CUSTOM -> custom(start.minusDays(ChronoUnit.DAYS.between(start, end) + 1), start.minusDays(1));
        };
    }

    public Period next() {
        return switch (type) {
            case YEAR -> year(start.getYear() + 1);
            case QUARTER -> containing(PeriodType.QUARTER, end.plusDays(1));
            case MONTH -> month(YearMonth.from(start).plusMonths(1));
            case CUSTOM -> custom(end.plusDays(1), end.plusDays(ChronoUnit.DAYS.between(start, end) + 1));
        };
    }

    public boolean contains(Period other) {
        return !other.start().isBefore(start) && !other.end().isAfter(end);
    }

    public boolean within(LocalDate from, LocalDate to) {
        return !start.isBefore(from) && !end.isAfter(to);
    }

    @Override
    public int compareTo(Period other) {
        int byStart = start.compareTo(other.start());
        return byStart != 0 ? byStart : end.compareTo(other.end());
    }
}
