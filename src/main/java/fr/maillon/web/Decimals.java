package fr.maillon.web;

import java.math.BigDecimal;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Decimals as pages show them ({@code ${@decimals.show(value)}}): no trailing zeros, a comma in French. */
@Component("decimals")
public class Decimals {

    public String show(BigDecimal value) {
        if (value == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        return "en".equals(locale.getLanguage()) ? plain(value) : plain(value).replace('.', ',');
    }

    /** Without trailing zeros or exponent: 100, not 1E+2. */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
