package fr.maillon.organisation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A federation (one or more départements) or a CAF (exactly one). */
public record NetworkOrganisationDraft(@Nullable OrganisationType type, @Nullable String name,
        List<String> departements) {
}
