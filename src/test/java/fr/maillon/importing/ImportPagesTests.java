package fr.maillon.importing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** An import through the pages: upload, preview, mapping, the job and its report; another structure sees none of it. */
@SpringBootTest
@AutoConfigureMockMvc
class ImportPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anXlsFormBecomesASurveyThroughThePages() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Enquête Kobo",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31), null));
        SecurityContextHolder.clearContext();

        String empty = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(new MockMultipartFile("file",
                "vide.csv", "text/csv", new byte[0])).param("kind", "VALUES").with(users.as(editor.username()))
                .with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(empty).contains("Le fichier est vide.");

        byte[] form = Files.readAllBytes(ImportTests.FIXTURES.resolve("xlsform/socio-economic-survey-v20240515.xlsx"));
        String preview = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(new MockMultipartFile(
                "file", "socio.xlsx", "application/octet-stream", form)).param("kind", "XLSFORM")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        assertThat(preview).startsWith("/imports/");
        String page = mvc.perform(get(preview).with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("Laissé de côté").contains("Créer l&#39;enquête");

        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_ADMIN);
        assertThat(mvc.perform(get(preview).with(users.as(stranger.username()))).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(post(preview).with(users.as(stranger.username())).with(csrf())).andReturn()
                .getResponse().getStatus()).isEqualTo(404);

        String job = mvc.perform(post(preview).with(users.as(editor.username())).with(csrf())).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(job).startsWith("/imports/jobs/");
        String result = "";
        for (int i = 0; i < 100 && !result.contains("id=\"result\""); i++) {
            Thread.sleep(100);
            result = mvc.perform(get(job).with(users.as(editor.username()))).andReturn().getResponse()
                    .getContentAsString();
        }
        assertThat(result).contains("questions importées");
        assertThat(mvc.perform(get(job).with(users.as(stranger.username()))).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM survey WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(mvc.perform(get(preview).with(users.as(editor.username()))).andReturn().getResponse().getStatus())
                .as("the file is gone once imported").isEqualTo(404);
        assertThat(new String(form, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
    }
}
