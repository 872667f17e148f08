package fr.maillon.account;

/** What it takes to open an account. The service checks every rule. */
public record NewAccount(String username, String displayName, String password, boolean platformAdmin) {
}
