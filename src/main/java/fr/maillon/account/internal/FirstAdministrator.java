package fr.maillon.account.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import fr.maillon.account.AccountService;
import fr.maillon.account.NewAccount;
import fr.maillon.web.RuleViolationException;

/**
 * Creates the platform administrator named by {@code MAILLON_ADMIN_USERNAME} and
 * {@code MAILLON_ADMIN_PASSWORD} on start, if that account does not exist yet: the way into a
 * database without demo data. Runs after the demo loader.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final Environment environment;
    private final AccountService accounts;
    private final UserRepository users;

    FirstAdministrator(Environment environment, AccountService accounts, UserRepository users) {
        this.environment = environment;
        this.accounts = accounts;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        String username = environment.getProperty("maillon.admin.username", "").strip();
        String password = environment.getProperty("maillon.admin.password", "");
        if (username.isEmpty() || users.usernameExists(username)) {
            return;
        }
        try {
            accounts.createAccount(new NewAccount(username, "Administration de la plateforme", password, true));
        }
        catch (RuleViolationException ex) {
            throw new IllegalStateException("MAILLON_ADMIN_USERNAME must be 2 to 40 lower-case letters, digits, "
                    + "'.', '-' or '_', and MAILLON_ADMIN_PASSWORD at least " + AccountService.MIN_PASSWORD_LENGTH
                    + " characters: " + ex.violations(), ex);
        }
        log.info("Platform administrator '{}' created", username);
    }
}
