package fr.maillon.network;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.http.MediaType.APPLICATION_JSON;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Running a programme through the API with a token: create it (201 with its id), invite a structure (201 with the
 * link, which then works once), set and read its milestones; refusals name their field (422), and what one is not a
 * member of answers 404, changing nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    ProgrammeService programmes;

    long federation;
    String facilitator;
    String outsider;
    TestUsers.Created director;

    @BeforeAll
    void network() {
        federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération de l'API", List.of("973")));
        facilitator = users.newUsername("facilitator");
        users.addMember(federation, users.newUser(facilitator), Role.FEDERATION_MEMBER);
        outsider = users.newUsername("outsider");
        long other = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Une autre fédération", List.of("972")));
        users.addMember(other, users.newUser(outsider), Role.FEDERATION_MEMBER);
        director = users.structureWithMember(Role.STRUCTURE_ADMIN);
    }

    @Test
    void aFacilitatorRunsAProgrammeThroughTheApi() throws Exception {
        String token = token(facilitator);
        String created = mvc.perform(post("/api/v1/networks/" + federation + "/programmes")
                .header("Authorization", "Bearer " + token).contentType(APPLICATION_JSON)
                .content("{\"name\":\"Évaluer ensemble par l'API\",\"description\":\"Trois centres.\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").isNumber())
                .andExpect(jsonPath("$.name").value("Évaluer ensemble par l'API"))
                .andExpect(jsonPath("$.runById").value(federation))
                .andReturn().getResponse().getContentAsString();
        long programme = Long.parseLong(created.replaceAll(".*\"id\":([0-9]+).*", "$1"));

        String invitation = mvc.perform(post("/api/v1/programmes/" + programme + "/invitations")
                .header("Authorization", "Bearer " + token).contentType(APPLICATION_JSON)
                .content("{\"invitee\":\"Centre de l'API\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.invitee").value("Centre de l'API"))
                .andExpect(jsonPath("$.link").value(startsWith("http")))
                .andExpect(jsonPath("$.expiresAt").exists())
                .andReturn().getResponse().getContentAsString();
        String link = invitation.replaceAll(".*\"link\":\"[^\"]*/programme-invitations/([^\"]+)\".*", "$1");
        mvc.perform(get("/programme-invitations/" + link).with(users.as(director.username())))
                .andExpect(status().isOk());

        mvc.perform(put("/api/v1/programmes/" + programme + "/milestones")
                .header("Authorization", "Bearer " + token).contentType(APPLICATION_JSON)
                .content("""
                        [{"label":"Rapport finalisé","step":"FINALISED","dueOn":"2027-12-15"},
                         {"label":"Atelier chaîne de valeur","step":"CHAIN","dueOn":"2027-03-15"}]
                        """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].label").value("Atelier chaîne de valeur"))
                .andExpect(jsonPath("$[0].step").value("CHAIN"))
                .andExpect(jsonPath("$[0].dueOn").value("2027-03-15"));
        mvc.perform(get("/api/v1/programmes/" + programme + "/milestones").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].step").value("FINALISED"));
        mvc.perform(get("/api/v1/networks/" + federation + "/programmes").header("Authorization", "Bearer " + token))
                .andExpect(jsonPath("$[?(@.id == " + programme + ")].name").value("Évaluer ensemble par l'API"));

        // a refused line refuses the whole list, naming line and field; nothing changes
        mvc.perform(put("/api/v1/programmes/" + programme + "/milestones")
                .header("Authorization", "Bearer " + token).contentType(APPLICATION_JSON)
                .content("""
                        [{"label":"Bon","step":"CHAIN","dueOn":"2027-03-15"},
                         {"label":" ","step":"NOPE","dueOn":"2027-02-30"}]
                        """))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.path == '$[1].label')]").exists())
                .andExpect(jsonPath("$.errors[?(@.path == '$[1].step')]").exists())
                .andExpect(jsonPath("$.errors[?(@.path == '$[1].dueOn')].message")
                        .value(org.hamcrest.Matchers.contains("Donnez la date du jalon au format aaaa-mm-jj (par exemple 2027-03-15), entre 2000 et 2100.")))
                .andExpect(jsonPath("$.errors[?(@.path == '$[0].label')]").doesNotExist());
        assertThat(milestones(programme)).hasSize(2);
        mvc.perform(put("/api/v1/programmes/" + programme + "/milestones")
                .header("Authorization", "Bearer " + token).contentType(APPLICATION_JSON)
                .content("[" + "{\"label\":\"J\",\"step\":\"CHAIN\",\"dueOn\":\"2027-03-15\"},".repeat(24)
                        + "{\"label\":\"J\",\"step\":\"CHAIN\",\"dueOn\":\"2027-03-15\"}]"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].path").value("$"));
        mvc.perform(post("/api/v1/networks/" + federation + "/programmes")
                .header("Authorization", "Bearer " + token).contentType(APPLICATION_JSON)
                .content("{\"name\":\"\",\"description\":\"" + "d".repeat(2001) + "\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.path == '$.name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.path == '$.description')]").exists());
        mvc.perform(post("/api/v1/programmes/" + programme + "/invitations")
                .header("Authorization", "Bearer " + token).contentType(APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].path").value("$.invitee"));

        // an empty list removes them all
        mvc.perform(put("/api/v1/programmes/" + programme + "/milestones")
                .header("Authorization", "Bearer " + token).contentType(APPLICATION_JSON).content("[]"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void whatOneIsNotAMemberOfAnswers404AndChangesNothing() throws Exception {
        users.signIn(facilitator);
        long programme = programmes.create(federation, "Programme fermé", "");
        programmes.replaceMilestones(programme, List.of(new ProgrammeService.MilestoneDraft("Questions posées",
                "QUESTIONS", "2027-01-31")));
        SecurityContextHolder.clearContext();
        for (String someone : List.of(outsider, director.username())) {
            String token = token(someone);
            mvc.perform(post("/api/v1/networks/" + federation + "/programmes")
                    .header("Authorization", "Bearer " + token).contentType(APPLICATION_JSON)
                    .content("{\"name\":\"Intrus\"}"))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/api/v1/programmes/" + programme + "/invitations")
                    .header("Authorization", "Bearer " + token).contentType(APPLICATION_JSON)
                    .content("{\"invitee\":\"Intrus\"}"))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/api/v1/programmes/" + programme + "/milestones")
                    .header("Authorization", "Bearer " + token))
                    .andExpect(status().isNotFound());
            mvc.perform(put("/api/v1/programmes/" + programme + "/milestones")
                    .header("Authorization", "Bearer " + token).contentType(APPLICATION_JSON).content("[]"))
                    .andExpect(status().isNotFound());
        }
        // the federation itself is not a programme
        mvc.perform(get("/api/v1/programmes/" + federation + "/milestones")
                .header("Authorization", "Bearer " + token(facilitator)))
                .andExpect(status().isNotFound());
        assertThat(milestones(programme)).hasSize(1);
        users.signIn(facilitator);
        assertThat(programmes.runBy(federation)).extracting(Programme::name).doesNotContain("Intrus");
        SecurityContextHolder.clearContext();
    }

    private List<ProgrammeMilestone> milestones(long programme) {
        users.signIn(facilitator);
        try {
            return programmes.milestones(programme);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    private String token(String username) throws Exception {
        String body = mvc.perform(post("/api/v1/tokens").with(users.as(username)).with(csrf())
                .contentType(APPLICATION_JSON).content("{\"label\":\"api\"}")).andReturn().getResponse()
                .getContentAsString();
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }
}
