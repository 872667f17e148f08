package fr.maillon.organisation;

import fr.maillon.web.NotFoundException;

/** The link is unknown, expired or already used: all three say the same. */
public class InvitationNotFoundException extends NotFoundException {

    public InvitationNotFoundException() {
        super("organisation.invitation.notFound", "");
    }
}
