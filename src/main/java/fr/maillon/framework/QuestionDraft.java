package fr.maillon.framework;

import java.util.List;

import org.jspecify.annotations.Nullable;

public record QuestionDraft(@Nullable Long criterionId, @Nullable String text, @Nullable List<Long> objectiveIds) {
}
