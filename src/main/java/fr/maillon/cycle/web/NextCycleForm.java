package fr.maillon.cycle.web;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;

import fr.maillon.chain.NextCycleDraft;

public record NextCycleForm(@Nullable String title,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate periodStart,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate periodEnd) {

    public static NextCycleForm of(NextCycleDraft draft) {
        return new NextCycleForm(draft.title(), draft.periodStart(), draft.periodEnd());
    }

    public NextCycleDraft toDraft() {
        return new NextCycleDraft(title, periodStart, periodEnd);
    }
}
