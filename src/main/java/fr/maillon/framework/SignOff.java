package fr.maillon.framework;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A year of an evaluation's data signed off by a structure admin: who and when, how many violations
 * were open then (signed with them, saying so in {@code note}); {@code withdrawnAt} is set when a
 * value of that year changed afterwards, which withdraws the sign-off.
 */
public record SignOff(long id, long evaluationId, String period, String signedByName, Instant signedAt,
        int openViolations, @Nullable String note, @Nullable Instant withdrawnAt) {

    public boolean current() {
        return withdrawnAt == null;
    }
}
