package fr.maillon.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one way Maillon writes a number for people, in pages, PDFs, workbooks and charts. In French:
 * rounded to a display precision (trailing zeros dropped), a narrow no-break space between thousands,
 * a decimal comma, and the unit after a no-break space: "1 347 230 €", "66,7 %". In English: "1,347,230 €",
 * "66.7 %". A survey share carries how many answered: "66,7 % (n = 12)".
 *
 * <p>In templates: {@code ${@decimals.show(value)}} (up to four decimals),
 * {@code ${@decimals.show(value, precision)}}, {@code ${@decimals.show(value, precision, unit)}},
 * {@code ${@decimals.percent(value)}}, {@code ${@decimals.eur(value)}}, {@code ${@decimals.share(percent, n)}}.
 * In Java: the static {@link #format(BigDecimal, int, String, Locale)} and its shorter forms.
 */
@Component("decimals")
public class Decimals {

    /** The narrow no-break space French writes between thousands. */
    public static final char THOUSANDS = '\u202f';
    /** The no-break space between a number and its unit. */
    public static final char BEFORE_UNIT = '\u00a0';
    /** The most decimals any figure is shown with. */
    public static final int MAX_PRECISION = 4;
    /** Percentages: at most one decimal. */
    public static final int PERCENT_PRECISION = 1;

    /** With the current language, at most four decimals, no unit. */
    public String show(@Nullable BigDecimal value) {
        return format(value, MAX_PRECISION, null, locale());
    }

    /** With the current language, at most {@code precision} decimals (null: four), no unit. */
    public String show(@Nullable BigDecimal value, @Nullable Integer precision) {
        return format(value, precision == null ? MAX_PRECISION : precision, null, locale());
    }

    /** With the current language, at most {@code precision} decimals (null: four), then the unit. */
    public String show(@Nullable BigDecimal value, @Nullable Integer precision, @Nullable String unit) {
        return format(value, precision == null ? MAX_PRECISION : precision, unit, locale());
    }

    /** A percentage: one decimal at most, then "%". */
    public String percent(@Nullable BigDecimal value) {
        return format(value, PERCENT_PRECISION, "%", locale());
    }

    /** An amount in euros, in whole euros: "1 347 230 €". */
    public String eur(@Nullable BigDecimal value) {
        return format(value, 0, "€", locale());
    }

    /**
     * A survey share with how many answered: "66,7 % (n = 12)"; without a share "— (n = 3)", or "—"
     * when how many answered is not known either (masked).
     */
    public String share(@Nullable BigDecimal percent, long answered) {
        return share(percent, answered, locale());
    }

    public static String share(@Nullable BigDecimal percent, long answered, Locale locale) {
        if (percent == null && answered <= 0) {
            return "—";
        }
        String n = "(n = " + format(BigDecimal.valueOf(answered), 0, null, locale) + ")";
        return percent == null ? "— " + n : format(percent, PERCENT_PRECISION, "%", locale) + " " + n;
    }

    /** French, at most {@code precision} decimals, no unit. */
    public static String format(@Nullable BigDecimal value, int precision) {
        return format(value, precision, null, Locale.FRENCH);
    }

    /** French, at most {@code precision} decimals, then the unit (if any). */
    public static String format(@Nullable BigDecimal value, int precision, @Nullable String unit) {
        return format(value, precision, unit, Locale.FRENCH);
    }

    /**
     * The number rounded half up to at most {@code precision} decimals (0 to 4), trailing zeros dropped,
     * with the thousands separator and decimal mark of the language, and the unit after it; "" for null.
     */
    public static String format(@Nullable BigDecimal value, int precision, @Nullable String unit, Locale locale) {
        if (value == null) {
            return "";
        }
        boolean english = "en".equals(locale.getLanguage());
        BigDecimal rounded = round(value, precision);
        String plain = plain(rounded.abs());
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        String decimals = point < 0 ? "" : plain.substring(point + 1);
        StringBuilder text = new StringBuilder();
        if (rounded.signum() < 0) {
            text.append('-');
        }
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                text.append(english ? ',' : THOUSANDS);
            }
            text.append(whole.charAt(i));
        }
        if (!decimals.isEmpty()) {
            text.append(english ? '.' : ',').append(decimals);
        }
        if (unit != null && !unit.isBlank()) {
            text.append(BEFORE_UNIT).append(unit.strip());
        }
        return text.toString();
    }

    /** Rounded half up to at most {@code precision} decimals (bounded to 0…4), without trailing zeros. */
    public static BigDecimal round(BigDecimal value, int precision) {
        int bounded = Math.max(0, Math.min(MAX_PRECISION, precision));
        BigDecimal rounded = value.setScale(bounded, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }

    /** Without trailing zeros or exponent: 100, not 1E+2 (for machines: files, forms). */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
