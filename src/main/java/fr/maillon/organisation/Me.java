package fr.maillon.organisation;

import java.util.List;

/** Who the signed-in person is, and the structures and networks she is a member of, with her role in each. */
public record Me(long id, String username, String displayName, boolean platformAdmin, List<Membership> structures,
        List<Membership> networks) {
}
