package fr.maillon.workshop;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestClock;
import fr.maillon.TestUsers;
import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workshop's rules on PostgreSQL: joining, posting within limits, dots, merging, hiding, placing, the trace. */
@SpringBootTest
class WorkshopServiceTests {

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ChainService chains;

    @Autowired
    WorkshopService workshops;

    long evaluation;

    @BeforeEach
    void setUp() {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Jardin partagé",
                EvaluationScope.ACTION, "Jardin", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        clock.reset();
    }

    @Test
    void participantsPostWithinTheLimitAndAResendIsStoredOnce() {
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier du 12 mars", 60, 2));
        assertThat(workshop.code()).matches("[A-Z2-9]{6}");
        JoinedParticipant anna = workshops.join(workshop.code().toLowerCase(), ParticipantRole.HABITANT);
        UUID key = UUID.randomUUID();
        workshops.post(workshop.code(), anna.secret(), key, new CardDraft(CardKind.RESOURCE, null, "Mes recettes", false));
        workshops.post(workshop.code(), anna.secret(), key, new CardDraft(CardKind.RESOURCE, null, "Mes recettes", false));
        workshops.post(workshop.code(), anna.secret(), UUID.randomUUID(),
                new CardDraft(CardKind.EFFECT, EffectTarget.HABITANTS, "Je sors de chez moi", false));
        assertViolation(() -> workshops.post(workshop.code(), anna.secret(), UUID.randomUUID(),
                new CardDraft(CardKind.ACTIVITY, null, "Une de trop", false)), "workshop.card.limit");

        assertThat(workshops.cards(workshop.id())).extracting(Card::text)
                .containsExactly("Mes recettes", "Je sors de chez moi");
        assertViolation(() -> workshops.post(workshop.code(), "not-a-participant", UUID.randomUUID(),
                new CardDraft(CardKind.ACTIVITY, null, "Intrus", false)), "workshop.participant.unknown");
    }

    @Test
    void cardsAreCheckedAndATestimonyNeedsConsent() {
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier", null, null));
        String secret = workshops.join(workshop.code(), ParticipantRole.BENEVOLE).secret();
        assertViolation(() -> workshops.post(workshop.code(), secret, UUID.randomUUID(),
                new CardDraft(CardKind.TESTIMONY, null, "Ça m'a sauvé", false)), "workshop.card.consent.required");
        assertViolation(() -> workshops.post(workshop.code(), secret, UUID.randomUUID(),
                new CardDraft(CardKind.EFFECT, null, "Du lien", false)), "workshop.card.target.required");
        assertViolation(() -> workshops.post(workshop.code(), secret, UUID.randomUUID(),
                new CardDraft(CardKind.ACTIVITY, null, "x".repeat(281), false)), "workshop.card.text.tooLong");
        assertViolation(() -> workshops.post(workshop.code(), secret, UUID.randomUUID(),
                new CardDraft(null, null, " ", false)), "workshop.card.kind.required");
        assertThat(workshops.cards(workshop.id())).isEmpty();
    }

    @Test
    void aWorkshopClosesByItselfAfterItsDuration() {
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier", 30, null));
        String secret = workshops.join(workshop.code(), ParticipantRole.HABITANT).secret();
        clock.set(workshop.openedAt().plus(Duration.ofMinutes(31)));
        assertViolation(() -> workshops.post(workshop.code(), secret, UUID.randomUUID(),
                new CardDraft(CardKind.ACTIVITY, null, "Trop tard", false)), "workshop.closed");
        assertViolation(() -> workshops.join(workshop.code(), ParticipantRole.HABITANT), "workshop.closed");
        assertThat(workshops.traces(evaluation).get(0).duration()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theFacilitatorMergesHidesAndPlacesAndTheTraceCountsWhatWasKept() {
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier", null, null));
        String anna = workshops.join(workshop.code(), ParticipantRole.HABITANT).secret();
        String paul = workshops.join(workshop.code(), ParticipantRole.PARTENAIRE).secret();
        workshops.post(workshop.code(), anna, UUID.randomUUID(), new CardDraft(CardKind.ACTIVITY, null, "Jardiner", false));
        workshops.post(workshop.code(), paul, UUID.randomUUID(), new CardDraft(CardKind.ACTIVITY, null, "jardiner ensemble", false));
        workshops.post(workshop.code(), paul, UUID.randomUUID(), new CardDraft(CardKind.RESOURCE, null, "Insulte", false));
        List<Card> cards = workshops.cards(workshop.id());
        long garden = cards.get(0).id();
        long duplicate = cards.get(1).id();
        long insult = cards.get(2).id();
        workshops.dot(workshop.code(), paul, garden);
        workshops.dot(workshop.code(), anna, duplicate);
        workshops.dot(workshop.code(), paul, duplicate);

        workshops.mergeCards(workshop.id(), garden, duplicate);
        workshops.hideCard(workshop.id(), insult, true);
        assertViolation(() -> workshops.placeCard(workshop.id(), insult, ChainElementDraft.named(ElementKind.RESOURCE,
                "Insulte")), "workshop.card.placeRefused");
        long element = workshops.placeCard(workshop.id(), garden, new ChainElementDraft(null, "Jardiner ensemble",
                null, null, null, null, null, null, ActivityType.PRIMARY, null, null, null));

        assertThat(chains.editableChain(evaluation).element(element)).hasValueSatisfying(
                placed -> assertThat(placed.kind()).isEqualTo(ElementKind.ACTIVITY));
        assertThat(workshops.cards(workshop.id()).get(0).dots()).isEqualTo(2);
        assertThat(workshops.shownCards(workshop)).extracting(Card::id).containsExactly(garden);
        assertViolation(() -> workshops.hideCard(workshop.id(), garden, true), "workshop.card.hidePlaced");
        CardChanges projector = workshops.projectorChanges(workshop.projectorToken(), 0);
        assertThat(projector.cards()).filteredOn(card -> card.id() == insult).singleElement()
                .satisfies(card -> assertThat(card.text()).isEmpty());

        WorkshopTrace trace = workshops.traces(evaluation).get(0);
        assertThat(trace.participantCount()).isEqualTo(2);
        assertThat(trace.participants()).containsEntry(ParticipantRole.HABITANT, 1)
                .containsEntry(ParticipantRole.PARTENAIRE, 1);
        assertThat(trace.cardsPosted()).isEqualTo(3);
        assertThat(trace.cardsKept()).isEqualTo(2);
        assertThat(trace.keptFromInhabitants()).isEqualTo(1);
    }

    @Test
    void anotherStructureSeesNoWorkshop() {
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier", null, null));
        users.signIn(users.structureWithMember(Role.STRUCTURE_ADMIN).username());
        assertThatThrownBy(() -> workshops.cards(workshop.id())).isInstanceOf(WorkshopNotFoundException.class);
        assertThatThrownBy(() -> workshops.close(workshop.id())).isInstanceOf(WorkshopNotFoundException.class);
    }

    @Test
    void aFacilitatorsSlipsChangeNothing() {
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier", null, null));
        String anna = workshops.join(workshop.code(), ParticipantRole.HABITANT).secret();
        workshops.post(workshop.code(), anna, UUID.randomUUID(), new CardDraft(CardKind.ACTIVITY, null, "Jardiner", false));
        workshops.post(workshop.code(), anna, UUID.randomUUID(), new CardDraft(CardKind.ACTIVITY, null, "jardiner", false));
        workshops.post(workshop.code(), anna, UUID.randomUUID(), new CardDraft(CardKind.RESOURCE, null, "Un râteau", false));
        workshops.post(workshop.code(), anna, UUID.randomUUID(), new CardDraft(CardKind.ACTIVITY, null, "Insulte", false));
        List<Card> cards = workshops.cards(workshop.id());
        long garden = cards.get(0).id();
        long duplicate = cards.get(1).id();
        long rake = cards.get(2).id();
        long insult = cards.get(3).id();

        workshops.hideCard(workshop.id(), insult, true);
        assertViolation(() -> workshops.mergeCards(workshop.id(), garden, insult), "workshop.card.mergeRefused");
        assertViolation(() -> workshops.mergeCards(workshop.id(), garden, rake), "workshop.card.mergeRefused");
        workshops.mergeCards(workshop.id(), garden, duplicate);
        workshops.mergeCards(workshop.id(), garden, duplicate); // a second click
        assertViolation(() -> workshops.mergeCards(workshop.id(), duplicate, garden), "workshop.card.mergeRefused");
        workshops.placeCard(workshop.id(), garden, new ChainElementDraft(null, "Jardiner", null, null, null, null,
                null, null, ActivityType.PRIMARY, null, null, null));
        assertViolation(() -> workshops.placeCard(workshop.id(), garden, ChainElementDraft.named(ElementKind.ACTIVITY,
                "Encore")), "workshop.card.placeRefused");
        assertViolation(() -> workshops.editCard(workshop.id(), garden, new CardDraft(CardKind.TESTIMONY, null,
                "Jardiner", true)), "workshop.card.kindPlaced");

        assertThat(workshops.cards(workshop.id())).extracting(Card::state).containsExactly(CardState.SHOWN,
                CardState.MERGED, CardState.SHOWN, CardState.HIDDEN);
        assertThat(chains.editableChain(evaluation).elements()).hasSize(1);
        WorkshopTrace trace = workshops.traces(evaluation).get(0);
        assertThat(trace.cardsKept()).isEqualTo(2);
    }

    @Test
    void liveViewsGetAgainTheWorkshopsLastChangesWhateverOtherWorkshopsDo() {
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier", null, null));
        Workshop other = workshops.open(evaluation, new WorkshopDraft("Un autre", null, 50));
        String anna = workshops.join(workshop.code(), ParticipantRole.HABITANT).secret();
        workshops.post(workshop.code(), anna, UUID.randomUUID(), new CardDraft(CardKind.ACTIVITY, null, "Jardiner", false));
        long seen = workshops.changes(workshop.id(), 0).next();
        // another workshop's forty changes: a card of this one committed late is still sent again
        for (int i = 0; i < 8; i++) {
            String paul = workshops.join(other.code(), ParticipantRole.BENEVOLE).secret();
            for (int c = 0; c < 5; c++) {
                workshops.post(other.code(), paul, UUID.randomUUID(), new CardDraft(CardKind.RESOURCE, null, "Carte " + c,
                        false));
            }
        }
        CardChanges again = workshops.changes(workshop.id(), seen);
        assertThat(again.cards()).extracting(Card::text).containsExactly("Jardiner");
        assertThat(again.next()).isEqualTo(seen);
    }

    private static void assertViolation(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RuleViolationException.class,
                ex -> assertThat(ex.violations()).extracting(RuleViolationException.Violation::code).contains(code));
    }
}
