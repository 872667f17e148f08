package fr.maillon.workshop;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    /** How far back, in changes, a live view's request looks again (changes committed late). */
    private static final long CHANGE_OVERLAP = 200;
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
        for (int attempt = 0;; attempt++) {
            try {
                long id = workshops.insert(evaluation.structureId(), evaluationId, title, newCode(),
                        Secrets.newSecret(""), now, now.plus(Duration.ofMinutes(duration)), cardLimit,
                        access.currentUserId());
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
        card(workshop, cardId);
        CardDraft card = validate(draft);
        workshops.updateCard(workshop.id(), cardId, card.kind(), card.target(), card.text(), card.consent());
    }

    /** Hides a card from all views (it never reaches the chain), or shows it again. */
    @Transactional
    public void hideCard(long workshopId, long cardId, boolean hidden) {
        Workshop workshop = workshop(workshopId);
        Card card = card(workshop, cardId);
        if (hidden && card.placed()) {
            throw new RuleViolationException("card", "workshop.card.hidePlaced");
        }
        workshops.setState(workshop.id(), cardId, hidden ? CardState.HIDDEN : CardState.SHOWN);
    }

    /** Merges a duplicate into the card that stays: its dots and its place in the chain go with it. */
    @Transactional
    public void mergeCards(long workshopId, long keptId, long mergedId) {
        Workshop workshop = workshop(workshopId);
        Card kept = card(workshop, keptId);
        Card merged = card(workshop, mergedId);
        if (keptId == mergedId || !kept.shown() || merged.state() == CardState.MERGED) {
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
        Card card = card(workshop, cardId);
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
    @Transactional
    public void post(String code, @Nullable String secret, UUID submissionKey, CardDraft draft) {
        Workshop workshop = openByCode(code);
        Participant participant = participant(workshop, secret)
                .orElseThrow(() -> new RuleViolationException("participant", "workshop.participant.unknown"));
        CardDraft card = validate(draft);
        Optional<Long> id = workshops.insertParticipantCard(workshop, participant.id(), submissionKey, card.kind(),
                card.target(), card.text(), card.consent(), clock.instant());
        if (id.isEmpty() && !workshops.hasSubmission(workshop.id(), submissionKey)) {
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

    private Card card(Workshop workshop, long cardId) {
        return workshops.findCard(workshop.id(), cardId)
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
