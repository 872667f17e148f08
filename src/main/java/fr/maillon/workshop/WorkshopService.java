package fr.maillon.workshop;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.account.Secrets;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.DiagramService;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.LinkDraft;
import fr.maillon.chain.TargetNames;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;
import fr.maillon.workshop.internal.WorkshopRepository;

/**
 * Workshops of an evaluation. Its editors open, run and close them (the facilitator's side); anyone
 * with a workshop's code joins it while it is open and posts cards as the participant her browser's
 * secret names; the projector reads the shown cards with the projector link. Hidden cards never
 * reach the chain: a hidden card cannot be placed, a placed card cannot be hidden.
 */
@Service
public class WorkshopService {

    /** The join code's letters: no 0/O, 1/I to misread on a projected screen. */
    private static final String CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public static final int CODE_LENGTH = 6;
    public static final int MAX_TITLE = 120;
    public static final int MAX_CARD_TEXT = 280;
    public static final int MIN_DURATION_MINUTES = 15;
    public static final int MAX_DURATION_MINUTES = 12 * 60;
    public static final int DEFAULT_DURATION_MINUTES = 3 * 60;
    public static final int MAX_CARD_LIMIT = 50;
    public static final int DEFAULT_CARD_LIMIT = 15;
    /** A hall holds a few dozen people; a workshop refuses participants beyond this. */
    public static final int MAX_PARTICIPANTS = 500;
    /** How many of a workshop's last changes a live view's request sends again (changes committed late). */
    private static final long CHANGE_OVERLAP = 50;
    /** The projector link shows the workshop until this long after it ended, then only says it is over. */
    public static final Duration PROJECTOR_AFTER_END = Duration.ofDays(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WorkshopRepository workshops;
    private final EvaluationService evaluations;
    private final ChainService chain;
    private final DiagramService diagrams;
    private final AccessPolicy access;
    private final Clock clock;

    WorkshopService(WorkshopRepository workshops, EvaluationService evaluations, ChainService chain,
            DiagramService diagrams, AccessPolicy access, Clock clock) {
        this.workshops = workshops;
        this.evaluations = evaluations;
        this.chain = chain;
        this.diagrams = diagrams;
        this.access = access;
        this.clock = clock;
    }

    // --- the facilitator's side (an editor of the evaluation's structure) ---------------------------

    /** Opens a workshop on the evaluation, with a new join code and projector link. */
    @Transactional
    public Workshop open(long evaluationId, WorkshopDraft draft) {
        Evaluation evaluation = editable(evaluationId);
        List<Violation> violations = new ArrayList<>();
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty()) {
            violations.add(new Violation("title", "workshop.title.required"));
        }
        else if (title.length() > MAX_TITLE || Texts.hasControlCharacters(title) || title.contains("\n")) {
            violations.add(new Violation("title", "workshop.title.invalid", MAX_TITLE));
        }
        int duration = draft.durationMinutes() == null ? DEFAULT_DURATION_MINUTES : draft.durationMinutes();
        if (duration < MIN_DURATION_MINUTES || duration > MAX_DURATION_MINUTES) {
            violations.add(new Violation("durationMinutes", "workshop.duration.invalid", MIN_DURATION_MINUTES,
                    MAX_DURATION_MINUTES / 60));
        }
        int cardLimit = draft.cardLimit() == null ? DEFAULT_CARD_LIMIT : draft.cardLimit();
        if (cardLimit < 1 || cardLimit > MAX_CARD_LIMIT) {
            violations.add(new Violation("cardLimit", "workshop.cardLimit.invalid", MAX_CARD_LIMIT));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        Instant now = clock.instant();
        return insert(evaluation, title, now, now.plus(Duration.ofMinutes(duration)), null, cardLimit);
    }

    /** A new workshop row with a new join code (drawn again on the rare clash) and projector link. */
    private Workshop insert(Evaluation evaluation, String title, Instant openedAt, Instant closesAt,
            @Nullable Instant closedAt, int cardLimit) {
        for (int attempt = 0;; attempt++) {
            try {
                long id = workshops.insert(evaluation.structureId(), evaluation.id(), title, newCode(),
                        Secrets.newSecret(""), openedAt, closesAt, closedAt, cardLimit, access.currentUserId());
                return workshops.find(id).orElseThrow();
            }
            catch (DuplicateKeyException ex) {
                if (attempt == 4) {
                    throw ex;
                }
            }
        }
    }

    /** The workshops of an evaluation the caller may read, the latest first. */
    public List<Workshop> workshops(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        return workshops.findByEvaluation(evaluation.structureId(), evaluationId);
    }

    /** A workshop, for an editor of its structure (404 for others). */
    public Workshop workshop(long workshopId) {
        Workshop workshop = workshops.find(workshopId).orElseThrow(() -> new WorkshopNotFoundException(workshopId));
        if (!access.hasStructureRole(workshop.structureId(), Role.STRUCTURE_EDITOR)) {
            throw new WorkshopNotFoundException(workshopId);
        }
        return workshop;
    }

    @Transactional
    public void close(long workshopId) {
        workshops.close(workshop(workshopId).id(), clock.instant());
    }

    /** All the cards, hidden and merged ones too, in the order they were posted. */
    public List<Card> cards(long workshopId) {
        return workshops.cards(workshop(workshopId).id());
    }

    /** What changed since {@code after} (0: everything), for the facilitator's live view. */
    public CardChanges changes(long workshopId, long after) {
        return changes(workshop(workshopId), after, false);
    }

    /** A card the facilitator writes herself (one a participant said aloud). */
    @Transactional
    public long addCard(long workshopId, CardDraft draft) {
        Workshop workshop = workshop(workshopId);
        CardDraft card = validate(draft);
        return workshops.insertFacilitatorCard(workshop, card.kind(), card.target(), card.text(), card.consent(),
                clock.instant());
    }

    @Transactional
    public void editCard(long workshopId, long cardId, CardDraft draft) {
        Workshop workshop = workshop(workshopId);
        Card stored = lockedCard(workshop, cardId);
        CardDraft card = validate(draft);
        if (stored.placed() && card.kind() != stored.kind()) {
            throw new RuleViolationException("kind", "workshop.card.kindPlaced");
        }
        workshops.updateCard(workshop.id(), cardId, card.kind(), card.target(), card.text(), card.consent());
    }

    /** Hides a card from all views (it never reaches the chain), or shows it again. */
    @Transactional
    public void hideCard(long workshopId, long cardId, boolean hidden) {
        Workshop workshop = workshop(workshopId);
        Card card = lockedCard(workshop, cardId);
        if (hidden && card.placed()) {
            throw new RuleViolationException("card", "workshop.card.hidePlaced");
        }
        workshops.setState(workshop.id(), cardId, hidden ? CardState.HIDDEN : CardState.SHOWN);
    }

    /** Merges a duplicate into the card that stays: its dots and its place in the chain go with it. */
    @Transactional
    public void mergeCards(long workshopId, long keptId, long mergedId) {
        Workshop workshop = workshop(workshopId);
        // both rows locked, in id order: two opposite merges at once cannot both pass
        Card first = lockedCard(workshop, Math.min(keptId, mergedId));
        Card second = lockedCard(workshop, Math.max(keptId, mergedId));
        Card kept = first.id() == keptId ? first : second;
        Card merged = first.id() == keptId ? second : first;
        if (merged.state() == CardState.MERGED && Long.valueOf(keptId).equals(merged.mergedIntoId())) {
            return; // a second click on « Fusionner »: already done
        }
        if (keptId == mergedId || !kept.shown() || !merged.shown() || kept.kind() != merged.kind()) {
            throw new RuleViolationException("card", "workshop.card.mergeRefused");
        }
        if (kept.placed() && merged.placed() && !kept.elementId().equals(merged.elementId())) {
            throw new RuleViolationException("card", "workshop.card.mergeTwoPlaced");
        }
        workshops.merge(workshop.id(), keptId, mergedId);
    }

    /**
     * Places a shown card into the chain as an element of its kind (an effect keeps the card's
     * target unless the draft names another), marked as coming from this workshop.
     */
    @Transactional
    public long placeCard(long workshopId, long cardId, ChainElementDraft draft) {
        Workshop workshop = workshop(workshopId);
        Card card = lockedCard(workshop, cardId);
        if (!card.shown() || card.placed() || card.kind().elementKind() == null) {
            throw new RuleViolationException("card", "workshop.card.placeRefused");
        }
        ChainElementDraft element = new ChainElementDraft(card.kind().elementKind(), draft.name(),
                draft.description(), draft.resourceKind(), draft.providerId(), draft.quantity(), draft.unit(),
                draft.valueEur(), draft.activityType(), draft.supportCategory(),
                draft.target() == null ? card.target() : draft.target(), draft.dimensionId());
        long elementId = chain.addElement(workshop.evaluationId(), element);
        workshops.setElement(workshop.id(), cardId, elementId);
        return elementId;
    }

    /** Draws a link of the chain during the workshop, marked as coming from it. */
    @Transactional
    public long addLink(long workshopId, LinkDraft draft) {
        Workshop workshop = workshop(workshopId);
        long linkId = chain.addLink(workshop.evaluationId(), draft);
        workshops.insertLink(workshop, linkId);
        return linkId;
    }

    /** What each workshop of the evaluation leaves, for those who may read the evaluation, the latest first. */
    public List<WorkshopTrace> traces(long evaluationId) {
        return workshops(evaluationId).stream().map(this::trace).toList();
    }

    private WorkshopTrace trace(Workshop workshop) {
        int[] counts = workshops.cardCounts(workshop.id());
        return new WorkshopTrace(workshop, workshop.duration(clock.instant()),
                workshops.participantsByRole(workshop.id()), counts[0], counts[1], counts[2]);
    }

    /**
     * The names of the chain elements placed from the cards of participants of this role in a workshop whose trace
     * the caller read (see {@link #traces}): hidden cards never count.
     */
    public List<String> elementsPlacedFrom(WorkshopTrace trace, ParticipantRole role) {
        return workshops.elementsPlacedFrom(trace.workshop().id(), role);
    }

    // --- the exchange format -----------------------------------------------------------------------

    /**
     * The evaluation's workshops as the exchange format carries them, the first first, for the structure's members
     * (others get none: the cards are the participants' words). Hidden cards are left out, their number kept; so is a
     * card merged into a card since hidden.
     */
    public List<WorkshopArchive> archives(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        if (!access.isMember(evaluation.structureId())) {
            return List.of();
        }
        List<WorkshopArchive> archives = new ArrayList<>();
        List<Workshop> list = new ArrayList<>(workshops.findByEvaluation(evaluation.structureId(), evaluationId));
        Collections.reverse(list);
        for (Workshop workshop : list) {
            List<Card> cards = workshops.cards(workshop.id());
            Map<Long, Card> byId = new HashMap<>();
            cards.forEach(card -> byId.put(card.id(), card));
            // refs numbered in the order cards were posted, so that two exports of the same workshop read the same
            Map<Long, String> refs = new HashMap<>();
            List<Card> exported = new ArrayList<>();
            for (Card card : cards) {
                Card into = card.mergedIntoId() == null ? null : byId.get(card.mergedIntoId());
                if (card.state() == CardState.HIDDEN
                        || (card.state() == CardState.MERGED && (into == null || !into.shown()))) {
                    continue;
                }
                exported.add(card);
                refs.put(card.id(), "c" + exported.size());
            }
            List<WorkshopArchive.ArchivedCard> kept = exported.stream().map(card -> new WorkshopArchive.ArchivedCard(
                    refs.get(card.id()), card.kind(), card.target(), card.text(), card.state(), card.role(), card.dots(),
                    card.elementId(), card.state() == CardState.MERGED ? refs.get(card.mergedIntoId()) : null))
                    .toList();
            int hidden = cards.size() - exported.size();
            archives.add(new WorkshopArchive(workshop.title(), workshop.openedAt(), workshop.closesAt(),
                    workshop.closedAt(), workshop.cardLimit(), workshops.participantsByRole(workshop.id()), kept,
                    hidden, workshops.linkIds(workshop.id())));
        }
        return archives;
    }

    /**
     * Writes an exchanged workshop into the evaluation, closed, with a fresh join code and projector link: anonymous
     * participants rebuilt from the counts by role (each card given to one of its role, each dot to a different
     * participant), its cards, their places in the chain, and the links drawn during it ({@code elementIds} and
     * {@code linkIds} hold the chain's ids the archive's cards and links were checked against by the caller). Hidden
     * cards come back as hidden cards without their text. Refused with every problem, each named by its field
     * ({@code title}, {@code cards[2].text}…).
     */
    @Transactional
    public long restore(long evaluationId, WorkshopArchive archive) {
        Evaluation evaluation = editable(evaluationId);
        List<Violation> violations = new ArrayList<>();
        String title = archive.title() == null ? "" : archive.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE || Texts.hasControlCharacters(title)
                || title.contains("\n")) {
            violations.add(new Violation("title", "workshop.title.invalid", MAX_TITLE));
        }
        if (!archive.openedAt().isBefore(archive.closesAt())) {
            violations.add(new Violation("closesAt", "workshop.restore.closesAt"));
        }
        if (archive.closedAt() != null && archive.closedAt().isBefore(archive.openedAt())) {
            violations.add(new Violation("closedAt", "workshop.restore.closedAt"));
        }
        if (archive.cardLimit() < 1 || archive.cardLimit() > MAX_CARD_LIMIT) {
            violations.add(new Violation("cardLimit", "workshop.cardLimit.invalid", MAX_CARD_LIMIT));
        }
        int participantCount = 0;
        for (var entry : archive.participants().entrySet()) {
            if (entry.getValue() < 0) {
                violations.add(new Violation("participants." + entry.getKey(), "workshop.restore.count"));
            }
            participantCount += Math.max(0, entry.getValue());
        }
        if (participantCount > MAX_PARTICIPANTS) {
            violations.add(new Violation("participants", "workshop.full", MAX_PARTICIPANTS));
        }
        if (archive.hiddenCards() < 0 || archive.hiddenCards() + archive.cards().size() > MAX_PARTICIPANTS * MAX_CARD_LIMIT) {
            violations.add(new Violation("hiddenCards", "workshop.restore.count"));
        }
        Map<String, WorkshopArchive.ArchivedCard> byRef = new HashMap<>();
        for (int i = 0; i < archive.cards().size(); i++) {
            WorkshopArchive.ArchivedCard card = archive.cards().get(i);
            String path = "cards[" + i + "]";
            if (byRef.putIfAbsent(card.ref(), card) != null) {
                violations.add(new Violation(path + ".ref", "workshop.restore.ref"));
            }
            try {
                validate(new CardDraft(card.kind(), card.target(), card.text(), card.kind() == CardKind.TESTIMONY));
                if (card.kind() != CardKind.EFFECT && card.target() != null) {
                    violations.add(new Violation(path + ".target", "workshop.restore.target"));
                }
            }
            catch (RuleViolationException ex) {
                ex.violations().forEach(violation -> violations.add(new Violation(path + "." + violation.field(),
                        violation.code(), violation.arguments())));
            }
            if (card.state() == CardState.HIDDEN) {
                violations.add(new Violation(path + ".state", "workshop.restore.hidden"));
            }
            if (card.role() != null && archive.participants().getOrDefault(card.role(), 0) <= 0) {
                violations.add(new Violation(path + ".role", "workshop.restore.role"));
            }
            if (card.dots() < 0 || card.dots() > participantCount) {
                violations.add(new Violation(path + ".dots", "workshop.restore.dots", participantCount));
            }
            if (card.elementId() != null && card.kind() == CardKind.TESTIMONY) {
                violations.add(new Violation(path + ".element", "workshop.card.placeRefused"));
            }
        }
        for (int i = 0; i < archive.cards().size(); i++) {
            WorkshopArchive.ArchivedCard card = archive.cards().get(i);
            String path = "cards[" + i + "]";
            WorkshopArchive.ArchivedCard into = card.mergedInto() == null ? null : byRef.get(card.mergedInto());
            if ((card.state() == CardState.MERGED) != (card.mergedInto() != null)) {
                violations.add(new Violation(path + ".mergedInto", "workshop.restore.merged"));
            }
            else if (card.mergedInto() != null && (into == null || into == card || into.state() != CardState.SHOWN)) {
                violations.add(new Violation(path + ".mergedInto", "workshop.restore.mergedInto", card.mergedInto()));
            }
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        Instant now = clock.instant();
        // closed: by the document's hand, by its time, or now
        Instant closedAt = archive.closedAt() != null ? archive.closedAt()
                : archive.closesAt().isAfter(now) ? (now.isAfter(archive.openedAt()) ? now : archive.closesAt()) : null;
        Workshop workshop = insert(evaluation, title, archive.openedAt(), archive.closesAt(), closedAt,
                archive.cardLimit());
        Map<ParticipantRole, List<Long>> byRole = new EnumMap<>(ParticipantRole.class);
        List<Long> everyone = new ArrayList<>();
        for (ParticipantRole role : ParticipantRole.values()) {
            for (int i = 0; i < archive.participants().getOrDefault(role, 0); i++) {
                long participant = workshops.insertRestoredParticipant(workshop,
                        Secrets.sha256(Secrets.newSecret("")), role, archive.openedAt());
                byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(participant);
                everyone.add(participant);
            }
        }
        Map<ParticipantRole, Integer> turns = new EnumMap<>(ParticipantRole.class);
        Map<String, Long> cardIds = new HashMap<>();
        // in the document's order, each card given in turn to a participant of its role; merged ones pointed after
        for (WorkshopArchive.ArchivedCard card : archive.cards()) {
            Long participant = null;
            if (card.role() != null) {
                List<Long> ofRole = byRole.get(card.role());
                participant = ofRole.get((turns.merge(card.role(), 1, Integer::sum) - 1) % ofRole.size());
            }
            long cardId = workshops.insertRestoredCard(workshop, participant, card.kind(),
                    card.kind() == CardKind.EFFECT ? card.target() : null, card.text().strip(), CardState.SHOWN, null,
                    card.elementId(), archive.openedAt());
            cardIds.put(card.ref(), cardId);
            for (int i = 0; i < card.dots(); i++) {
                workshops.insertDot(workshop, cardId, everyone.get(i));
            }
        }
        for (WorkshopArchive.ArchivedCard card : archive.cards()) {
            if (card.mergedInto() != null) {
                workshops.restoreMerged(workshop.id(), cardIds.get(card.ref()), cardIds.get(card.mergedInto()));
            }
        }
        workshops.insertRestoredHiddenCards(workshop, archive.hiddenCards(), HIDDEN_CARD_TEXT, archive.openedAt());
        for (long linkId : archive.linkIds()) {
            workshops.insertLink(workshop, linkId);
        }
        return workshop.id();
    }

    /** What an imported hidden card says: its text never left the structure that hid it. */
    public static final String HIDDEN_CARD_TEXT = "—";

    // --- the participants' side (anyone with the code) ---------------------------------------------

    /** The workshop of a join code, open or not (its page says when it ended). */
    public Workshop byCode(String code) {
        String normalized = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!normalized.matches("[A-Z2-9]{" + CODE_LENGTH + "}")) {
            throw new WorkshopNotFoundException(code);
        }
        return workshops.findByCode(normalized).orElseThrow(() -> new WorkshopNotFoundException(code));
    }

    /** Joins an open workshop with a role; the secret returned is kept by the browser. */
    @Transactional
    public JoinedParticipant join(String code, @Nullable ParticipantRole role) {
        Workshop workshop = openByCode(code);
        if (role == null) {
            throw new RuleViolationException("role", "workshop.role.required");
        }
        String secret = Secrets.newSecret("");
        long id = workshops.insertParticipant(workshop, Secrets.sha256(secret), role, clock.instant(), MAX_PARTICIPANTS)
                .orElseThrow(() -> new RuleViolationException("role", "workshop.full", MAX_PARTICIPANTS));
        return new JoinedParticipant(new Participant(id, workshop.id(), role, 0), secret);
    }

    /** The participant a browser's secret names in this workshop, if any. */
    public Optional<Participant> participant(Workshop workshop, @Nullable String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 100) {
            return Optional.empty();
        }
        return workshops.findParticipant(workshop.id(), Secrets.sha256(secret));
    }

    /**
     * Posts a participant's card. A resend of the same submission stores nothing more and is
     * acknowledged as the first; a card past the workshop's limit per participant is refused.
     */
    public void post(String code, @Nullable String secret, UUID submissionKey, CardDraft draft) {
        post(byCode(code), secret, submissionKey, draft);
    }

    /**
     * Posts a participant's card to a workshop just read by its code: one statement finds her by
     * her secret, checks her limit and stores the card; why nothing was stored is read only then.
     */
    public void post(Workshop workshop, @Nullable String secret, UUID submissionKey, CardDraft draft) {
        if (!workshop.isOpen(clock.instant())) {
            throw new RuleViolationException("code", "workshop.closed");
        }
        CardDraft card = validate(draft);
        if (secret == null || secret.isEmpty() || secret.length() > 100) {
            throw new RuleViolationException("participant", "workshop.participant.unknown");
        }
        Optional<Long> id = workshops.insertParticipantCard(workshop, Secrets.sha256(secret), submissionKey,
                card.kind(), card.target(), card.text(), card.consent(), clock.instant());
        if (id.isEmpty() && !workshops.hasSubmission(workshop.id(), submissionKey)) {
            if (participant(workshop, secret).isEmpty()) {
                throw new RuleViolationException("participant", "workshop.participant.unknown");
            }
            throw new RuleViolationException("text", "workshop.card.limit", workshop.cardLimit());
        }
    }

    /** Puts the participant's dot on a shown card, or takes it off. */
    @Transactional
    public void dot(String code, @Nullable String secret, long cardId) {
        Workshop workshop = openByCode(code);
        Participant participant = participant(workshop, secret)
                .orElseThrow(() -> new RuleViolationException("participant", "workshop.participant.unknown"));
        if (!workshops.toggleDot(workshop.id(), cardId, participant.id(), workshop.structureId())) {
            throw new RuleViolationException("card", "workshop.card.unknown");
        }
    }

    /** The cards a participant dotted. */
    public List<Long> dottedBy(Participant participant) {
        return workshops.dottedBy(participant.id());
    }

    /** The shown cards of a workshop, as participants and the projector see them. */
    public List<Card> shownCards(Workshop workshop) {
        return workshops.cards(workshop.id()).stream().filter(Card::shown).toList();
    }

    /** The names of the workshop's evaluation's three targets, for a participant's card form (no sign-in needed). */
    public TargetNames targetNames(Workshop workshop, Locale locale) {
        return evaluations.targetNamesUnchecked(workshop.structureId(), workshop.evaluationId(), locale);
    }

    // --- the projector (anyone with its link) ------------------------------------------------------

    public Workshop projected(String projectorToken) {
        if (projectorToken == null || !projectorToken.matches("[A-Za-z0-9_-]{20,64}")) {
            throw new WorkshopNotFoundException("projector");
        }
        return workshops.findByProjectorToken(projectorToken)
                .orElseThrow(() -> new WorkshopNotFoundException("projector"));
    }

    /** What changed since {@code after}: a card no longer shown comes without its text, for the view to remove it. */
    public CardChanges projectorChanges(String projectorToken, long after) {
        return changes(projecting(projectorToken), after, true);
    }

    /** Whether the projector link still shows the workshop: until {@link #PROJECTOR_AFTER_END} after it ended. */
    public boolean projectorShows(Workshop workshop) {
        return clock.instant().isBefore(workshop.end().plus(PROJECTOR_AFTER_END));
    }

    /** The value-chain diagram of the workshop's evaluation, as the projector shows it (that one diagram only). */
    public String projectorDiagram(String projectorToken, Locale locale) {
        Workshop workshop = projecting(projectorToken);
        return diagrams.projectedSvg(workshop.structureId(), workshop.evaluationId(), locale);
    }

    /** A workshop the projector link still shows (404 once it is over, see {@link #projectorShows}). */
    private Workshop projecting(String projectorToken) {
        Workshop workshop = projected(projectorToken);
        if (!projectorShows(workshop)) {
            throw new WorkshopNotFoundException("projector");
        }
        return workshop;
    }

    // --- rules -------------------------------------------------------------------------------------

    private CardChanges changes(Workshop workshop, long after, boolean publicView) {
        List<Card> changed = workshops.changedSince(workshop.id(), Math.max(0, after), CHANGE_OVERLAP);
        long next = changed.stream().mapToLong(Card::changed).max().orElse(Math.max(0, after));
        if (publicView) {
            changed = changed.stream().map(card -> card.shown() ? card
                    : new Card(card.id(), card.workshopId(), null, null, card.kind(), null, "", false, card.state(),
                            card.mergedIntoId(), null, card.postedAt(), card.changed(), 0))
                    .toList();
        }
        return new CardChanges(changed, Math.max(next, after));
    }

    private Workshop openByCode(String code) {
        Workshop workshop = byCode(code);
        if (!workshop.isOpen(clock.instant())) {
            throw new RuleViolationException("code", "workshop.closed");
        }
        return workshop;
    }

    /** A card, its row locked until the transaction ends: a double click or a co-facilitator waits for the first change. */
    private Card lockedCard(Workshop workshop, long cardId) {
        return workshops.findCardForUpdate(workshop.id(), cardId)
                .orElseThrow(() -> new RuleViolationException("card", "workshop.card.unknown"));
    }

    private Evaluation editable(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        return evaluation;
    }

    private static CardDraft validate(CardDraft draft) {
        List<Violation> violations = new ArrayList<>();
        String text = draft.text() == null ? "" : draft.text().strip();
        if (draft.kind() == null) {
            violations.add(new Violation("kind", "workshop.card.kind.required"));
        }
        if (text.isEmpty()) {
            violations.add(new Violation("text", "workshop.card.text.required"));
        }
        else if (text.length() > MAX_CARD_TEXT) {
            violations.add(new Violation("text", "workshop.card.text.tooLong", MAX_CARD_TEXT, text.length()));
        }
        else if (Texts.hasControlCharacters(text)) {
            violations.add(new Violation("text", "workshop.card.text.invalid"));
        }
        if (draft.kind() == CardKind.EFFECT && draft.target() == null) {
            violations.add(new Violation("target", "workshop.card.target.required"));
        }
        if (draft.kind() == CardKind.TESTIMONY && !draft.consent()) {
            violations.add(new Violation("consent", "workshop.card.consent.required"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return new CardDraft(draft.kind(), draft.kind() == CardKind.EFFECT ? draft.target() : null,
                text.replace("\r\n", "\n"), draft.kind() == CardKind.TESTIMONY && draft.consent());
    }

    private static String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(CODE_LETTERS.charAt(RANDOM.nextInt(CODE_LETTERS.length())));
        }
        return code.toString();
    }
}
