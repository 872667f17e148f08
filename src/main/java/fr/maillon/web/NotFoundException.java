package fr.maillon.web;

/**
 * Something the caller asked for by id does not exist, or is not hers to see: both answer 404,
 * so that ids of other structures reveal nothing. Each module subclasses it for its own things.
 */
public class NotFoundException extends RuntimeException {

    private final String messageKey;

    public NotFoundException(String messageKey, Object id) {
        super(messageKey + " " + id);
        this.messageKey = messageKey;
    }

    /** The i18n key naming what was not found, e.g. {@code organisation.structure.notFound}. */
    public String messageKey() {
        return messageKey;
    }
}
