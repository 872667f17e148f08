package fr.maillon.network;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.account.Secrets;
import fr.maillon.chain.EvaluationService;
import fr.maillon.network.internal.ProgrammeRepository;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Membership;
import fr.maillon.organisation.Organisation;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.Share;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;

/**
 * Programmes: a network's member creates one (she becomes its member, her network runs it); it invites structures by
 * one-time links, which its members may withdraw until used; a structure's admin joins, chooses what to share with it
 * (one evaluation or all), and may leave, which ends every share with it; its members may also remove a structure
 * from the cohort, with the same effect, which the structure's members then read. Its milestones are dated steps of
 * the method.
 */
@Service
public class ProgrammeService {

    public static final Duration INVITATION_VALIDITY = Duration.ofDays(30);
    private static final int MAXIMUM_MILESTONES = 24;

    /** What a structure shares when it joins: nothing yet, every evaluation, or one. */
    public static final String SHARE_NOTHING = "NONE";
    public static final String SHARE_ALL = "ALL";

    /** A milestone as the API sends it: its step's name and its day (yyyy-MM-dd) as text, checked here. */
    public record MilestoneDraft(@Nullable String label, @Nullable String step, @Nullable String dueOn) {
    }

    private final AccessPolicy access;
    private final OrganisationService organisations;
    private final EvaluationService evaluations;
    private final ProgrammeRepository programmes;
    private final ProgressService progress;
    private final WorkshopKits kits;
    private final Clock clock;

    ProgrammeService(AccessPolicy access, OrganisationService organisations, EvaluationService evaluations,
            ProgrammeRepository programmes, ProgressService progress, WorkshopKits kits, Clock clock) {
        this.access = access;
        this.organisations = organisations;
        this.evaluations = evaluations;
        this.programmes = programmes;
        this.progress = progress;
        this.kits = kits;
        this.clock = clock;
    }

    /** The programmes a network runs, for its members. */
    @Transactional(readOnly = true)
    public List<Programme> runBy(long organisationId) {
        access.requireNetworkMember(organisationId);
        return programmes.runBy(organisationId);
    }

    /** A member of {@code networkId} creates a programme her network runs; she becomes its member. */
    @Transactional
    public long create(long networkId, @Nullable String name, @Nullable String description) {
        access.requireNetworkMember(networkId);
        Organisation network = organisations.organisation(networkId);
        List<Violation> violations = new ArrayList<>();
        String cleanName = clean(name);
        String cleanDescription = clean(description);
        if (cleanName == null || cleanName.length() > 200) {
            violations.add(new Violation("name", "network.programme.name.invalid"));
        }
        if (description != null && !description.isBlank()
                && (cleanDescription == null || cleanDescription.length() > 2000)) {
            violations.add(new Violation("description", "network.programme.description.invalid"));
        }
        if (network.type() == OrganisationType.STRUCTURE) {
            violations.add(new Violation("", "network.programme.network.invalid"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        long userId = access.currentUserId();
        long programmeId = organisations.createProgrammeUnchecked(cleanName);
        programmes.insert(programmeId, networkId, cleanDescription == null ? "" : cleanDescription, userId);
        organisations.addMemberUnchecked(programmeId, userId, Role.PROGRAMME_MEMBER);
        return programmeId;
    }

    /** A programme's page, for its members. */
    @Transactional(readOnly = true)
    public ProgrammePage page(long programmeId) {
        access.requireNetworkMember(programmeId);
        Programme programme = programme(programmeId);
        return new ProgrammePage(programme, progress.progress(programmeId, ProgressQuery.ALL),
                programmes.pending(programmeId, clock.instant()), kits.all(), programmes.cohort(programmeId));
    }

    // --- invitations --------------------------------------------------------------------------

    @Transactional
    public IssuedProgrammeInvitation invite(long programmeId, @Nullable String invitee) {
        access.requireNetworkMember(programmeId);
        programme(programmeId);
        String name = clean(invitee);
        if (name == null || name.length() > 120) {
            throw new RuleViolationException("invitee", "network.programme.invitee.invalid");
        }
        String token = Secrets.newSecret("");
        Instant now = clock.instant();
        Instant expiresAt = now.plus(INVITATION_VALIDITY);
        long id = programmes.insertInvitation(programmeId, name, Secrets.sha256(token), access.currentUserId(), now,
                expiresAt);
        return new IssuedProgrammeInvitation(new ProgrammeInvitation(id, name, expiresAt.atOffset(ZoneOffset.UTC)),
                token);
    }

    /**
     * Withdraws a link not used yet (the programme's members): it stops working at once, and says it was withdrawn
     * when opened. 404 for a link used already, withdrawn already, expired, or of another programme.
     */
    @Transactional
    public void cancelInvitation(long programmeId, long invitationId) {
        access.requireNetworkMember(programmeId);
        programme(programmeId);
        if (!programmes.cancelInvitation(programmeId, invitationId, access.currentUserId(), clock.instant())) {
            throw new NotFoundException("network.programme.invitation.pendingNotFound", invitationId);
        }
    }

    /** What a link offers the signed-in person: the programme, and the structures she administers (404 if unusable). */
    @Transactional(readOnly = true)
    public ProgrammeOffer offer(String token) {
        long programmeId = usable(token);
        Programme programme = programme(programmeId);
        Set<Long> joined = new java.util.HashSet<>();
        List<ProgrammeOffer.Choice> choices = new ArrayList<>();
        for (Membership membership : administered()) {
            long structureId = membership.organisationId();
            if (programmes.joinedBy(structureId).stream().anyMatch(found -> found.programmeId() == programmeId)) {
                joined.add(structureId);
            }
            choices.add(new ProgrammeOffer.Choice(structureId, membership.organisationName(),
                    joined.contains(structureId), evaluations.evaluations(structureId).stream()
                            .map(evaluation -> new ProgrammeOffer.Option(evaluation.id(), evaluation.title()))
                            .toList()));
        }
        return new ProgrammeOffer(programme, choices);
    }

    /**
     * The structure joins the programme through the link (used once), and shares {@code share}: {@link #SHARE_ALL},
     * {@link #SHARE_NOTHING}, or one evaluation's id.
     */
    @Transactional
    public long join(String token, long structureId, @Nullable String share) {
        access.requireStructureRole(structureId, Role.STRUCTURE_ADMIN);
        Long evaluationId = null;
        boolean sharing = true;
        String choice = share == null ? SHARE_NOTHING : share.strip();
        if (choice.equals(SHARE_NOTHING)) {
            sharing = false;
        }
        else if (!choice.equals(SHARE_ALL)) {
            if (!choice.matches("[0-9]{1,18}")) {
                throw new RuleViolationException("share", "network.programme.share.invalid");
            }
            evaluationId = Long.parseLong(choice);
        }
        long programmeId = usable(token);
        String hash = Secrets.sha256(token);
        if (!programmes.accept(hash, structureId, access.currentUserId(), clock.instant())) {
            throw new ProgrammeInvitationUnusableException(programmes.withdrawn(hash));
        }
        programmes.join(programmeId, structureId, access.currentUserId(), clock.instant());
        programmes.forgetRemoval(programmeId, structureId);
        if (sharing) {
            evaluations.share(structureId, evaluationId, programmeId);
        }
        return programmeId;
    }

    /** The programmes a structure joined, for its members. */
    @Transactional(readOnly = true)
    public List<JoinedProgramme> joined(long structureId) {
        access.requireStructureRole(structureId, Role.STRUCTURE_VIEWER);
        return programmes.joinedBy(structureId);
    }

    /** The programmes that removed the structure from their cohort, for its members. */
    @Transactional(readOnly = true)
    public List<ProgrammeRemoval> removals(long structureId) {
        access.requireStructureRole(structureId, Role.STRUCTURE_VIEWER);
        return programmes.removals(structureId);
    }

    /**
     * The programme's members remove a structure from its cohort: as when it leaves, every share it made with the
     * programme ends and it is no longer in the cohort; its members read that the programme removed it. 404 for a
     * structure not in the cohort.
     */
    @Transactional
    public void removeStructure(long programmeId, long structureId) {
        access.requireNetworkMember(programmeId);
        programme(programmeId);
        if (!programmes.leave(programmeId, structureId)) {
            throw new NotFoundException("network.programme.structure.notFound", structureId);
        }
        organisations.revokeSharesWithProgramme(structureId, programmeId);
        programmes.recordRemoval(programmeId, structureId, access.currentUserId(), clock.instant());
    }

    /** The structure leaves the programme: every share with it ends, and it is no longer in its cohort. */
    @Transactional
    public void leave(long programmeId, long structureId) {
        access.requireStructureRole(structureId, Role.STRUCTURE_ADMIN);
        if (!programmes.leave(programmeId, structureId)) {
            throw new NotFoundException("network.programme.notFound", programmeId);
        }
        for (Share share : organisations.shares(structureId)) {
            if (share.recipientId() == programmeId) {
                organisations.revokeShare(structureId, share.id());
            }
        }
    }

    // --- milestones ---------------------------------------------------------------------------

    @Transactional
    public long addMilestone(long programmeId, @Nullable String label, @Nullable ProgressStep step,
            @Nullable LocalDate dueOn) {
        access.requireNetworkMember(programmeId);
        programme(programmeId);
        String clean = clean(label);
        List<Violation> violations = new ArrayList<>(milestoneViolations("", clean, step, dueOn));
        if (programmes.countMilestones(programmeId) >= MAXIMUM_MILESTONES) {
            violations.add(new Violation("label", "network.programme.milestone.tooMany", MAXIMUM_MILESTONES));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return programmes.insertMilestone(programmeId, clean, step, dueOn);
    }

    /** A programme's milestones, by day, for its members. */
    @Transactional(readOnly = true)
    public List<ProgrammeMilestone> milestones(long programmeId) {
        access.requireNetworkMember(programmeId);
        programme(programmeId);
        return programmes.milestones(programmeId);
    }

    /**
     * The programme's milestones become exactly {@code drafts} (an empty list removes them all); one refused line
     * refuses them all, each refusal naming its line and field ({@code $[2].dueOn}), and nothing changes.
     */
    @Transactional
    public List<ProgrammeMilestone> replaceMilestones(long programmeId, @Nullable List<MilestoneDraft> drafts) {
        access.requireNetworkMember(programmeId);
        programme(programmeId);
        List<MilestoneDraft> given = drafts == null ? List.of() : drafts;
        List<Violation> violations = new ArrayList<>();
        if (given.size() > MAXIMUM_MILESTONES) {
            throw new RuleViolationException("$", "network.programme.milestones.tooMany", MAXIMUM_MILESTONES);
        }
        List<ProgrammeMilestone> checked = new ArrayList<>();
        for (int line = 0; line < given.size(); line++) {
            MilestoneDraft draft = given.get(line);
            String at = "$[" + line + "].";
            if (draft == null) {
                violations.add(new Violation("$[" + line + "]", "network.programme.milestones.line"));
                continue;
            }
            String label = clean(draft.label());
            ProgressStep step = java.util.Arrays.stream(ProgressStep.values())
                    .filter(found -> found.name().equals(draft.step())).findFirst().orElse(null);
            LocalDate dueOn = day(draft.dueOn());
            for (Violation violation : milestoneViolations(at, label, step, dueOn)) {
                violations.add(switch (violation.field().substring(at.length())) {
                    case "step" -> new Violation(violation.field(), "network.programme.milestones.step");
                    case "dueOn" -> new Violation(violation.field(), "network.programme.milestones.dueOn");
                    default -> violation;
                });
            }
            if (label != null && step != null && dueOn != null) {
                checked.add(new ProgrammeMilestone(0, label, step, dueOn));
            }
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        programmes.deleteMilestones(programmeId);
        checked.forEach(milestone -> programmes.insertMilestone(programmeId, milestone.label(), milestone.step(),
                milestone.dueOn()));
        return programmes.milestones(programmeId);
    }

    private static List<Violation> milestoneViolations(String at, @Nullable String label, @Nullable ProgressStep step,
            @Nullable LocalDate dueOn) {
        List<Violation> violations = new ArrayList<>();
        if (label == null || label.length() > 200) {
            violations.add(new Violation(at + "label", "network.programme.milestone.label.invalid"));
        }
        if (step == null) {
            violations.add(new Violation(at + "step", "network.programme.milestone.step.invalid"));
        }
        if (dueOn == null || dueOn.getYear() < 2000 || dueOn.getYear() > 2100) {
            violations.add(new Violation(at + "dueOn", "network.programme.milestone.dueOn.invalid"));
        }
        return violations;
    }

    /** A day written yyyy-MM-dd; anything else is none. */
    private static @Nullable LocalDate day(@Nullable String text) {
        if (text == null || text.isBlank() || text.strip().length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        }
        catch (java.time.format.DateTimeParseException ex) {
            return null;
        }
    }

    @Transactional
    public void deleteMilestone(long programmeId, long milestoneId) {
        access.requireNetworkMember(programmeId);
        if (!programmes.deleteMilestone(programmeId, milestoneId)) {
            throw new NotFoundException("network.programme.milestone.notFound", milestoneId);
        }
    }

    // --- kits ---------------------------------------------------------------------------------

    /** A step's workshop kit as a PDF, for the programme's members. */
    public byte[] kitPdf(long programmeId, String step) {
        access.requireNetworkMember(programmeId);
        programme(programmeId);
        return kits.pdf(kits.kit(step).orElseThrow(() -> new NotFoundException("network.kit.notFound", step)));
    }

    // --- helpers ------------------------------------------------------------------------------

    private Programme programme(long programmeId) {
        return programmes.card(programmeId)
                .orElseThrow(() -> new NotFoundException("network.programme.notFound", programmeId));
    }

    /** The programme a usable link invites into; else why it is not (withdrawn, or no longer valid). */
    private long usable(String token) {
        if (token.length() > 200) {
            throw new ProgrammeInvitationUnusableException(false);
        }
        String hash = Secrets.sha256(token);
        return programmes.usable(hash, clock.instant())
                .orElseThrow(() -> new ProgrammeInvitationUnusableException(programmes.withdrawn(hash)));
    }

    private List<Membership> administered() {
        return organisations.myMemberships().stream().filter(membership -> membership.role() == Role.STRUCTURE_ADMIN)
                .collect(Collectors.toList());
    }

    private static @Nullable String clean(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.isEmpty() || Texts.hasControlCharacters(stripped) ? null : stripped;
    }
}
