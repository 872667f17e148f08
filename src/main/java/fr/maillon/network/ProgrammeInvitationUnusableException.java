package fr.maillon.network;

import fr.maillon.web.NotFoundException;

/**
 * An invitation link that cannot be used: unknown, expired, used already, or withdrawn by the programme's
 * facilitators. Its message key says which the person may be told.
 */
public class ProgrammeInvitationUnusableException extends NotFoundException {

    public static final String NOT_VALID = "network.programme.invitation.notFound";
    public static final String WITHDRAWN = "network.programme.invitation.withdrawn";

    public ProgrammeInvitationUnusableException(boolean withdrawn) {
        super(withdrawn ? WITHDRAWN : NOT_VALID, "link");
    }

    public boolean withdrawn() {
        return WITHDRAWN.equals(messageKey());
    }
}
