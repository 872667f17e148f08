package fr.maillon.restitution;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Reports built around the evaluative questions: the note de synthèse first, each question with its
 * verdict, argument and evidence, each indicator shown once and referred to elsewhere, then annexes.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ArguedReportTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDemoCafFileOpensWithItsSynthesisAndAnswersEachQuestion() throws Exception {
        long report = jdbc.sql("SELECT min(id) FROM report WHERE title LIKE 'Dossier d''agrément%'").query(Long.class)
                .single();
        byte[] pdf = mvc.perform(get("/reports/{id}/report.pdf", report).with(users.as("coope"))).andReturn()
                .getResponse().getContentAsByteArray();
        Files.write(Path.of("target", "demo-caf-draft.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Note de synthèse").contains("Annexes");
        }
    }
}
