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
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestClock;
import fr.maillon.TestUsers;
import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The projector link: no sign-in, the token is the key to that workshop's cards and its evaluation's
 * diagram only; a hidden card's text never reaches it; a wrong token is 404; a day after the workshop
 * ended the page only says it is over.
 */
@SpringBootTest
@AutoConfigureMockMvc
class WorkshopProjectorTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    WorkshopService workshops;

    TestUsers.Created editor;
    long evaluation;
    Workshop workshop;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Jardin partagé",
                EvaluationScope.ACTION, "Jardin", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null));
        workshop = workshops.open(evaluation, new WorkshopDraft("Atelier du jardin", 60, null));
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        clock.reset();
    }

    @Test
    void theTokenOpensThePageTheChangesAndTheDiagramWithoutSigningIn() throws Exception {
        String anna = workshops.join(workshop.code(), ParticipantRole.HABITANT).secret();
        workshops.post(workshop.code(), anna, UUID.randomUUID(), new CardDraft(CardKind.ACTIVITY, null,
                "Jardiner <ensemble>", false));
        workshops.post(workshop.code(), anna, UUID.randomUUID(), new CardDraft(CardKind.RESOURCE, null,
                "Un secret à cacher", false));
        List<Card> cards = cardsOf();
        long garden = cards.get(0).id();
        long secret = cards.get(1).id();

        MockHttpServletResponse page = mvc.perform(get("/w/p/{t}", workshop.projectorToken())).andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getCookies()).isEmpty();
        assertThat(page.getContentAsString()).contains("Atelier du jardin", workshop.code(), "/w/" + workshop.code(),
                "Jardiner &lt;ensemble&gt;", "Habitant ou habitante", "aucune pastille", "<svg",
                "/js/workshop-projector.js", "Un secret à cacher").doesNotContain("<ensemble>", "/evaluations/");

        String changes = mvc.perform(get("/w/p/{t}/changes", workshop.projectorToken()).param("after", "0"))
                .andReturn().getResponse().getContentAsString();
        assertThat(changes).contains("\"next\"", "Jardiner <ensemble>", "\"group\":\"activity\"");
        long next = Long.parseLong(changes.replaceAll("(?s).*\"next\":(\\d+).*", "$1"));

        // the facilitator hides one card and places the other: the hidden text never reaches the projector
        users.signIn(editor.username());
        workshops.hideCard(workshop.id(), secret, true);
        workshops.placeCard(workshop.id(), garden, new ChainElementDraft(ElementKind.ACTIVITY, "Jardin collectif",
                null, null, null, null, null, null, ActivityType.PRIMARY, null, null, null));
        SecurityContextHolder.clearContext();
        for (String after : List.of("0", String.valueOf(next))) {
            String json = mvc.perform(get("/w/p/{t}/changes", workshop.projectorToken()).param("after", after))
                    .andReturn().getResponse().getContentAsString();
            assertThat(json).doesNotContain("Un secret").contains("\"id\":" + secret + ",\"group\":\"resource\",\"text\":\"\"");
            assertThat(json).containsPattern("\"id\":" + garden + ",[^}]*\"elementId\":\\d+");
        }
        assertThat(mvc.perform(get("/w/p/{t}", workshop.projectorToken())).andReturn().getResponse()
                .getContentAsString()).doesNotContain("Un secret");

        MockHttpServletResponse diagram = mvc.perform(get("/w/p/{t}/diagram.svg", workshop.projectorToken()))
                .andReturn().getResponse();
        assertThat(diagram.getStatus()).isEqualTo(200);
        assertThat(diagram.getContentType()).startsWith("image/svg+xml");
        assertThat(diagram.getContentAsString()).contains("Jardin collectif", "atelier du 15 mars")
                .doesNotContain("href=\"/evaluations", "Un secret");
    }

    @Test
    void aWrongTokenIs404AndADayAfterTheEndThePageSaysItIsOver() throws Exception {
        for (String token : List.of("x".repeat(43), "short", workshop.code())) {
            for (String path : List.of("/w/p/" + token, "/w/p/" + token + "/changes", "/w/p/" + token + "/diagram.svg")) {
                assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus()).as(path).isEqualTo(404);
            }
        }
        clock.set(workshop.closesAt().plus(Duration.ofHours(1)));
        assertThat(mvc.perform(get("/w/p/{t}", workshop.projectorToken())).andReturn().getResponse()
                .getContentAsString()).contains("Atelier terminé").doesNotContain("Cet atelier est terminé. Merci");
        clock.set(workshop.closesAt().plus(WorkshopService.PROJECTOR_AFTER_END).plusSeconds(1));
        MockHttpServletResponse over = mvc.perform(get("/w/p/{t}", workshop.projectorToken())).andReturn()
                .getResponse();
        assertThat(over.getStatus()).isEqualTo(200);
        assertThat(over.getContentAsString()).contains("Cet atelier est terminé. Merci").doesNotContain(workshop.code());
        assertThat(mvc.perform(get("/w/p/{t}/changes", workshop.projectorToken())).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/w/p/{t}/diagram.svg", workshop.projectorToken())).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
    }

    private List<Card> cardsOf() {
        users.signIn(editor.username());
        try {
            return workshops.cards(workshop.id());
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }
}
