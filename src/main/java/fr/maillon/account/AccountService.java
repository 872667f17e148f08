package fr.maillon.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

import fr.maillon.account.internal.AccountPrincipal;
import fr.maillon.account.internal.AccountUserDetailsService;
import fr.maillon.account.internal.ApiTokenRepository;
import fr.maillon.account.internal.BearerTokenFilter;
import fr.maillon.account.internal.HashingBusyException;
import fr.maillon.account.internal.PasswordHashing;
import fr.maillon.account.internal.SignedInSessions;
import fr.maillon.account.internal.UserRepository;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;
import fr.maillon.web.RuleViolationException.Violation;

/** Accounts, passwords and personal API tokens. */
@Service
public class AccountService {

    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_PASSWORD_LENGTH = 200;
    /** A token's life when its creator names none, and the longest she may choose, in days. */
    public static final int DEFAULT_TOKEN_DAYS = 365;
    public static final int MAX_TOKEN_DAYS = 3 * 365;
    private static final String USERNAME_PATTERN = "[a-z0-9._-]{2,40}";

    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final PasswordEncoder passwordEncoder;
    private final PasswordHashing hashing;
    private final AuthenticationManager authenticationManager;
    private final AccountUserDetailsService userDetails;
    private final TransactionOperations transactions;
    private final SignedInSessions sessions;
    private final Clock clock;

    AccountService(UserRepository users, ApiTokenRepository tokens, PasswordEncoder passwordEncoder,
            PasswordHashing hashing, AuthenticationManager authenticationManager,
            AccountUserDetailsService userDetails, TransactionOperations transactions, SignedInSessions sessions,
            Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.passwordEncoder = passwordEncoder;
        this.hashing = hashing;
        this.authenticationManager = authenticationManager;
        this.userDetails = userDetails;
        this.transactions = transactions;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The signed-in person, if any. */
    public Optional<CurrentUser> findCurrentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal principal) {
            return Optional.of(principal.user());
        }
        return Optional.empty();
    }

    /** Whether the caller signed in with a password (a browser session), not with an API token. */
    public boolean signedInWithPassword() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AccountPrincipal
                && !BearerTokenFilter.API_TOKEN.equals(authentication.getDetails());
    }

    public CurrentUser currentUser() {
        return findCurrentUser().orElseThrow(() -> new AccessDeniedException("not signed in"));
    }

    /**
     * Opens an account. Not a transaction of its own (the insert alone writes, and a race on the
     * username is caught by it), so that no connection is held while the password is hashed.
     * @throws ServerBusyException when too many passwords are being hashed at once
     */
    public long createAccount(NewAccount account) {
        String username = normalizeUsername(account.username());
        String displayName = account.displayName() == null ? "" : account.displayName().strip();
        List<Violation> violations = new ArrayList<>();
        if (!username.matches(USERNAME_PATTERN)) {
            violations.add(new Violation("username", "account.username.invalid"));
        }
        else if (users.usernameExists(username)) {
            violations.add(new Violation("username", "account.username.taken"));
        }
        if (displayName.isEmpty() || displayName.length() > 120 || Texts.hasControlCharacters(displayName)) {
            violations.add(new Violation("displayName", "account.displayName.invalid"));
        }
        passwordViolation("password", account.password()).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        String hash;
        try {
            hash = passwordEncoder.encode(account.password());
        }
        catch (HashingBusyException ex) {
            throw new ServerBusyException("password");
        }
        return users.insert(username, displayName, hash, account.platformAdmin())
                .orElseThrow(() -> new RuleViolationException("username", "account.username.taken"));
    }

    /**
     * Opens an account for the person who is choosing its password in her browser now, so that
     * {@link #signIn} may sign her in with it at once. Same rules as {@link #createAccount}.
     * @throws ServerBusyException when too many passwords are being hashed at once
     */
    public OpenedAccount openAccount(NewAccount account) {
        long id = createAccount(new NewAccount(account.username(), account.displayName(), account.password(), false));
        return new OpenedAccount(id, normalizeUsername(account.username()));
    }

    /**
     * Signs the browser session in with the account its person just opened, as the sign-in form
     * would (a new session id, the context saved in the session), without checking the password
     * again: she has just chosen it. Call it once the account is committed. A locked or disabled
     * account is not signed in.
     */
    public void signIn(OpenedAccount account, HttpServletRequest request, HttpServletResponse response) {
        sessions.signIn(account.username(), request, response);
    }

    /**
     * Changes the signed-in person's password, after checking the current one. Her other sessions
     * end (those signed in before now); her API tokens are revoked if she asks.
     * @throws ServerBusyException when too many passwords are being checked at once
     */
    public void changePassword(String currentPassword, String newPassword, boolean revokeTokens) {
        CurrentUser user = currentUser();
        String hash = users.findById(user.id()).orElseThrow().passwordHash();
        String newHash;
        try {
            // Both hashes under one permit, and outside the transaction: no connection held meanwhile.
            newHash = hashing.withPermit(() -> {
                if (currentPassword == null || !passwordEncoder.matches(currentPassword, hash)) {
                    throw new RuleViolationException("currentPassword", "account.password.wrong");
                }
                passwordViolation("newPassword", newPassword).ifPresent(violation -> {
                    throw new RuleViolationException(List.of(violation));
                });
                return passwordEncoder.encode(newPassword);
            });
        }
        catch (HashingBusyException ex) {
            throw new ServerBusyException("currentPassword");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(status -> {
            users.updatePassword(user.id(), newHash, now);
            if (revokeTokens) {
                tokens.revokeAll(user.id(), now);
            }
        });
    }

    /**
     * Checks a username and password as the sign-in form does, throttling and hashing bound
     * included; {@code clientAddress} is the caller's address, as the throttle counts it.
     * @throws AuthenticationException when they do not match, the account is not active, or the
     * attempt is refused (too many failures, or too many sign-ins at once)
     */
    public CurrentUser authenticate(String username, String password, String clientAddress) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(username,
                password);
        attempt.setDetails(new WebAuthenticationDetails(clientAddress, null));
        Authentication result = authenticationManager.authenticate(attempt);
        return ((AccountPrincipal) result.getPrincipal()).user();
    }

    public List<UserAccount> findAccounts(Collection<Long> ids) {
        return users.findAccounts(ids);
    }

    /**
     * Runs the action signed in as this person, for bootstrap work with no request (demo data),
     * then restores the previous context. Every access rule applies as if she were signed in.
     */
    public <T> T runAs(String username, Supplier<T> action) {
        UserDetails principal = userDetails.loadUserByUsername(username);
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        }
        finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public boolean anyAccountExists() {
        return users.count() > 0;
    }

    /**
     * A new token for this person, valid for {@code days} days ({@link #DEFAULT_TOKEN_DAYS} when
     * null, at most {@link #MAX_TOKEN_DAYS}).
     */
    @Transactional
    public IssuedApiToken issueToken(CurrentUser owner, String label, @Nullable Integer days) {
        String cleanLabel = label == null ? "" : label.strip();
        List<Violation> violations = new ArrayList<>();
        if (cleanLabel.isEmpty() || cleanLabel.length() > 80 || Texts.hasControlCharacters(cleanLabel)) {
            violations.add(new Violation("label", "account.token.label.invalid"));
        }
        int validity = days == null ? DEFAULT_TOKEN_DAYS : days;
        if (validity < 1 || validity > MAX_TOKEN_DAYS) {
            violations.add(new Violation("expiresInDays", "account.token.expiry.invalid", 1, MAX_TOKEN_DAYS));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        String token = Secrets.newSecret("mln_");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = now.plus(Duration.ofDays(validity));
        long id = tokens.insert(owner.id(), cleanLabel, Secrets.sha256(token), now, expiresAt);
        return new IssuedApiToken(id, cleanLabel, token, expiresAt);
    }

    /** The signed-in person's tokens that still work. */
    public List<ApiToken> tokens() {
        return tokens.findActiveByUser(currentUser().id(), clock.instant());
    }

    @Transactional
    public void revokeToken(long tokenId) {
        if (!tokens.revoke(currentUser().id(), tokenId, clock.instant())) {
            throw new ApiTokenNotFoundException(tokenId);
        }
    }

    /** Revokes all the signed-in person's tokens; returns how many were revoked. */
    @Transactional
    public int revokeAllTokens() {
        return tokens.revokeAll(currentUser().id(), clock.instant());
    }

    private static Optional<Violation> passwordViolation(String field, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            return Optional.of(new Violation(field, "account.password.tooShort", MIN_PASSWORD_LENGTH));
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            return Optional.of(new Violation(field, "account.password.tooLong", MAX_PASSWORD_LENGTH));
        }
        return Optional.empty();
    }

    private static String normalizeUsername(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
