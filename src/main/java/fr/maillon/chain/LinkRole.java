package fr.maillon.chain;

/**
 * What an element is for the link rules of the method: the five places of the chain, resources,
 * support activities, primary activities, outputs and effects.
 */
public enum LinkRole {
    RESOURCE, SUPPORT_ACTIVITY, PRIMARY_ACTIVITY, OUTPUT, EFFECT;

    public static LinkRole of(ChainElement element) {
        return switch (element.kind()) {
            case RESOURCE -> RESOURCE;
            case ACTIVITY -> element.isSupportActivity() ? SUPPORT_ACTIVITY : PRIMARY_ACTIVITY;
            case OUTPUT -> OUTPUT;
            case EFFECT -> EFFECT;
        };
    }

    /**
     * Whether the method draws a link from this place to {@code target}: resource→activity, support
     * activity→primary activity, activity→output, activity→effect, output→effect, and effect→resource
     * (the regeneration).
     */
    public boolean leadsTo(LinkRole target) {
        return switch (this) {
            case RESOURCE -> target == SUPPORT_ACTIVITY || target == PRIMARY_ACTIVITY;
            case SUPPORT_ACTIVITY -> target == PRIMARY_ACTIVITY || target == OUTPUT || target == EFFECT;
            case PRIMARY_ACTIVITY -> target == OUTPUT || target == EFFECT;
            case OUTPUT -> target == EFFECT;
            case EFFECT -> target == RESOURCE;
        };
    }
}
