package fr.maillon.survey;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

public record Section(long id, String title, @Nullable String titleEn, int position) {

    public String title(Locale locale) {
        return "en".equals(locale.getLanguage()) && titleEn != null ? titleEn : title;
    }
}
