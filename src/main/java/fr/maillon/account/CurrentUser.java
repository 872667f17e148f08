package fr.maillon.account;

import java.io.Serializable;

/** The signed-in person, as every service sees her. */
public record CurrentUser(long id, String username, String displayName, boolean platformAdmin)
        implements Serializable {
}
