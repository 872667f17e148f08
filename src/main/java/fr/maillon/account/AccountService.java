package fr.maillon.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

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
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.account.internal.AccountPrincipal;
import fr.maillon.account.internal.AccountUserDetailsService;
import fr.maillon.account.internal.ApiTokenRepository;
import fr.maillon.account.internal.BearerTokenFilter;
import fr.maillon.account.internal.UserRepository;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;
import fr.maillon.web.RuleViolationException.Violation;

/** Accounts, passwords and personal API tokens. */
@Service
public class AccountService {

    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_PASSWORD_LENGTH = 200;
    private static final String USERNAME_PATTERN = "[a-z0-9._-]{2,40}";

    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final PasswordEncoder passwordEncoder;
    private final AuthenticationManager authenticationManager;
    private final AccountUserDetailsService userDetails;

    AccountService(UserRepository users, ApiTokenRepository tokens, PasswordEncoder passwordEncoder,
            AuthenticationManager authenticationManager, AccountUserDetailsService userDetails) {
        this.users = users;
        this.tokens = tokens;
        this.passwordEncoder = passwordEncoder;
        this.authenticationManager = authenticationManager;
        this.userDetails = userDetails;
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

    @Transactional
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
        return users.insert(username, displayName, passwordEncoder.encode(account.password()), account.platformAdmin())
                .orElseThrow(() -> new RuleViolationException("username", "account.username.taken"));
    }

    @Transactional
    public void changePassword(String currentPassword, String newPassword) {
        CurrentUser user = currentUser();
        String hash = users.findById(user.id()).orElseThrow().passwordHash();
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, hash)) {
            throw new RuleViolationException("currentPassword", "account.password.wrong");
        }
        passwordViolation("newPassword", newPassword).ifPresent(violation -> {
            throw new RuleViolationException(List.of(violation));
        });
        users.updatePassword(user.id(), passwordEncoder.encode(newPassword));
    }

    /**
     * Checks a username and password as the sign-in form does, lockout included.
     * @throws AuthenticationException when they do not match or the account is locked
     */
    public CurrentUser authenticate(String username, String password) {
        Authentication result = authenticationManager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(username, password));
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

    @Transactional
    public IssuedApiToken issueToken(CurrentUser owner, String label) {
        String cleanLabel = label == null ? "" : label.strip();
        if (cleanLabel.isEmpty() || cleanLabel.length() > 80 || Texts.hasControlCharacters(cleanLabel)) {
            throw new RuleViolationException("label", "account.token.label.invalid");
        }
        String token = Secrets.newSecret("mln_");
        long id = tokens.insert(owner.id(), cleanLabel, Secrets.sha256(token));
        return new IssuedApiToken(id, cleanLabel, token);
    }

    public List<ApiToken> tokens() {
        return tokens.findActiveByUser(currentUser().id());
    }

    @Transactional
    public void revokeToken(long tokenId) {
        if (!tokens.revoke(currentUser().id(), tokenId)) {
            throw new ApiTokenNotFoundException(tokenId);
        }
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
