package fr.maillon.survey;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Readers (a CAF the evaluation is shared with, a structure's viewer) read a survey and its results
 * but do not answer it: the waves' public links, QR codes and printed questionnaires are not given
 * to readers from outside, and typing in answers is for the structure's editors (403 in French). The
 * public link itself stays open to anyone who is given it: that is its purpose.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SurveyReadersTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    @Autowired
    OrganisationService organisations;

    @Test
    void readersDoNotGetTheLinksToAnswerNorTypeInAnswers() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Paroles d'habitants",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), null));
        SecurityContextHolder.clearContext();
        String location = mvc.perform(post("/evaluations/{e}/surveys", evaluation).param("title", "Le centre et vous")
                .param("audience", "HABITANTS").with(users.as(editor.username())).with(csrf())).andReturn()
                .getResponse().getRedirectedUrl();
        long survey = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        users.signIn(editor.username());
        Wave wave = surveys.survey(survey).waves().get(0);
        long caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(OrganisationType.CAF,
                "CAF lectrice " + survey, List.of("07")));
        SecurityContextHolder.clearContext();
        String cafMember = users.newUsername("caf");
        users.addMember(caf, users.newUser(cafMember), Role.CAF_MEMBER);
        organisations.shareUnchecked(editor.structureId(), evaluation, caf, editor.userId());
        String viewer = users.newUsername("viewer");
        users.addMember(editor.structureId(), users.newUser(viewer), Role.STRUCTURE_VIEWER);

        // the CAF reads the survey, without the links to answer it
        MockHttpServletResponse page = response(get("/surveys/{s}", survey), cafMember);
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("Le centre et vous").doesNotContain(wave.token())
                .contains("Réservé aux membres de la structure");
        assertThat(response(get("/api/v1/surveys/{s}", survey), cafMember).getContentAsString())
                .contains("Le centre et vous").doesNotContain(wave.token());
        assertThat(response(get("/api/v1/evaluations/{e}/surveys", evaluation), cafMember).getContentAsString())
                .contains("Le centre et vous").doesNotContain(wave.token());
        for (MockHttpServletRequestBuilder request : List.of(get("/surveys/{s}/waves/{w}/qr.png", survey, wave.id()),
                get("/surveys/{s}/waves/{w}/qr.svg", survey, wave.id()), get("/surveys/{s}/paper.pdf", survey))) {
            assertThat(response(request, cafMember).getStatus()).isEqualTo(403);
        }

        // typing in answers is for the structure's editors
        for (String reader : List.of(cafMember, viewer)) {
            MockHttpServletResponse paper = response(get("/surveys/{s}/paper", survey), reader);
            assertThat(paper.getStatus()).as(reader).isEqualTo(403);
            assertThat(paper.getContentAsString()).contains("Accès refusé");
            assertThat(mvc.perform(post("/surveys/{s}/paper", survey).param("wave", String.valueOf(wave.id()))
                    .with(users.as(reader)).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(403);
        }

        // the structure's members hand the link out; the editor types in paper answers
        assertThat(response(get("/surveys/{s}", survey), viewer).getContentAsString()).contains(wave.token());
        assertThat(response(get("/surveys/{s}", survey), editor.username()).getContentAsString())
                .contains(wave.token());
        assertThat(response(get("/surveys/{s}/paper", survey), editor.username()).getStatus()).isEqualTo(200);
        // and the public link stays open to anyone given it
        assertThat(mvc.perform(get("/s/{t}", wave.token())).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse response(MockHttpServletRequestBuilder request, String username) throws Exception {
        return mvc.perform(request.with(users.as(username))).andReturn().getResponse();
    }
}
