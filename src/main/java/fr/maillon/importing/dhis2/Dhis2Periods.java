package fr.maillon.importing.dhis2;

import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.maillon.framework.Period;

/**
 * DHIS2's period identifiers as Maillon's periods: {@code 201901} a month, {@code 2019Q1} a quarter,
 * {@code 2019} a year. DHIS2's other periods (days, weeks, two months, six months, financial years)
 * have no Maillon period: {@link #kind} names which one a refused identifier is.
 */
public final class Dhis2Periods {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})(0[1-9]|1[0-2])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    /** The kinds of DHIS2 periods Maillon has none of, by the pattern of their identifiers. */
    public enum Kind {
        DAY("\\d{8}"), WEEK("\\d{4}(Wed|Thu|Sat|Sun)?W\\d{1,2}"), BIWEEK("\\d{4}BiW\\d{1,2}"),
        BIMONTH("\\d{4}\\d{2}B"), SIXMONTH("\\d{4}(April|Nov)?S[12]"),
        FINANCIAL_YEAR("\\d{4}(April|July|Oct|Nov)"), UNKNOWN(".*");

        private final Pattern pattern;

        Kind(String pattern) {
            this.pattern = Pattern.compile(pattern);
        }
    }

    private Dhis2Periods() {
    }

    /** The Maillon period of a DHIS2 month, quarter or year; empty for any other identifier. */
    public static Optional<Period> period(String identifier) {
        String text = identifier.strip();
        Matcher month = MONTH.matcher(text);
        if (month.matches()) {
            return Optional.of(Period.month(YearMonth.of(Integer.parseInt(month.group(1)),
                    Integer.parseInt(month.group(2)))));
        }
        Matcher quarter = QUARTER.matcher(text);
        if (quarter.matches()) {
            return Optional.of(Period.quarter(Integer.parseInt(quarter.group(1)), Integer.parseInt(quarter.group(2))));
        }
        if (YEAR.matcher(text).matches()) {
            return Optional.of(Period.year(Integer.parseInt(text)));
        }
        return Optional.empty();
    }

    /** What kind of DHIS2 period an identifier that {@link #period} refused is. */
    public static Kind kind(String identifier) {
        for (Kind kind : Kind.values()) {
            if (kind.pattern.matcher(identifier.strip()).matches()) {
                return kind;
            }
        }
        return Kind.UNKNOWN;
    }
}
