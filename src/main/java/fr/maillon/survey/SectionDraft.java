package fr.maillon.survey;

import org.jspecify.annotations.Nullable;

/** What the section form or the API sends: titles, the section it sits in, and when it is shown (an expression). */
public record SectionDraft(@Nullable String title, @Nullable String titleEn, @Nullable Long parentId,
        @Nullable String relevant) {
}
