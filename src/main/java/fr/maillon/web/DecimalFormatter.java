package fr.maillon.web;

import java.math.BigDecimal;
import java.text.ParseException;
import java.util.Locale;

import org.springframework.format.Formatter;

/**
 * Decimals in forms as people type them: "11,88", "11.88" or "1 200,50". Shown back with a decimal
 * comma in French, a point in English.
 */
class DecimalFormatter implements Formatter<BigDecimal> {

    @Override
    public BigDecimal parse(String text, Locale locale) throws ParseException {
        String cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace(',', '.');
        if (!cleaned.matches("[+-]?[0-9]{1,15}(\\.[0-9]{1,6})?")) {
            throw new ParseException(text, 0);
        }
        return new BigDecimal(cleaned);
    }

    @Override
    public String print(BigDecimal value, Locale locale) {
        String plain = value.toPlainString();
        return "fr".equals(locale.getLanguage()) ? plain.replace('.', ',') : plain;
    }
}
