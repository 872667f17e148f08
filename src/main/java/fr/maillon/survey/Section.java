package fr.maillon.survey;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A section of a survey: inside another one ({@code parentId}) or not, shown only when its
 * {@code relevant} expression holds, if it has one; {@code layout} "matrix" for a grid of
 * single-choice questions sharing one scale (each row a question).
 */
public record Section(long id, String title, @Nullable String titleEn, int position, @Nullable Long parentId,
        @Nullable String relevant, @Nullable String layout) {

    /** The layout of a matrix: single-choice questions sharing one scale, shown as a grid. */
    public static final String MATRIX = "matrix";

    public boolean matrix() {
        return MATRIX.equals(layout);
    }

    public Section(long id, String title, @Nullable String titleEn, int position) {
        this(id, title, titleEn, position, null, null, null);
    }

    /** Its condition as the XPath evaluated, on the server and in the page (null: none). */
    public @Nullable String relevantXPath() {
        return relevant == null ? null : SurveyLogic.xpath(relevant);
    }

    public String title(Locale locale) {
        return "en".equals(locale.getLanguage()) && titleEn != null ? titleEn : title;
    }
}
