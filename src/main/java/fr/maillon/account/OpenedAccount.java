package fr.maillon.account;

/**
 * An account just opened by the person in front of the browser, who chose its password: the one
 * thing {@link AccountService#signIn} accepts to sign a session in without a password check. Only
 * {@link AccountService#openAccount} makes one.
 */
public final class OpenedAccount {

    private final long userId;
    private final String username;

    OpenedAccount(long userId, String username) {
        this.userId = userId;
        this.username = username;
    }

    public long userId() {
        return userId;
    }

    String username() {
        return username;
    }
}
