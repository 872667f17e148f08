package fr.maillon.organisation;

/** A person's role in one organisation. Platform administration is a flag of the account. */
public enum Role {
    STRUCTURE_ADMIN(OrganisationType.STRUCTURE, 3),
    STRUCTURE_EDITOR(OrganisationType.STRUCTURE, 2),
    STRUCTURE_VIEWER(OrganisationType.STRUCTURE, 1),
    FEDERATION_MEMBER(OrganisationType.FEDERATION, 1),
    CAF_MEMBER(OrganisationType.CAF, 1);

    private final OrganisationType organisationType;
    private final int rank;

    Role(OrganisationType organisationType, int rank) {
        this.organisationType = organisationType;
        this.rank = rank;
    }

    public OrganisationType organisationType() {
        return organisationType;
    }

    public boolean atLeast(Role other) {
        return organisationType == other.organisationType && rank >= other.rank;
    }
}
