package fr.maillon.network;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** One structure beside its peers (the other structures, never itself) for an entry, period by period. */
public record Comparison(NetworkEntry entry, List<Row> rows) {

    public record Row(String period, @Nullable BigDecimal own, Aggregate peers) {
    }
}
