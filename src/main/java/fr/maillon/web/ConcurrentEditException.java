package fr.maillon.web;

/**
 * Someone else saved the item since the editor read it: her save was refused, nothing was
 * overwritten. It carries who saved meanwhile and when ({@link #current()}), and the item as it is
 * now stored ({@link #stored()}), so that a form can show both versions and the API answer 409
 * with the current one.
 */
public class ConcurrentEditException extends RuntimeException {

    private final Revision current;
    private final Object stored;

    public ConcurrentEditException(Revision current, Object stored) {
        super("modified meanwhile: now at version " + current.version());
        this.current = current;
        this.stored = stored;
    }

    /** The version now stored, who saved it and when. */
    public Revision current() {
        return current;
    }

    /** The item as it is now stored (a module's record, as its API reads it). */
    public Object stored() {
        return stored;
    }

    public <T> T stored(Class<T> type) {
        return type.cast(stored);
    }
}
