package fr.maillon.workshop;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestClock;
import fr.maillon.TestUsers;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.ValueChain;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The facilitator's pages: the list and the form that opens a workshop, the live view, merging,
 * hiding, placing cards into the chain (their provenance then in the diagram, the lists and the
 * element's form), links drawn during the workshop, cards she adds, closing it. Refusals keep what
 * was typed; another structure's editor gets 404, a reader neither opens nor changes a workshop.
 */
@SpringBootTest
@AutoConfigureMockMvc
class WorkshopFacilitatorPagesTests {

    @Autowired
    MockMvc mvc;

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

    TestUsers.Created editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Jardin partagé",
                EvaluationScope.ACTION, "Jardin", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null));
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        clock.reset();
    }

    @Test
    void theFacilitatorOpensRunsPlacesAndClosesAWorkshop() throws Exception {
        String list = as(get("/evaluations/{e}/workshops", evaluation)).getContentAsString();
        assertThat(list).contains("Ateliers en direct", "Aucun atelier pour l&#39;instant.",
                "value=\"Atelier du 15 mars\"", "value=\"180\"", "value=\"15\"");
        assertThat(as(get("/evaluations/{e}", evaluation)).getContentAsString())
                .contains("/evaluations/" + evaluation + "/workshops");

        // a refused title keeps what was typed, and opens nothing
        String refused = as(post("/evaluations/{e}/workshops", evaluation).param("title", "Atelier")
                .param("durationMinutes", "5").param("cardLimit", "15")).getContentAsString();
        assertThat(refused).contains("La durée va de 15 minutes à 12 heures.", "value=\"5\"");
        assertThat(workshopsOf()).isEmpty();

        String location = as(post("/evaluations/{e}/workshops", evaluation).param("title", "Atelier du jardin")
                .param("durationMinutes", "90").param("cardLimit", "10")).getRedirectedUrl();
        Workshop workshop = workshopsOf().get(0);
        assertThat(location).isEqualTo("/workshops/" + workshop.id());
        String live = as(get("/workshops/{id}", workshop.id())).getContentAsString();
        assertThat(live).contains(workshop.code(), "/w/" + workshop.code(), "<svg", "/w/p/" + workshop.projectorToken(),
                "Ouvrir la vue projecteur", "Terminer l&#39;atelier", "Reste 1 h 30 min", "/js/workshop-live.js");

        // participants post: two of the same, an insult, a resource and an effect
        String anna = workshops.join(workshop.code(), ParticipantRole.HABITANT).secret();
        String paul = workshops.join(workshop.code(), ParticipantRole.BENEVOLE).secret();
        postCard(workshop, anna, CardKind.ACTIVITY, null, "Jardiner ensemble");
        postCard(workshop, paul, CardKind.ACTIVITY, null, "jardiner à plusieurs");
        postCard(workshop, paul, CardKind.RESOURCE, null, "Mes outils de jardin");
        postCard(workshop, anna, CardKind.EFFECT, EffectTarget.HABITANTS, "Je sors de chez moi");
        postCard(workshop, paul, CardKind.RESOURCE, null, "Une insulte");
        List<Card> cards = cardsOf(workshop);
        long garden = cards.get(0).id();
        long duplicate = cards.get(1).id();
        long tools = cards.get(2).id();
        long outing = cards.get(3).id();
        long insult = cards.get(4).id();
        live = as(get("/workshops/{id}", workshop.id())).getContentAsString();
        assertThat(live).contains("Jardiner ensemble", "Mes outils de jardin", "Habitant ou habitante", "Bénévole",
                "id=\"card-" + insult + "\"", "id=\"merge-" + garden + "\"");
        String changes = as(get("/workshops/{id}/changes", workshop.id()).param("after", "0")).getContentAsString();
        assertThat(changes).contains("\"next\"", "Une insulte", "\"open\":true");

        // merge: no card chosen is refused, the choice is kept when the card is unknown
        assertThat(as(post("/workshops/{w}/cards/{c}/merge", workshop.id(), duplicate)).getContentAsString())
                .contains("Choisissez la carte à garder");
        assertThat(as(post("/workshops/{w}/cards/{c}/merge", workshop.id(), duplicate).param("keptId",
                String.valueOf(duplicate))).getContentAsString()).contains("Fusionnez une carte affichée dans une autre carte affichée");
        assertThat(as(post("/workshops/{w}/cards/{c}/merge", workshop.id(), duplicate).param("keptId",
                String.valueOf(garden))).getRedirectedUrl()).isEqualTo("/workshops/" + workshop.id() + "#card-" + garden);
        assertThat(card(workshop, duplicate).state()).isEqualTo(CardState.MERGED);
        assertThat(as(get("/workshops/{id}", workshop.id())).getContentAsString()).contains("Aussi dit :",
                "jardiner à plusieurs");

        // hide and show again
        as(post("/workshops/{w}/cards/{c}/hide", workshop.id(), insult).param("hidden", "true"));
        assertThat(card(workshop, insult).state()).isEqualTo(CardState.HIDDEN);
        as(post("/workshops/{w}/cards/{c}/hide", workshop.id(), insult).param("hidden", "false"));
        assertThat(card(workshop, insult).state()).isEqualTo(CardState.SHOWN);
        as(post("/workshops/{w}/cards/{c}/hide", workshop.id(), insult).param("hidden", "true"));

        // edit a card: a refusal keeps the text typed
        String longText = "x".repeat(281);
        assertThat(as(post("/workshops/{w}/cards/{c}/edit", workshop.id(), tools).param("kind", "RESOURCE")
                .param("text", longText)).getContentAsString()).contains("Une carte tient en 280 caractères", longText);
        as(post("/workshops/{w}/cards/{c}/edit", workshop.id(), tools).param("kind", "RESOURCE")
                .param("text", "Mes outils et mes graines"));
        assertThat(card(workshop, tools).text()).isEqualTo("Mes outils et mes graines");

        // place: the form is filled from the card; a refusal keeps what was typed
        assertThat(as(get("/workshops/{w}/cards/{c}/place", workshop.id(), garden)).getContentAsString())
                .contains("value=\"Jardiner ensemble\"", "Elle devient une activité de la chaîne.");
        String placeRefused = as(post("/workshops/{w}/cards/{c}/place", workshop.id(), garden)
                .param("name", "Jardin collectif du mardi").param("activityType", "SUPPORT")).getContentAsString();
        assertThat(placeRefused).contains("value=\"Jardin collectif du mardi\"").doesNotContain("Exception");
        assertThat(card(workshop, garden).placed()).isFalse();
        assertThat(as(post("/workshops/{w}/cards/{c}/place", workshop.id(), garden)
                .param("name", "Jardin collectif du mardi").param("activityType", "PRIMARY")).getRedirectedUrl())
                .isEqualTo("/workshops/" + workshop.id() + "#card-" + garden);
        as(post("/workshops/{w}/cards/{c}/place", workshop.id(), tools).param("name", "Outils et graines")
                .param("resourceKind", "MATERIAL"));
        as(post("/workshops/{w}/cards/{c}/place", workshop.id(), outing).param("name", "Sortir de chez soi")
                .param("target", "HABITANTS"));
        assertThat(as(post("/workshops/{w}/cards/{c}/place", workshop.id(), insult).param("name", "Insulte")
                .param("resourceKind", "MATERIAL")).getContentAsString())
                .contains("Seule une carte affichée, pas encore placée");
        assertThat(as(post("/workshops/{w}/cards/{c}/hide", workshop.id(), garden).param("hidden", "true"))
                .getContentAsString()).contains("Cette carte est déjà dans la chaîne");
        Card placed = card(workshop, garden);
        assertThat(placed.placed()).isTrue();
        assertThat(as(get("/workshops/{id}", workshop.id())).getContentAsString())
                .contains("/evaluations/" + evaluation + "/elements/" + placed.elementId() + "/edit");

        // links: one the method refuses is said clearly and keeps the choice, one it draws is drawn
        users.signIn(editor.username());
        ValueChain chain = chains.chain(evaluation);
        SecurityContextHolder.clearContext();
        long activity = chain.elements().stream().filter(e -> e.name().equals("Jardin collectif du mardi"))
                .findFirst().orElseThrow().id();
        long resource = chain.elements().stream().filter(e -> e.name().equals("Outils et graines")).findFirst()
                .orElseThrow().id();
        long effect = chain.elements().stream().filter(e -> e.name().equals("Sortir de chez soi")).findFirst()
                .orElseThrow().id();
        MockHttpServletResponse linkRefused = as(post("/workshops/{id}/links", workshop.id())
                .param("sourceId", String.valueOf(activity)).param("targetId", String.valueOf(resource))
                .param("rationale", "on en a besoin"));
        assertThat(linkRefused.getStatus()).isEqualTo(200);
        assertThat(linkRefused.getContentAsString()).contains("La méthode ne prévoit pas de lien",
                "ce lien va dans l&#39;autre sens", "id=\"reverse-offer\"", "value=\"on en a besoin\"",
                "aria-invalid=\"true\"");
        assertThat(as(post("/workshops/{id}/links", workshop.id()).param("sourceId", String.valueOf(resource))
                .param("targetId", String.valueOf(activity)).param("rationale", "les outils servent au jardin"))
                .getRedirectedUrl()).isEqualTo("/workshops/" + workshop.id() + "#link-form");

        // the provenance: in the diagram (badge and title), the evaluation's lists, the element's form
        String svg = as(get("/evaluations/{e}/diagram.svg", evaluation)).getContentAsString();
        assertThat(svg).contains("data-provenance=\"atelier du 15 mars\"",
                "<title>Jardin collectif du mardi — atelier du 15 mars</title>", "class=\"provenance\"")
                .doesNotContain("Insulte");
        assertThat(svg).contains("<title>atelier du 15 mars</title></polyline>");
        assertThat(as(get("/evaluations/{e}", evaluation)).getContentAsString())
                .contains("class=\"badge provenance\">atelier du 15 mars<");
        assertThat(as(get("/evaluations/{e}/elements/{id}/edit", evaluation, activity)).getContentAsString())
                .contains("Provenance : atelier du 15 mars");
        assertThat(as(get("/evaluations/{e}/elements/{id}/edit", evaluation, activity).locale(java.util.Locale.ENGLISH)
                .param("lang", "en")).getContentAsString()).contains("workshop of 15 March");

        // a card the facilitator adds: a refusal keeps what was typed
        assertThat(as(post("/workshops/{id}/cards", workshop.id()).param("kind", "EFFECT").param("text",
                "On se connaît mieux")).getContentAsString()).contains("Dites pour qui ça change",
                        "On se conna&icirc;t mieux");
        as(post("/workshops/{id}/cards", workshop.id()).param("kind", "EFFECT").param("target", "TERRITOIRE")
                .param("text", "On se connaît mieux"));
        assertThat(cardsOf(workshop)).anyMatch(card -> card.text().equals("On se connaît mieux") && card.role() == null);

        // closing asks first
        assertThat(as(get("/workshops/{id}/close", workshop.id())).getContentAsString())
                .contains("Terminer « Atelier du jardin » ?");
        assertThat(as(post("/workshops/{id}/close", workshop.id())).getRedirectedUrl())
                .isEqualTo("/evaluations/" + evaluation + "/workshops");
        assertThat(workshopsOf().get(0).closedAt()).isNotNull();
        list = as(get("/evaluations/{e}/workshops", evaluation)).getContentAsString();
        assertThat(list).contains("Atelier du jardin", "terminé", "2 participants", "6 cartes postées",
                "4 gardées dans la chaîne", "Habitant ou habitante : 1", "Bénévole : 1");
    }

    @Test
    void anotherStructureGets404AndAReaderNeitherOpensNorChanges() throws Exception {
        users.signIn(editor.username());
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier", null, null));
        SecurityContextHolder.clearContext();
        String anna = workshops.join(workshop.code(), ParticipantRole.HABITANT).secret();
        postCard(workshop, anna, CardKind.ACTIVITY, null, "Cuisiner");
        long card = cardsOf(workshop).get(0).id();

        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_EDITOR);
        for (MockHttpServletRequestBuilder request : List.of(get("/workshops/{id}", workshop.id()),
                get("/workshops/{id}/changes", workshop.id()),
                post("/workshops/{w}/cards/{c}/hide", workshop.id(), card).with(csrf()),
                post("/workshops/{w}/cards/{c}/place", workshop.id(), card).param("name", "x").with(csrf()),
                post("/workshops/{id}/close", workshop.id()).with(csrf()))) {
            assertThat(mvc.perform(request.with(users.as(stranger.username()))).andReturn().getResponse().getStatus())
                    .isEqualTo(404);
        }
        assertThat(mvc.perform(get("/evaluations/{e}/workshops", evaluation).with(users.as(stranger.username())))
                .andReturn().getResponse().getStatus()).isEqualTo(404);

        String readerName = users.newUsername("reader");
        users.addMember(editor.structureId(), users.newUser(readerName), Role.STRUCTURE_VIEWER);
        MockHttpServletResponse list = mvc.perform(get("/evaluations/{e}/workshops", evaluation)
                .with(users.as(readerName))).andReturn().getResponse();
        assertThat(list.getStatus()).isEqualTo(200);
        assertThat(list.getContentAsString()).contains("Atelier", "ouvert")
                .doesNotContain(workshop.projectorToken(), "Ouvrir un atelier", "/workshops/" + workshop.id());
        assertThat(mvc.perform(post("/evaluations/{e}/workshops", evaluation).param("title", "Le mien")
                .with(csrf()).with(users.as(readerName))).andReturn().getResponse().getStatus()).isEqualTo(403);
        for (MockHttpServletRequestBuilder request : List.of(get("/workshops/{id}", workshop.id()),
                post("/workshops/{w}/cards/{c}/merge", workshop.id(), card).param("keptId", "1").with(csrf()),
                post("/workshops/{w}/cards/{c}/hide", workshop.id(), card).with(csrf()))) {
            assertThat(mvc.perform(request.with(users.as(readerName))).andReturn().getResponse().getStatus())
                    .isEqualTo(404);
        }
        assertThat(cardsOf(workshop).get(0).state()).isEqualTo(CardState.SHOWN);
        assertThat(workshopsOf()).hasSize(1);
    }

    private void postCard(Workshop workshop, String secret, CardKind kind, EffectTarget target, String text) {
        workshops.post(workshop.code(), secret, UUID.randomUUID(), new CardDraft(kind, target, text, false));
    }

    private List<Workshop> workshopsOf() {
        users.signIn(editor.username());
        try {
            return workshops.workshops(evaluation);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    private List<Card> cardsOf(Workshop workshop) {
        users.signIn(editor.username());
        try {
            return workshops.cards(workshop.id());
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Card card(Workshop workshop, long id) {
        return cardsOf(workshop).stream().filter(card -> card.id() == id).findFirst().orElseThrow();
    }

    private MockHttpServletResponse as(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
    }
}
