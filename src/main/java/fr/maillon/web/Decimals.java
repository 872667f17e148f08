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
        BigDecimal stripped = value.stripTrailingZeros();
        String plain = (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
        Locale locale = LocaleContextHolder.getLocale();
        return "en".equals(locale.getLanguage()) ? plain : plain.replace('.', ',');
    }
}
