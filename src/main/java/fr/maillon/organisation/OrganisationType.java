package fr.maillon.organisation;

/**
 * A structure, or a body that accompanies structures and reads what they share with it (a
 * network): a federation, a CAF, a conseil départemental, a programme's facilitator (e.g. of the
 * Territoires zéro chômeur).
 */
public enum OrganisationType {
    STRUCTURE, FEDERATION, CAF, DEPARTEMENT, PROGRAMME;

    /** Whether it accompanies structures: a network that reads only what is shared with it. */
    public boolean network() {
        return this != STRUCTURE;
    }

    /** The kinds of network the platform admin may create. */
    public static OrganisationType[] networks() {
        return new OrganisationType[] { FEDERATION, CAF, DEPARTEMENT, PROGRAMME };
    }
}
