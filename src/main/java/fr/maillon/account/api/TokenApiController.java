package fr.maillon.account.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.account.AccountService;
import fr.maillon.account.ApiToken;
import fr.maillon.account.CurrentUser;
import fr.maillon.account.IssuedApiToken;
import fr.maillon.account.internal.SignInRefusedException;
import fr.maillon.web.Problems;

@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "Jetons d'API", description = "Personal API tokens, sent as Authorization: Bearer <token>")
class TokenApiController {

    private final AccountService accounts;
    private final MessageSource messages;

    TokenApiController(AccountService accounts, MessageSource messages) {
        this.accounts = accounts;
        this.messages = messages;
    }

    /**
     * A token request: credentials, or none when the caller is already signed in; the token's
     * validity in days ({@value AccountService#DEFAULT_TOKEN_DAYS} when absent, at most
     * {@value AccountService#MAX_TOKEN_DAYS}).
     */
    record TokenRequest(@Nullable String username, @Nullable String password,
            @NotBlank @Size(max = 80) String label, @Nullable Integer expiresInDays) {
    }

    record TokenResponse(long id, String label, String token, Instant expiresAt) {
        static TokenResponse of(IssuedApiToken issued) {
            return new TokenResponse(issued.id(), issued.label(), issued.token(), issued.expiresAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a personal API token, with a username and password or from a signed-in session",
            description = "Failed sign-ins are throttled per username and per client address: a refused "
                    + "attempt answers 429 with Retry-After, as does one made while too many passwords are "
                    + "being checked at once.")
    TokenResponse create(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        CurrentUser owner;
        if (request.username() != null) {
            owner = accounts.authenticate(request.username(), request.password() == null ? "" : request.password(),
                    http.getRemoteAddr());
        }
        else if (accounts.signedInWithPassword()) {
            owner = accounts.currentUser();
        }
        else {
            throw new BadCredentialsException("a token is created with a password, or from a signed-in session");
        }
        return TokenResponse.of(accounts.issueToken(owner, request.label(), request.expiresInDays()));
    }

    @GetMapping
    @Operation(summary = "The caller's active tokens (never their secret)")
    List<ApiToken> list() {
        return accounts.tokens();
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke all the caller's tokens (the one making this call included)")
    void revokeAll() {
        accounts.revokeAllTokens();
    }

    @DeleteMapping("/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke one of the caller's tokens")
    void revoke(@PathVariable long tokenId) {
        accounts.revokeToken(tokenId);
    }

    /** Refused before any password check: 429, with how long to wait. */
    @ExceptionHandler(SignInRefusedException.class)
    ResponseEntity<ProblemDetail> refused(SignInRefusedException ex) {
        String key = ex.reason() == SignInRefusedException.Reason.THROTTLED ? "account.login.throttled"
                : "account.login.busy";
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", String.valueOf(ex.retryAfterSeconds()))
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, messages.getMessage(key,
                        new Object[] { ex.retryAfterSeconds() }, LocaleContextHolder.getLocale())));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> badCredentials(AuthenticationException ex) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Problems.of(HttpStatus.UNAUTHORIZED,
                messages.getMessage("account.token.credentials", null, LocaleContextHolder.getLocale())));
    }
}
