package fr.maillon.account.internal;

/** Too many password hashes are running: the caller is told to try again in a moment (429). */
public class HashingBusyException extends RuntimeException {

    public HashingBusyException() {
        super("too many password hashes at once", null, false, false);
    }
}
