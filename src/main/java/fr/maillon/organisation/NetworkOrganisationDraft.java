package fr.maillon.organisation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A network: a federation or a programme's facilitator (one or more départements), a CAF or a
 * conseil départemental (exactly one).
 */
public record NetworkOrganisationDraft(@Nullable OrganisationType type, @Nullable String name,
        List<String> departements) {
}
