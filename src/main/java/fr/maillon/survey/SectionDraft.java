package fr.maillon.survey;

import org.jspecify.annotations.Nullable;

/**
 * What the section form or the API sends: titles, the section it sits in, when it is shown (an
 * expression), and its layout ("matrix", or null to keep the section's own).
 */
public record SectionDraft(@Nullable String title, @Nullable String titleEn, @Nullable Long parentId,
        @Nullable String relevant, @Nullable String layout) {

    public SectionDraft(@Nullable String title, @Nullable String titleEn, @Nullable Long parentId,
            @Nullable String relevant) {
        this(title, titleEn, parentId, relevant, null);
    }
}
