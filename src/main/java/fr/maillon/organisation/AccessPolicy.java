package fr.maillon.organisation;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

import fr.maillon.account.AccountService;
import fr.maillon.account.CurrentUser;
import fr.maillon.organisation.internal.MembershipRepository;
import fr.maillon.organisation.internal.ShareRepository;

/**
 * The one place that decides who reads and writes what. A structure's members read it, its
 * editors and admins change it, its admins manage members and shares. A federation or CAF member
 * reads only what a structure shared with her organisation. The platform admin manages
 * organisations and their members but reads no evaluation she was not given.
 * <p>
 * What the caller may not see answers "not found", so that another structure's ids reveal
 * nothing; what she sees but may not change answers "access denied".
 */
@Service
public class AccessPolicy {

    private final AccountService accounts;
    private final MembershipRepository memberships;
    private final ShareRepository shares;

    AccessPolicy(AccountService accounts, MembershipRepository memberships, ShareRepository shares) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.shares = shares;
    }

    /** A structure's identity: its members, the platform admin, and those it shares with. */
    public CurrentUser requireStructureRead(long structureId) {
        CurrentUser user = accounts.currentUser();
        if (user.platformAdmin() || memberships.role(user.id(), structureId).isPresent()
                || shares.reaches(user.id(), structureId, null)) {
            return user;
        }
        throw new OrganisationNotFoundException(structureId);
    }

    /** Whether the caller may read this evaluation of this structure: a member, or a share covers it. */
    public boolean canReadEvaluation(long structureId, long evaluationId) {
        CurrentUser user = accounts.currentUser();
        return memberships.role(user.id(), structureId).isPresent()
                || shares.reaches(user.id(), structureId, evaluationId);
    }

    /** The signed-in person's id, for the records that keep who did what. */
    public long currentUserId() {
        return accounts.currentUser().id();
    }

    /** Whether the caller is a member of the structure, whatever her role. */
    public boolean isMember(long structureId) {
        return memberships.role(accounts.currentUser().id(), structureId).isPresent();
    }

    public boolean hasStructureRole(long structureId, Role minimum) {
        return memberships.role(accounts.currentUser().id(), structureId)
                .filter(role -> role.atLeast(minimum)).isPresent();
    }

    /** Requires at least {@code minimum} in the structure: 403 if she may read it, 404 otherwise. */
    public CurrentUser requireStructureRole(long structureId, Role minimum) {
        CurrentUser user = accounts.currentUser();
        if (memberships.role(user.id(), structureId).filter(role -> role.atLeast(minimum)).isPresent()) {
            return user;
        }
        requireStructureRead(structureId);
        throw new AccessDeniedException("role " + minimum + " required in structure " + structureId);
    }

    /** Members and invitations: the platform admin everywhere, a structure admin in her structure. */
    public boolean canAdminister(long organisationId) {
        CurrentUser user = accounts.currentUser();
        return user.platformAdmin() || memberships.role(user.id(), organisationId)
                .filter(role -> role == Role.STRUCTURE_ADMIN).isPresent();
    }

    public CurrentUser requireAdministration(long organisationId) {
        CurrentUser user = accounts.currentUser();
        if (canAdminister(organisationId)) {
            return user;
        }
        if (memberships.role(user.id(), organisationId).isPresent()
                || shares.reaches(user.id(), organisationId, null)) {
            throw new AccessDeniedException("not an admin of " + organisationId);
        }
        throw new OrganisationNotFoundException(organisationId);
    }

    /** A federation's or a CAF's own views: its members only; for anyone else it does not exist. */
    public CurrentUser requireNetworkMember(long organisationId) {
        CurrentUser user = accounts.currentUser();
        if (memberships.role(user.id(), organisationId)
                .filter(role -> role == Role.FEDERATION_MEMBER || role == Role.CAF_MEMBER).isPresent()) {
            return user;
        }
        throw new OrganisationNotFoundException(organisationId);
    }

    public CurrentUser requirePlatformAdmin() {
        CurrentUser user = accounts.currentUser();
        if (!user.platformAdmin()) {
            throw new AccessDeniedException("platform admin only");
        }
        return user;
    }
}
