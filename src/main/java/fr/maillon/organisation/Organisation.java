package fr.maillon.organisation;

import java.util.List;

/** Any organisation: a structure, a federation or a CAF, with the départements it covers. */
public record Organisation(long id, OrganisationType type, String name, List<String> departements) {

    public Organisation {
        departements = List.copyOf(departements);
    }
}
