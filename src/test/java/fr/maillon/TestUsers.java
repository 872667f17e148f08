package fr.maillon;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import fr.maillon.account.AccountService;
import fr.maillon.account.NewAccount;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** Creates structures and people for tests, and signs them in as the application itself would. */
@Component
public class TestUsers {

    public static final String PASSWORD = "a-long-test-password";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final AccountService accounts;
    private final OrganisationService organisations;
    private final UserDetailsService userDetails;

    TestUsers(AccountService accounts, OrganisationService organisations, UserDetailsService userDetails) {
        this.accounts = accounts;
        this.organisations = organisations;
        this.userDetails = userDetails;
    }

    public String newUsername(String prefix) {
        return prefix + "-" + System.nanoTime() % 100000 + "-" + SEQUENCE.incrementAndGet();
    }

    public long newUser(String username) {
        return accounts.createAccount(new NewAccount(username, "Test " + username, PASSWORD, false));
    }

    public long newStructure(String name) {
        return organisations.createStructureUnchecked(new StructureDraft(name, StructureKind.CENTRE_SOCIAL, "07",
                "Privas", null, null, null, null, false, null, null));
    }

    /** A new structure with a new member of the given role; returns {structureId, username}. */
    public Created structureWithMember(Role role) {
        long structureId = newStructure("Structure " + SEQUENCE.incrementAndGet());
        String username = newUsername("member");
        long userId = newUser(username);
        organisations.addMemberUnchecked(structureId, userId, role);
        return new Created(structureId, username, userId);
    }

    public void addMember(long organisationId, long userId, Role role) {
        organisations.addMemberUnchecked(organisationId, userId, role);
    }

    /** Signs in as this person for one MockMvc request, with the principal the login form would give. */
    public RequestPostProcessor as(String username) {
        UserDetails principal = userDetails.loadUserByUsername(username);
        return user(principal);
    }

    /** Signs in as this person for service calls made on this thread (clear the context afterwards). */
    public void signIn(String username) {
        UserDetails principal = userDetails.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
    }

    public record Created(long structureId, String username, long userId) {
    }
}
