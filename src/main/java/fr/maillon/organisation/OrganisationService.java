package fr.maillon.organisation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.account.AccountService;
import fr.maillon.account.CurrentUser;
import fr.maillon.account.NewAccount;
import fr.maillon.account.OpenedAccount;
import fr.maillon.account.Secrets;
import fr.maillon.organisation.internal.InvitationRepository;
import fr.maillon.organisation.internal.MembershipRepository;
import fr.maillon.organisation.internal.MembershipRepository.MemberRole;
import fr.maillon.organisation.internal.OrganisationRepository;
import fr.maillon.organisation.internal.ShareRepository;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.Dates;
import fr.maillon.web.Revisions;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;
import fr.maillon.web.RuleViolationException.Violation;

/** Structures, federations and CAF; who belongs where; invitations; what is shared with whom. */
@Service
public class OrganisationService {

    public static final Duration INVITATION_VALIDITY = Duration.ofDays(7);
    /** SMIC horaire brut since 1 November 2024: the default value of a volunteer hour. */
    public static final BigDecimal DEFAULT_VOLUNTEER_HOURLY_RATE = new BigDecimal("11.88");
    private static final String DEPARTEMENT = "0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6]";

    private final AccessPolicy access;
    private final AccountService accounts;
    private final OrganisationRepository organisations;
    private final MembershipRepository memberships;
    private final InvitationRepository invitations;
    private final ShareRepository shares;
    private final Revisions revisions;
    private final Clock clock;

    OrganisationService(AccessPolicy access, AccountService accounts, OrganisationRepository organisations,
            MembershipRepository memberships, InvitationRepository invitations, ShareRepository shares,
            Revisions revisions, Clock clock) {
        this.revisions = revisions;
        this.clock = clock;
        this.access = access;
        this.accounts = accounts;
        this.organisations = organisations;
        this.memberships = memberships;
        this.invitations = invitations;
        this.shares = shares;
    }

    // --- reading -----------------------------------------------------------------------------

    public Structure structure(long structureId) {
        access.requireStructureRead(structureId);
        return organisations.findStructure(structureId)
                .orElseThrow(() -> new OrganisationNotFoundException(structureId));
    }

    /** An organisation's card: its members, the platform admin, or (for a structure) those it shares with. */
    public Organisation organisation(long organisationId) {
        Organisation organisation = organisations.findOrganisation(organisationId)
                .orElseThrow(() -> new OrganisationNotFoundException(organisationId));
        if (organisation.type() == OrganisationType.STRUCTURE) {
            access.requireStructureRead(organisationId);
        }
        else {
            CurrentUser user = accounts.currentUser();
            if (!user.platformAdmin() && memberships.role(user.id(), organisationId).isEmpty()) {
                throw new OrganisationNotFoundException(organisationId);
            }
        }
        return organisation;
    }

    public OrganisationPage organisationPage(long organisationId) {
        return new OrganisationPage(organisation(organisationId), access.canAdminister(organisationId));
    }

    /** A structure whose identity the caller may edit: its admins and the platform admin. */
    public Structure structureForEdit(long structureId) {
        access.requireAdministration(structureId);
        return organisations.findStructure(structureId)
                .orElseThrow(() -> new OrganisationNotFoundException(structureId));
    }

    /** Only the platform admin creates structures, federations and CAF. */
    public void checkCanCreateOrganisations() {
        access.requirePlatformAdmin();
    }

    /** The structures the caller may read: hers, those shared with her organisations, all for the platform admin. */
    public List<Structure> readableStructures() {
        CurrentUser user = accounts.currentUser();
        if (user.platformAdmin()) {
            return organisations.findAllStructures();
        }
        Set<Long> ids = new LinkedHashSet<>();
        memberships.membershipsOf(user.id()).stream()
                .filter(membership -> membership.organisationType() == OrganisationType.STRUCTURE)
                .forEach(membership -> ids.add(membership.organisationId()));
        shares.findReaching(user.id()).forEach(share -> ids.add(share.structureId()));
        return organisations.findStructures(ids);
    }

    /** The signed-in person and her memberships, structures apart from networks. */
    @Transactional(readOnly = true)
    public Me me() {
        CurrentUser user = accounts.currentUser();
        List<Membership> all = memberships.membershipsOf(user.id());
        return new Me(user.id(), user.username(), user.displayName(), user.platformAdmin(),
                all.stream().filter(membership -> !membership.organisationType().network()).toList(),
                all.stream().filter(membership -> membership.organisationType().network()).toList());
    }

    public List<Membership> myMemberships() {
        return accounts.findCurrentUser().map(user -> memberships.membershipsOf(user.id())).orElse(List.of());
    }

    /**
     * The networks a structure may share with: the federations, CAF, départements and programmes'
     * facilitators that cover its département.
     */
    public List<Organisation> networkOrganisations(long structureId) {
        structure(structureId);
        return organisations.findNetworkOrganisations(structureId);
    }

    public List<Organisation> allOrganisations() {
        access.requirePlatformAdmin();
        return organisations.findOrganisations();
    }

    // --- creating and editing ---------------------------------------------------------------

    @Transactional
    public long createStructure(StructureDraft draft) {
        access.requirePlatformAdmin();
        return createStructureUnchecked(draft);
    }

    /** For bootstrap and demo data only: no caller to check. */
    @Transactional
    public long createStructureUnchecked(StructureDraft draft) {
        StructureDraft clean = validate(draft);
        long id = organisations.insertOrganisation(OrganisationType.STRUCTURE, clean.name());
        organisations.insertStructure(id, clean);
        return id;
    }

    @Transactional
    public void updateStructure(long structureId, StructureDraft draft) {
        updateStructure(structureId, draft, null);
    }

    /**
     * Saves the structure's card over {@code version}, the one its editor read: a
     * {@link ConcurrentEditException} when someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void updateStructure(long structureId, StructureDraft draft, @Nullable Integer version) {
        CurrentUser user = access.requireAdministration(structureId);
        Structure stored = organisations.findStructure(structureId)
                .orElseThrow(() -> new OrganisationNotFoundException(structureId));
        if (!organisations.updateStructure(structureId, validate(draft, stored), revisions.edit(version, user.id()))) {
            throw revisions.conflict("structure", structureId, structureId, () -> organisations
                    .findStructure(structureId).orElseThrow(() -> new OrganisationNotFoundException(structureId)));
        }
    }

    @Transactional
    public long createNetworkOrganisation(NetworkOrganisationDraft draft) {
        access.requirePlatformAdmin();
        return createNetworkOrganisationUnchecked(draft);
    }

    /** For bootstrap and demo data only: no caller to check. */
    @Transactional
    public long createNetworkOrganisationUnchecked(NetworkOrganisationDraft draft) {
        List<Violation> violations = new ArrayList<>();
        String name = strip(draft.name());
        if (draft.type() == null || !draft.type().network()) {
            violations.add(new Violation("type", "organisation.type.invalid"));
        }
        if (name == null || name.length() > 200) {
            violations.add(new Violation("name", "organisation.name.invalid"));
        }
        List<String> departements = draft.departements().stream().map(OrganisationService::strip)
                .filter(departement -> departement != null)
                .map(departement -> departement.toUpperCase(Locale.ROOT)).distinct().toList();
        if (departements.isEmpty() || departements.stream().anyMatch(d -> !d.matches(DEPARTEMENT))) {
            violations.add(new Violation("departements", "organisation.departement.invalid"));
        }
        else if (draft.type() == OrganisationType.CAF && departements.size() != 1) {
            violations.add(new Violation("departements", "organisation.departement.oneForCaf"));
        }
        else if (draft.type() == OrganisationType.DEPARTEMENT && departements.size() != 1) {
            violations.add(new Violation("departements", "organisation.departement.oneForDepartement"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        long id = organisations.insertOrganisation(draft.type(), name);
        organisations.insertDepartements(id, departements);
        return id;
    }

    /**
     * A programme run by a network (the network module checks who creates it): an organisation of type PROGRAMME
     * with no département, whose territory is the cohort of structures that join it.
     */
    @Transactional
    public long createProgrammeUnchecked(String name) {
        String clean = strip(name);
        if (clean == null || clean.length() > 200) {
            throw new RuleViolationException("name", "organisation.name.invalid");
        }
        return organisations.insertOrganisation(OrganisationType.PROGRAMME, clean);
    }

    // --- members and invitations --------------------------------------------------------------

    /** The platform admins' accesses to the structure's data, newest first: for its admins. */
    public List<AccessLogEntry> accessLog(long structureId) {
        return access.accessLog(structureId);
    }

    public List<Member> members(long organisationId) {
        access.requireAdministration(organisationId);
        List<MemberRole> roles = memberships.membersOf(organisationId);
        Map<Long, Role> roleByUser = roles.stream().collect(Collectors.toMap(MemberRole::userId, MemberRole::role));
        return accounts.findAccounts(roleByUser.keySet()).stream()
                .map(account -> new Member(account.id(), account.username(), account.displayName(),
                        roleByUser.get(account.id())))
                .toList();
    }

    /** For bootstrap and demo data only: no caller to check. */
    @Transactional
    public void addMemberUnchecked(long organisationId, long userId, Role role) {
        Organisation organisation = organisations.findOrganisation(organisationId)
                .orElseThrow(() -> new OrganisationNotFoundException(organisationId));
        if (role.organisationType() != organisation.type()) {
            throw new RuleViolationException("role", "organisation.role.invalid");
        }
        memberships.put(userId, organisationId, role);
    }

    @Transactional
    public void removeMember(long organisationId, long userId) {
        access.requireAdministration(organisationId);
        Role role = memberships.role(userId, organisationId)
                .orElseThrow(() -> new OrganisationNotFoundException(organisationId));
        if (role == Role.STRUCTURE_ADMIN && memberships.countAdmins(organisationId) <= 1) {
            throw new RuleViolationException("", "organisation.member.lastAdmin");
        }
        memberships.delete(userId, organisationId);
    }

    @Transactional
    public IssuedInvitation invite(long organisationId, @Nullable Role role, @Nullable String invitee) {
        CurrentUser user = access.requireAdministration(organisationId);
        Organisation organisation = organisation(organisationId);
        List<Violation> violations = new ArrayList<>();
        String name = strip(invitee);
        if (name == null || name.length() > 120) {
            violations.add(new Violation("invitee", "organisation.invitation.invitee.invalid"));
        }
        if (role == null || role.organisationType() != organisation.type()) {
            violations.add(new Violation("role", "organisation.role.invalid"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        String token = Secrets.newSecret("");
        Instant now = clock.instant();
        Instant expiresAt = now.plus(INVITATION_VALIDITY);
        long id = invitations.insert(organisationId, role, name, Secrets.sha256(token), user.id(), now, expiresAt);
        return new IssuedInvitation(new Invitation(id, organisationId, organisation.name(), role, name, expiresAt),
                token);
    }

    public List<Invitation> pendingInvitations(long organisationId) {
        access.requireAdministration(organisationId);
        return invitations.findPending(organisationId, clock.instant());
    }

    @Transactional
    public void cancelInvitation(long organisationId, long invitationId) {
        access.requireAdministration(organisationId);
        if (!invitations.cancel(organisationId, invitationId)) {
            throw new InvitationNotFoundException();
        }
    }

    /** The invitation behind a link, if it is still usable. No sign-in needed. */
    public Invitation invitation(String token) {
        return invitations.findUsable(Secrets.sha256(token), clock.instant())
                .orElseThrow(InvitationNotFoundException::new);
    }

    /**
     * Opens an account from an invitation link and makes it a member, in one transaction; the
     * account returned may then sign its person in ({@code AccountService.signIn}).
     */
    @Transactional
    public OpenedAccount acceptWithNewAccount(String token, NewAccount account) {
        Invitation invitation = invitation(token);
        OpenedAccount opened = accounts.openAccount(account);
        join(invitation, opened.userId());
        return opened;
    }

    /** The signed-in person joins the organisation of the invitation. */
    @Transactional
    public Invitation accept(String token) {
        Invitation invitation = invitation(token);
        join(invitation, accounts.currentUser().id());
        return invitation;
    }

    private void join(Invitation invitation, long userId) {
        if (!invitations.accept(invitation.id(), userId, clock.instant())) {
            throw new InvitationNotFoundException();
        }
        Role existing = memberships.role(userId, invitation.organisationId()).orElse(null);
        if (existing == null || invitation.role().atLeast(existing)) {
            memberships.put(userId, invitation.organisationId(), invitation.role());
        }
    }

    // --- sharing ------------------------------------------------------------------------------

    public List<Share> shares(long structureId) {
        access.requireStructureRole(structureId, Role.STRUCTURE_VIEWER);
        return shares.findActive(structureId);
    }

    /**
     * Shares one evaluation, or all (null), with a network that covers the structure's
     * département, or a programme it joined. The caller (the chain module) has checked that the evaluation belongs to the
     * structure.
     */
    @Transactional
    public long share(long structureId, @Nullable Long evaluationId, long recipientId) {
        CurrentUser user = access.requireStructureRole(structureId, Role.STRUCTURE_ADMIN);
        organisations.findStructure(structureId).orElseThrow(() -> new OrganisationNotFoundException(structureId));
        Organisation recipient = organisations.findOrganisation(recipientId)
                .filter(organisation -> organisation.type().network())
                .orElseThrow(() -> new RuleViolationException("recipientId", "organisation.share.recipient.invalid"));
        if (!organisations.covers(recipient.id(), structureId)) {
            throw new RuleViolationException("recipientId", "organisation.share.recipient.elsewhere");
        }
        return shares.insert(structureId, evaluationId, recipient.id(), user.id());
    }

    /** For demo data only: no caller to check. */
    @Transactional
    public long shareUnchecked(long structureId, @Nullable Long evaluationId, long recipientId, long createdBy) {
        return shares.insert(structureId, evaluationId, recipientId, createdBy);
    }

    @Transactional
    public void revokeShare(long structureId, long shareId) {
        CurrentUser user = access.requireStructureRole(structureId, Role.STRUCTURE_ADMIN);
        if (!shares.revoke(structureId, shareId, user.id(), clock.instant())) {
            throw new OrganisationNotFoundException(shareId);
        }
    }

    /**
     * A programme's member ends every share the structure made with the programme, as it removes the structure from
     * its cohort; 404 for anyone else, and for any recipient that is not a programme.
     */
    @Transactional
    public void revokeSharesWithProgramme(long structureId, long programmeId) {
        CurrentUser user = access.requireNetworkMember(programmeId);
        if (organisation(programmeId).type() != OrganisationType.PROGRAMME) {
            throw new OrganisationNotFoundException(programmeId);
        }
        shares.revokeAllTo(structureId, programmeId, user.id(), clock.instant());
    }

    /** Every active share that reaches the caller through her federation or CAF. */
    public List<Share> sharesReachingMe() {
        return shares.findReaching(accounts.currentUser().id());
    }

    // --- rules --------------------------------------------------------------------------------

    private static StructureDraft validate(StructureDraft draft) {
        return validate(draft, null);
    }

    /**
     * The draft checked, holding only the fields its kind shows; those it does not show keep what
     * {@code stored} held, so that a kind changed by mistake and changed back loses nothing.
     */
    private static StructureDraft validate(StructureDraft draft, @Nullable Structure stored) {
        List<Violation> violations = new ArrayList<>();
        String name = strip(draft.name());
        String departement = strip(draft.departement());
        String commune = strip(draft.commune());
        String siret = strip(draft.siret());
        if (siret != null) {
            siret = siret.replace(" ", "");
        }
        if (name == null || name.length() > 200) {
            violations.add(new Violation("name", "organisation.name.invalid"));
        }
        if (draft.kind() == null) {
            violations.add(new Violation("kind", "organisation.structure.kind.required"));
        }
        if (departement == null || !departement.toUpperCase(Locale.ROOT).matches(DEPARTEMENT)) {
            violations.add(new Violation("departement", "organisation.departement.invalid"));
        }
        if (commune == null || commune.length() > 120) {
            violations.add(new Violation("commune", "organisation.structure.commune.invalid"));
        }
        if (draft.agrementStart() != null && !Dates.isPlausible(draft.agrementStart())) {
            violations.add(new Violation("agrementStart", "web.date.outOfRange"));
        }
        if (draft.agrementEnd() != null && !Dates.isPlausible(draft.agrementEnd())) {
            violations.add(new Violation("agrementEnd", "web.date.outOfRange"));
        }
        else if (draft.agrementStart() != null && draft.agrementEnd() != null
                && draft.agrementEnd().isBefore(draft.agrementStart())) {
            violations.add(new Violation("agrementEnd", "organisation.structure.agrementEnd.beforeStart"));
        }
        if (siret != null && !Siret.isValid(siret)) {
            violations.add(new Violation("siret", "organisation.structure.siret.invalid"));
        }
        String employmentCompany = strip(draft.employmentCompany());
        if (draft.employmentCompany() != null && !draft.employmentCompany().isBlank()
                && (employmentCompany == null || employmentCompany.length() > 200)) {
            violations.add(new Violation("employmentCompany", "organisation.structure.employmentCompany.invalid"));
        }
        if (draft.habilitationDate() != null && !Dates.isPlausible(draft.habilitationDate())) {
            violations.add(new Violation("habilitationDate", "web.date.outOfRange"));
        }
        BigDecimal rate = draft.volunteerHourlyRate() == null ? DEFAULT_VOLUNTEER_HOURLY_RATE
                : draft.volunteerHourlyRate();
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(1000)) > 0) {
            violations.add(new Violation("volunteerHourlyRate", "organisation.structure.hourlyRate.invalid"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        // The kind takes only its own fields from the form: the CAF's agrément and mode de gestion for
        // centres sociaux and EVS, the entreprise à but d'emploi and habilitation for a Territoire zéro
        // chômeur; the others stay as stored (hidden, never shown nor used for this kind).
        boolean caf = draft.kind().agreedByCaf();
        boolean territory = draft.kind().zeroUnemploymentTerritory();
        return new StructureDraft(name, draft.kind(), departement.toUpperCase(Locale.ROOT), commune,
                caf ? draft.agrementStart() : stored == null ? null : stored.agrementStart(),
                caf ? draft.agrementEnd() : stored == null ? null : stored.agrementEnd(),
                caf ? draft.managementMode() : stored == null ? null : stored.managementMode(),
                draft.territoryType(), draft.priorityNeighbourhood(), siret, rate.setScale(2, RoundingMode.HALF_UP),
                territory ? employmentCompany : stored == null ? null : stored.employmentCompany(),
                territory ? draft.habilitationDate() : stored == null ? null : stored.habilitationDate());
    }

    /** Stripped text, null when blank or when it holds control characters (the field's rule then refuses it). */
    private static @Nullable String strip(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.isEmpty() || Texts.hasControlCharacters(stripped) ? null : stripped;
    }
}
