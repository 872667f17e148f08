package fr.maillon.chain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The chain through the API, with a personal token, as a script would use it. */
@SpringBootTest
@AutoConfigureMockMvc
class ChainApiTests {


    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    String token;
    long evaluation;

    @BeforeEach
    void setUp() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        // from her signed-in session: no password to check, so no other class's sign-in failures count
        String body = mvc.perform(post("/api/v1/tokens").with(users.as(editor.username())).with(csrf())
                .contentType("application/json").content("{\"label\":\"api\"}")).andReturn().getResponse()
                .getContentAsString();
        token = body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        evaluation = id(call(post("/api/v1/structures/{id}/evaluations", editor.structureId()),
                "{\"title\":\"API\",\"scope\":\"PROJET_SOCIAL\",\"periodStart\":\"2024-01-01\",\"periodEnd\":\"2024-12-31\"}"));
    }

    @Test
    void buildsReadsAndBalancesAChain() throws Exception {
        long city = id(call(post("/api/v1/evaluations/{e}/stakeholders", evaluation),
                "{\"name\":\"Mairie\",\"type\":\"COLLECTIVITE\",\"communityMember\":false}"));
        long room = id(call(post("/api/v1/evaluations/{e}/elements", evaluation),
                "{\"kind\":\"RESOURCE\",\"name\":\"Salle\",\"resourceKind\":\"MATERIAL\",\"providerId\":" + city
                        + ",\"valueEur\":1500}"));
        long workshop = id(call(post("/api/v1/evaluations/{e}/elements", evaluation),
                "{\"kind\":\"ACTIVITY\",\"name\":\"Atelier\",\"activityType\":\"PRIMARY\"}"));
        MockHttpServletResponse link = call(post("/api/v1/evaluations/{e}/links", evaluation),
                "{\"sourceId\":" + room + ",\"targetId\":" + workshop + "}");
        assertThat(link.getStatus()).isEqualTo(201);
        MockHttpServletResponse backwards = call(post("/api/v1/evaluations/{e}/links", evaluation),
                "{\"sourceId\":" + workshop + ",\"targetId\":" + room + "}");
        assertThat(backwards.getStatus()).isEqualTo(422);
        assertThat(backwards.getContentAsString()).contains("\"path\":\"$.targetId\"")
                .contains("D'une activité principale vers une réalisation ou un effet.")
                .contains("Dans la méthode, ce lien va dans l'autre sens : « Salle » → « Atelier ».");
        assertThat(call(post("/api/v1/evaluations/{e}/interactions", evaluation),
                "{\"stakeholderId\":" + city + ",\"activityId\":" + workshop + ",\"cost\":\"La salle\","
                        + "\"costValueEur\":1500,\"benefit\":\"Un quartier animé\"}").getStatus()).isEqualTo(201);

        String chain = call(get("/api/v1/evaluations/{e}/chain", evaluation), null).getContentAsString();
        assertThat(chain).contains("\"name\":\"Salle\"").contains("\"kind\":\"RESOURCE\"").contains("\"cost\":\"La salle\"");
        String balance = call(get("/api/v1/evaluations/{e}/balance", evaluation), null).getContentAsString();
        assertThat(balance).contains("\"bringsEur\":1500.00").contains("La salle (Atelier)");
        assertThat(call(get("/api/v1/evaluations/{e}/resources", evaluation), null).getContentAsString())
                .contains("\"totalEur\":1500.00");
        MockHttpServletResponse svg = call(get("/api/v1/evaluations/{e}/diagram.svg", evaluation), null);
        assertThat(svg.getContentType()).startsWith("image/svg+xml");
        assertThat(svg.getContentAsString()).contains("<title>Salle</title>");

        assertThat(call(delete("/api/v1/evaluations/{e}/elements/{id}", evaluation, workshop), null).getStatus())
                .isEqualTo(204);
        assertThat(call(get("/api/v1/evaluations/{e}/chain", evaluation), null).getContentAsString())
                .doesNotContain("La salle").contains("\"links\":[]");
    }

    @Test
    void badBodiesGetProblemDetails() throws Exception {
        MockHttpServletResponse noName = call(post("/api/v1/evaluations/{e}/elements", evaluation),
                "{\"kind\":\"OUTPUT\",\"name\":\"\"}");
        assertThat(noName.getStatus()).isEqualTo(422);
        assertThat(noName.getContentAsString()).contains("\"path\":\"$.name\"");
        MockHttpServletResponse badKind = call(post("/api/v1/evaluations/{e}/elements", evaluation),
                "{\"kind\":\"PLANET\",\"name\":\"x\"}");
        assertThat(badKind.getStatus()).isEqualTo(400);
        assertThat(badKind.getContentAsString()).contains("\"path\":\"$.kind\"");
        assertThat(call(delete("/api/v1/evaluations/{e}/links/{id}", evaluation, 987654321), null).getStatus())
                .isEqualTo(404);
        MockHttpServletResponse tinyScale = call(post("/api/v1/evaluations/{e}/elements", evaluation),
                "{\"kind\":\"RESOURCE\",\"name\":\"x\",\"resourceKind\":\"MATERIAL\",\"quantity\":1e-100000000,\"unit\":\"kg\"}");
        assertThat(tinyScale.getStatus()).isEqualTo(422);
        assertThat(tinyScale.getContentAsString()).contains("\"path\":\"$.quantity\"");
        MockHttpServletResponse nul = call(post("/api/v1/evaluations/{e}/elements", evaluation),
                "{\"kind\":\"OUTPUT\",\"name\":\"a\\u0000b\"}");
        assertThat(nul.getStatus()).isEqualTo(422);
        assertThat(nul.getContentAsString()).contains("\"path\":\"$.name\"").contains("caractères de contrôle");
        assertThat(call(post("/api/v1/evaluations/{e}/stakeholders", evaluation),
                "{\"name\":\"Sans précision\",\"type\":\"ASSOCIATION\"}").getStatus()).isEqualTo(201);
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String json) throws Exception {
        request.header("Authorization", "Bearer " + token);
        if (json != null) {
            request.contentType("application/json").content(json);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static long id(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return Long.parseLong(response.getContentAsString().replaceAll("\\D", ""));
    }
}
