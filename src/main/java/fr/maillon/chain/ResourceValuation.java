package fr.maillon.chain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The resources of a chain valued in €: each resource, totals by kind and by provider, and the part
 * that support activities use. Volunteer hours without a € value are valued at the structure's
 * hourly rate.
 */
public record ResourceValuation(BigDecimal hourlyRate, List<ValuedResource> resources, List<KindTotal> byKind,
        List<ProviderTotal> byProvider, BigDecimal totalEur, BigDecimal supportEur) {

    /** The share (0 to 1) of the resources' value that goes to support activities. */
    public BigDecimal supportShare() {
        return totalEur.signum() == 0 ? BigDecimal.ZERO
                : supportEur.divide(totalEur, 4, RoundingMode.HALF_UP);
    }

    /** {@code computed}: valued from volunteer hours × the hourly rate. */
    public record ValuedResource(ChainElement resource, BigDecimal valueEur, boolean computed,
            BigDecimal supportFraction) {
    }

    public record KindTotal(ResourceKind kind, BigDecimal valueEur) {
    }

    /** {@code providerId} null: resources with no provider named. */
    public record ProviderTotal(@Nullable Long providerId, @Nullable String providerName, BigDecimal valueEur) {
    }
}
