package fr.maillon.organisation;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import fr.maillon.account.AccountService;
import fr.maillon.account.CurrentUser;
import fr.maillon.organisation.internal.AccessLogRepository;
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
 * <p>
 * Every access it grants a platform admin to a structure's data, as a member (she can invite
 * herself) or not, goes to the structure's access log, which its admins read: who, when, and the
 * page or API path. A structure's other members' own reads are not logged.
 */
@Service
public class AccessPolicy {

    /** The request attribute that holds the structures whose access this request has logged. */
    private static final String LOGGED = AccessPolicy.class.getName() + ".logged";

    private final AccountService accounts;
    private final MembershipRepository memberships;
    private final ShareRepository shares;
    private final AccessLogRepository accessLog;
    private final Clock clock;

    AccessPolicy(AccountService accounts, MembershipRepository memberships, ShareRepository shares,
            AccessLogRepository accessLog, Clock clock) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.shares = shares;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    /** A structure's identity: its members, the platform admin, and those it shares with. */
    public CurrentUser requireStructureRead(long structureId) {
        CurrentUser user = accounts.currentUser();
        if (user.platformAdmin() || memberships.role(user.id(), structureId).isPresent()
                || shares.reaches(user.id(), structureId, null)) {
            return logged(user, structureId);
        }
        throw new OrganisationNotFoundException(structureId);
    }

    /** Whether the caller may read this evaluation of this structure: a member, or a share covers it. */
    public boolean canReadEvaluation(long structureId, long evaluationId) {
        CurrentUser user = accounts.currentUser();
        boolean reads = memberships.role(user.id(), structureId).isPresent()
                || shares.reaches(user.id(), structureId, evaluationId);
        if (reads) {
            logged(user, structureId);
        }
        return reads;
    }

    /**
     * The caller's networks (federation, CAF, département, programme) that a live share gives this
     * evaluation to, by id: whom she reads it for. Empty for the structure's own members unless they
     * also belong to such a network.
     */
    public List<Long> readingNetworks(long structureId, long evaluationId) {
        return shares.recipients(accounts.currentUser().id(), structureId, evaluationId);
    }

    /** The signed-in person's id, for the records that keep who did what. */
    public long currentUserId() {
        return accounts.currentUser().id();
    }

    /** Whether the caller is a member of the structure, whatever her role. */
    public boolean isMember(long structureId) {
        CurrentUser user = accounts.currentUser();
        boolean member = memberships.role(user.id(), structureId).isPresent();
        if (member) {
            logged(user, structureId);
        }
        return member;
    }

    public boolean hasStructureRole(long structureId, Role minimum) {
        CurrentUser user = accounts.currentUser();
        boolean has = memberships.role(user.id(), structureId).filter(role -> role.atLeast(minimum)).isPresent();
        if (has) {
            logged(user, structureId);
        }
        return has;
    }

    /** Requires at least {@code minimum} in the structure: 403 if she may read it, 404 otherwise. */
    public CurrentUser requireStructureRole(long structureId, Role minimum) {
        CurrentUser user = accounts.currentUser();
        if (memberships.role(user.id(), structureId).filter(role -> role.atLeast(minimum)).isPresent()) {
            return logged(user, structureId);
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
            return logged(user, organisationId);
        }
        if (memberships.role(user.id(), organisationId).isPresent()
                || shares.reaches(user.id(), organisationId, null)) {
            throw new AccessDeniedException("not an admin of " + organisationId);
        }
        throw new OrganisationNotFoundException(organisationId);
    }

    /**
     * A network's own views (a federation's, a CAF's, a département's, a programme's facilitator's):
     * its members only; for anyone else it does not exist.
     */
    public CurrentUser requireNetworkMember(long organisationId) {
        CurrentUser user = accounts.currentUser();
        if (memberships.role(user.id(), organisationId).filter(Role::network).isPresent()) {
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

    /** The structure's access log, for its admins (and the platform admin, whose reading of it is logged too). */
    public List<AccessLogEntry> accessLog(long structureId) {
        requireAdministration(structureId);
        return accessLog.entries(structureId, 500, clock.getZone());
    }

    /**
     * Writes a platform admin's access to the structure's log, once per request (and, in the
     * database, once per path and five minutes); anyone else's access is not logged.
     */
    private CurrentUser logged(CurrentUser user, long structureId) {
        if (!user.platformAdmin()) {
            return user;
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        String what = "—";
        if (attributes != null) {
            @SuppressWarnings("unchecked")
            Set<Long> done = (Set<Long>) attributes.getAttribute(LOGGED, RequestAttributes.SCOPE_REQUEST);
            if (done == null) {
                done = new HashSet<>();
                attributes.setAttribute(LOGGED, done, RequestAttributes.SCOPE_REQUEST);
            }
            if (!done.add(structureId)) {
                return user;
            }
            if (attributes instanceof ServletRequestAttributes servlet) {
                HttpServletRequest request = servlet.getRequest();
                what = request.getMethod() + " " + request.getRequestURI();
            }
        }
        accessLog.record(structureId, user.id(), user.username().length() > 200 ? user.username().substring(0, 200)
                : user.username(), what.length() > 400 ? what.substring(0, 400) : what, clock.instant());
        return user;
    }
}
