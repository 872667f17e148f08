package fr.maillon.chain.web;

import org.jspecify.annotations.Nullable;

/** Share with a federation or CAF: one evaluation, or all when {@code evaluationId} is empty. */
public record ShareForm(@Nullable Long recipientId, @Nullable Long evaluationId) {

    public static ShareForm empty() {
        return new ShareForm(null, null);
    }
}
