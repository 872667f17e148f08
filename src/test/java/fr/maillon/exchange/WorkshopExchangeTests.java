package fr.maillon.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
import fr.maillon.chain.LinkDraft;
import fr.maillon.organisation.Role;
import fr.maillon.web.Problems.ApiError;
import fr.maillon.workshop.Card;
import fr.maillon.workshop.CardDraft;
import fr.maillon.workshop.CardKind;
import fr.maillon.workshop.CardState;
import fr.maillon.workshop.JoinedParticipant;
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopDraft;
import fr.maillon.workshop.WorkshopService;
import fr.maillon.workshop.WorkshopTrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The exchange format carries the workshops: export → import → export gives the same workshops, imported closed with
 * fresh codes; hidden cards leave only their number; every bad reference is refused with its JSON path, nothing
 * written.
 */
@SpringBootTest
class WorkshopExchangeTests {

    private static final String HIDDEN = "Une carte que l'animation a masquée";

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

    @Autowired
    ExchangeService exchange;

    @Autowired
    JsonMapper mapper;

    @Autowired
    JdbcClient jdbc;

    TestUsers.Created editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        LocaleContextHolder.setLocale(Locale.FRENCH);
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Jardin partagé",
                EvaluationScope.ACTION, "Jardin", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        LocaleContextHolder.resetLocaleContext();
        clock.reset();
    }

    private Workshop runWorkshop() {
        clock.set(Instant.parse("2026-03-12T17:00:00Z"));
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier du 12 mars", 120, 5));
        List<JoinedParticipant> people = new ArrayList<>();
        for (ParticipantRole role : List.of(ParticipantRole.HABITANT, ParticipantRole.HABITANT,
                ParticipantRole.HABITANT, ParticipantRole.SALARIE)) {
            people.add(workshops.join(workshop.code(), role));
        }
        post(workshop, people.get(0), new CardDraft(CardKind.ACTIVITY, null, "Cuisiner ensemble", false));
        post(workshop, people.get(1), new CardDraft(CardKind.ACTIVITY, null, "Faire la cuisine ensemble", false));
        post(workshop, people.get(2), new CardDraft(CardKind.EFFECT, EffectTarget.HABITANTS, "Je sors de chez moi",
                false));
        post(workshop, people.get(2), new CardDraft(CardKind.RESOURCE, null, HIDDEN, false));
        post(workshop, people.get(3), new CardDraft(CardKind.TESTIMONY, null, "Ils reviennent chaque semaine",
                true));
        workshops.addCard(workshop.id(), new CardDraft(CardKind.RESOURCE, null, "Une cuisine équipée", false));
        List<Card> cards = workshops.cards(workshop.id());
        workshops.dot(workshop.code(), people.get(2).secret(), cards.get(0).id());
        workshops.dot(workshop.code(), people.get(3).secret(), cards.get(0).id());
        workshops.dot(workshop.code(), people.get(0).secret(), cards.get(4).id());
        long activity = workshops.placeCard(workshop.id(), cards.get(0).id(), element(ElementKind.ACTIVITY,
                "Ateliers cuisine"));
        workshops.mergeCards(workshop.id(), cards.get(0).id(), cards.get(1).id());
        workshops.placeCard(workshop.id(), cards.get(2).id(), element(ElementKind.EFFECT, "Moins d'isolement"));
        workshops.hideCard(workshop.id(), cards.get(3).id(), true);
        long output = chains.addElement(evaluation, element(ElementKind.OUTPUT, "Repas partagés"));
        chains.addLink(evaluation, new LinkDraft(activity, output, null));
        long drawn = workshops.addLink(workshop.id(), new LinkDraft(output, chains.chain(evaluation)
                .elements(ElementKind.EFFECT).get(0).id(), "On se retrouve autour du repas"));
        assertThat(drawn).isPositive();
        clock.set(Instant.parse("2026-03-12T18:30:00Z"));
        workshops.close(workshop.id());
        clock.set(Instant.parse("2026-04-01T10:00:00Z"));
        return workshop;
    }

    private void post(Workshop workshop, JoinedParticipant participant, CardDraft draft) {
        workshops.post(workshop.code(), participant.secret(), UUID.randomUUID(), draft);
    }

    private static ChainElementDraft element(ElementKind kind, String name) {
        return new ChainElementDraft(kind, name, null,
                kind == ElementKind.RESOURCE ? fr.maillon.chain.ResourceKind.VOLUNTEER_TIME : null, null, null, null, null,
                kind == ElementKind.ACTIVITY ? ActivityType.PRIMARY : null, null,
                kind == ElementKind.EFFECT ? EffectTarget.HABITANTS : null, null);
    }

    private ObjectNode export(long evaluationId) {
        return (ObjectNode) mapper.valueToTree(exchange.export(evaluationId));
    }

    private long workshopCount() {
        return jdbc.sql("SELECT count(*) FROM workshop WHERE structure_id = :s").param("s", editor.structureId())
                .query(Long.class).single();
    }

    private long evaluationCount() {
        return jdbc.sql("SELECT count(*) FROM evaluation WHERE structure_id = :s").param("s", editor.structureId())
                .query(Long.class).single();
    }

    @Test
    void exportImportExportGivesTheSameWorkshops() {
        Workshop original = runWorkshop();
        ObjectNode first = export(evaluation);
        JsonNode workshop = first.get("workshops").get(0);
        assertThat(workshop.get("title").asString()).isEqualTo("Atelier du 12 mars");
        assertThat(workshop.get("openedAt").asString()).startsWith("2026-03-12T17:00:00");
        assertThat(workshop.get("closedAt").asString()).startsWith("2026-03-12T18:30:00");
        assertThat(workshop.get("participants").toString()).isEqualTo("{\"HABITANT\":3,\"SALARIE\":1}");
        assertThat(workshop.get("hiddenCards").asInt()).isEqualTo(1);
        assertThat(first.toString()).doesNotContain(HIDDEN).doesNotContain(original.code())
                .doesNotContain(original.projectorToken());
        JsonNode cards = workshop.get("cards");
        assertThat(cards).hasSize(5);
        assertThat(cards.get(0).toString()).isEqualTo("{\"ref\":\"c1\",\"kind\":\"ACTIVITY\",\"text\":"
                + "\"Cuisiner ensemble\",\"state\":\"SHOWN\",\"role\":\"HABITANT\",\"dots\":2,\"element\":\"act-1\"}");
        assertThat(cards.get(1).get("state").asString()).isEqualTo("MERGED");
        assertThat(cards.get(1).get("mergedInto").asString()).isEqualTo("c1");
        assertThat(cards.get(2).get("element").asString()).isEqualTo("eff-1");
        assertThat(cards.get(3).get("kind").asString()).isEqualTo("TESTIMONY");
        assertThat(cards.get(3).get("dots").asInt()).isEqualTo(1);
        assertThat(cards.get(4).has("role")).isFalse();
        assertThat(workshop.get("links").toString()).isEqualTo("[{\"source\":\"out-1\",\"target\":\"eff-1\"}]");

        long imported = exchange.importEvaluation(editor.structureId(), first.toString()
                .getBytes(StandardCharsets.UTF_8));
        ObjectNode second = export(imported);
        assertThat(second.get("workshops")).isEqualTo(first.get("workshops"));

        Workshop copy = workshops.workshops(imported).get(0);
        assertThat(copy.isOpen(clock.instant())).isFalse();
        assertThat(copy.code()).isNotEqualTo(original.code());
        assertThat(copy.projectorToken()).isNotEqualTo(original.projectorToken());
        WorkshopTrace before = workshops.traces(evaluation).get(0);
        WorkshopTrace after = workshops.traces(imported).get(0);
        assertThat(after.participants()).isEqualTo(before.participants());
        assertThat(after.duration()).isEqualTo(before.duration());
        assertThat(List.of(after.cardsPosted(), after.cardsKept(), after.keptFromInhabitants()))
                .containsExactly(6, 3, 3).isEqualTo(List.of(before.cardsPosted(), before.cardsKept(),
                        before.keptFromInhabitants()));
        assertThat(workshops.elementsPlacedFrom(after, ParticipantRole.HABITANT))
                .containsExactly("Ateliers cuisine", "Moins d'isolement");
        // the hidden card came back hidden, without its text
        assertThat(workshops.cards(copy.id())).filteredOn(card -> card.state() == CardState.HIDDEN)
                .extracting(Card::text).containsExactly(WorkshopService.HIDDEN_CARD_TEXT);
    }

    @Test
    void aWorkshopThatStillRunsIsImportedClosed() {
        clock.set(Instant.parse("2026-03-12T17:00:00Z"));
        Workshop open = workshops.open(evaluation, new WorkshopDraft("Atelier en cours", 120, 5));
        workshops.join(open.code(), ParticipantRole.HABITANT);
        clock.set(Instant.parse("2026-03-12T17:30:00Z"));
        ObjectNode document = export(evaluation);
        assertThat(document.get("workshops").get(0).has("closedAt")).isFalse();
        long imported = exchange.importEvaluation(editor.structureId(), document.toString()
                .getBytes(StandardCharsets.UTF_8));
        Workshop copy = workshops.workshops(imported).get(0);
        assertThat(copy.closedAt()).isBetween(Instant.parse("2026-03-12T17:30:00Z"),
                Instant.parse("2026-03-12T17:31:00Z"));
        assertThat(copy.isOpen(clock.instant())).isFalse();
    }

    @Test
    void badReferencesAreRefusedWithTheirPathsAndNothingIsWritten() {
        runWorkshop();
        ObjectNode document = export(evaluation);
        long workshopsBefore = workshopCount();
        long evaluationsBefore = evaluationCount();

        ObjectNode schemaWise = document.deepCopy();
        ((ObjectNode) schemaWise.get("workshops").get(0).get("cards").get(3)).put("state", "HIDDEN");
        ((ObjectNode) schemaWise.get("workshops").get(0).get("participants")).put("VOISIN", 2);
        assertThat(paths(schemaWise)).contains("$.workshops[0].cards[3].state")
                .anyMatch(path -> path.startsWith("$.workshops[0].participants"));

        ObjectNode referenceWise = document.deepCopy();
        ArrayNode cards = (ArrayNode) referenceWise.get("workshops").get(0).get("cards");
        ((ObjectNode) cards.get(0)).put("element", "eff-1");
        ((ObjectNode) cards.get(1)).put("mergedInto", "c99");
        ((ObjectNode) cards.get(2)).put("role", "PARTENAIRE");
        ((ObjectNode) cards.get(3)).put("dots", 9);
        ((ObjectNode) referenceWise.get("workshops").get(0).get("links").get(0)).put("target", "act-1");
        assertThat(paths(referenceWise)).contains("$.workshops[0].cards[0].element", "$.workshops[0].links[0]");

        ObjectNode ruleWise = document.deepCopy();
        ArrayNode ruleCards = (ArrayNode) ruleWise.get("workshops").get(0).get("cards");
        ((ObjectNode) ruleCards.get(1)).put("mergedInto", "c99");
        ((ObjectNode) ruleCards.get(2)).put("role", "PARTENAIRE");
        ((ObjectNode) ruleCards.get(3)).put("dots", 9);
        ((ObjectNode) ruleWise.get("workshops").get(0)).put("closesAt", "2026-03-12T16:00:00Z");
        List<ApiError> errors = errors(ruleWise);
        assertThat(errors).extracting(ApiError::path).contains("$.workshops[0].cards[1].mergedInto",
                "$.workshops[0].cards[2].role", "$.workshops[0].cards[3].dots", "$.workshops[0].closesAt");
        assertThat(errors).extracting(ApiError::message).allSatisfy(message -> assertThat(message)
                .doesNotContain("Exception").doesNotStartWith("workshop."));
        assertThat(errors).filteredOn(error -> error.path().endsWith("cards[3].dots")).extracting(ApiError::message)
                .containsExactly("Une carte reçoit au plus une gommette par participant, et cet atelier en compte 4 : "
                        + "corrigez « dots ».");

        assertThat(workshopCount()).isEqualTo(workshopsBefore);
        assertThat(evaluationCount()).isEqualTo(evaluationsBefore);
    }

    @Test
    void theDemoCarriesAPastWorkshopAndAVersion1DocumentImportsWithout() throws Exception {
        long demo = exchange.importEvaluation(editor.structureId(), new ClassPathResource(
                "demo/conserverie-mobile.json").getContentAsByteArray());
        WorkshopTrace trace = workshops.traces(demo).get(0);
        assertThat(trace.participantCount()).isEqualTo(14);
        assertThat(trace.participants()).containsEntry(ParticipantRole.HABITANT, 8)
                .containsEntry(ParticipantRole.BENEVOLE, 3).containsEntry(ParticipantRole.SALARIE, 2)
                .containsEntry(ParticipantRole.PARTENAIRE, 1);
        assertThat(trace.cardsPosted()).isEqualTo(26);
        assertThat(trace.cardsKept()).isEqualTo(17);
        assertThat(trace.keptFromInhabitants()).isEqualTo(10);
        assertThat(workshops.cards(trace.workshop().id())).filteredOn(card -> card.kind() == CardKind.TESTIMONY)
                .singleElement().satisfies(card -> assertThat(card.consent()).isTrue());

        long version1 = exchange.importEvaluation(editor.structureId(), new ClassPathResource(
                "exchange/conserverie-mobile-v1.json").getContentAsByteArray());
        assertThat(workshops.workshops(version1)).isEmpty();
        assertThat(export(version1).has("workshops")).isFalse();
    }

    private List<String> paths(ObjectNode document) {
        return errors(document).stream().map(ApiError::path).toList();
    }

    private List<ApiError> errors(ObjectNode document) {
        ImportRejectedException refused = catchThrowableOfType(ImportRejectedException.class,
                () -> exchange.importEvaluation(editor.structureId(), document.toString()
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(refused).as("refused").isNotNull();
        return refused.errors();
    }
}
