package fr.maillon.organisation;

/** A person's role in one organisation. Platform administration is a flag of the account. */
public enum Role {
    STRUCTURE_ADMIN(OrganisationType.STRUCTURE, 3),
    STRUCTURE_EDITOR(OrganisationType.STRUCTURE, 2),
    STRUCTURE_VIEWER(OrganisationType.STRUCTURE, 1),
    FEDERATION_MEMBER(OrganisationType.FEDERATION, 1),
    CAF_MEMBER(OrganisationType.CAF, 1),
    DEPARTEMENT_MEMBER(OrganisationType.DEPARTEMENT, 1),
    PROGRAMME_MEMBER(OrganisationType.PROGRAMME, 1);

    private final OrganisationType organisationType;
    private final int rank;

    Role(OrganisationType organisationType, int rank) {
        this.organisationType = organisationType;
        this.rank = rank;
    }

    public OrganisationType organisationType() {
        return organisationType;
    }

    /** Whether it is a member's role in a network (federation, CAF, département, programme). */
    public boolean network() {
        return organisationType.network();
    }

    public boolean atLeast(Role other) {
        return organisationType == other.organisationType && rank >= other.rank;
    }
}
