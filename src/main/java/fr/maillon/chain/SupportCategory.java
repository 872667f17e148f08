package fr.maillon.chain;

/** The function a support activity serves. */
public enum SupportCategory {
    GOUVERNANCE, RESSOURCES_HUMAINES, COMMUNICATION, FINANCEMENT, LOGISTIQUE, AUTRE
}
