package fr.maillon.survey;

import org.jspecify.annotations.Nullable;

public record SurveyDraft(@Nullable String title, @Nullable String titleEn, @Nullable String introduction,
        @Nullable Audience audience, @Nullable String consentText) {
}
