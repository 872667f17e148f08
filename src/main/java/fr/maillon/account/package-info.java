/**
 * Accounts: people who sign in with a password or a personal API token, their password changes,
 * the lockout after repeated failures, and the Spring Security configuration (CSRF, cookies,
 * security headers). Who may read or write what is decided by the organisation module's policy.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web" })
package fr.maillon.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
