package fr.maillon.organisation.web;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationType;

/** A federation or a CAF; départements typed as "26, 07". */
public record NetworkOrganisationForm(@Nullable OrganisationType type, @Nullable String name,
        @Nullable String departements) {

    public static NetworkOrganisationForm empty() {
        return new NetworkOrganisationForm(OrganisationType.FEDERATION, "", "");
    }

    public NetworkOrganisationDraft toDraft() {
        return new NetworkOrganisationDraft(type, name,
                departements == null ? java.util.List.of() : Arrays.stream(departements.split("[,;\\s]+"))
                        .filter(part -> !part.isBlank()).toList());
    }
}
