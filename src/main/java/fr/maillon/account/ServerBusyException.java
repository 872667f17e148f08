package fr.maillon.account;

import fr.maillon.web.RuleViolationException;

/**
 * Too many passwords are being checked at once: nothing was changed, and the person may try again
 * in a moment. Forms show it on the password field (account pages answer 429).
 */
public class ServerBusyException extends RuleViolationException {

    public ServerBusyException(String field) {
        super(field, "account.busy");
    }
}
