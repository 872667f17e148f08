package fr.maillon.chain;

/**
 * Where a stakeholder stands on the actor map, from the centre out: the communauté d'action (the
 * stakeholders marked as its members, whatever their type), the partners (État, collectivités,
 * associations, entreprises, recherche, financeurs that are not members), the territory (habitants
 * and individuals who are not members).
 */
public enum ActorRing {
    COMMUNITY, PARTNERS, TERRITORY;

    public static ActorRing of(Stakeholder stakeholder) {
        if (stakeholder.communityMember()) {
            return COMMUNITY;
        }
        return switch (stakeholder.type()) {
            case ETAT, COLLECTIVITE, ASSOCIATION, ENTREPRISE, RECHERCHE, FINANCEUR -> PARTNERS;
            case HABITANTS -> TERRITORY;
        };
    }
}
