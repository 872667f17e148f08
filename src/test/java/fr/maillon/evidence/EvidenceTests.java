package fr.maillon.evidence;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/** Testimonies and files: types and sizes checked, consent respected outside the structure, files served safely. */
@SpringBootTest
@AutoConfigureMockMvc
class EvidenceTests {

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ChainService chains;

    @Autowired
    EvidenceService evidence;

    @Autowired
    OrganisationService organisations;

    @Autowired
    MockMvc mvc;

    @Test
    void evidenceIsCheckedAndStaysWithinTheStructureWithoutConsent() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Paroles", EvaluationScope.ACTION,
                "Jardin", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), null));
        long effect = chains.addElement(evaluation, new ChainElementDraft(ElementKind.EFFECT, "Des voisins qui se parlent",
                null, null, null, null, null, null, null, null, EffectTarget.HABITANTS, null));
        long testimony = evidence.add(evaluation, draft(EvidenceKind.TESTIMONY, "Fatou, 54 ans", "Avant je ne connaissais "
                + "personne dans l'immeuble.", true, List.of(effect), null, null));
        evidence.add(evaluation, draft(EvidenceKind.QUOTE, "Sans accord", "Une parole privée.", false, List.of(), null,
                null));
        long photo = evidence.add(evaluation, draft(EvidenceKind.PHOTO, "Le jardin en juin", null, true, List.of(effect),
                "jardin.png", png()));
        long pdf = evidence.add(evaluation, draft(EvidenceKind.DOCUMENT, "Compte rendu", null, true, List.of(),
                "compte-rendu.pdf", "%PDF-1.4\n%…".getBytes(StandardCharsets.UTF_8)));
        assertViolation(() -> evidence.add(evaluation, draft(EvidenceKind.PHOTO, "Faux", null, true, List.of(),
                "photo.png", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))), "evidence.file.photo");
        assertViolation(() -> evidence.add(evaluation, draft(EvidenceKind.DOCUMENT, "Page", null, true, List.of(),
                "page.html", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))),
                "evidence.file.type");
        assertViolation(() -> evidence.add(evaluation, draft(EvidenceKind.DOCUMENT, "Énorme", null, true, List.of(),
                "gros.pdf", new byte[EvidenceService.MAX_FILE + 1])), "evidence.file.tooBig");
        assertViolation(() -> evidence.add(evaluation, draft(EvidenceKind.TESTIMONY, "Sans texte", null, true, List.of(),
                null, null)), "evidence.body.required");
        assertViolation(() -> evidence.add(evaluation, draft(EvidenceKind.TESTIMONY, "Effet d'ailleurs", "Texte", true,
                List.of(987654L), null, null)), "evidence.effects.invalid");
        assertThat(evidence.evidence(evaluation)).hasSize(4);
        assertThat(evidence.evidence(evaluation)).filteredOn(item -> item.id() == testimony).singleElement()
                .satisfies(item -> assertThat(item.effectIds()).containsExactly(effect));

        // a CAF the evaluation is shared with sees what has consent, and its files
        long caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(OrganisationType.CAF,
                "CAF " + evaluation, List.of("07")));
        String cafMember = users.newUsername("caf");
        users.addMember(caf, users.newUser(cafMember), Role.CAF_MEMBER);
        organisations.shareUnchecked(editor.structureId(), evaluation, caf, editor.userId());
        users.signIn(cafMember);
        assertThat(evidence.evidence(evaluation)).extracting(Evidence::title).doesNotContain("Sans accord").hasSize(3);
        SecurityContextHolder.clearContext();

        MockHttpServletResponse image = mvc.perform(get("/evaluations/{e}/evidence/{id}/file", evaluation, photo)
                .with(users.as(cafMember))).andReturn().getResponse();
        assertThat(image.getContentType()).isEqualTo("image/png");
        assertThat(image.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(image.getHeader("Content-Disposition")).startsWith("inline");
        assertThat(mvc.perform(get("/evaluations/{e}/evidence/{id}/file", evaluation, pdf).with(users.as(editor.username())))
                .andReturn().getResponse().getHeader("Content-Disposition")).startsWith("attachment");
        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_ADMIN);
        assertThat(mvc.perform(get("/evaluations/{e}/evidence/{id}/file", evaluation, photo)
                .with(users.as(stranger.username()))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/evaluations/{e}/evidence", evaluation).with(users.as(stranger.username())))
                .andReturn().getResponse().getStatus()).isEqualTo(404);

        // through the page, with a file
        String page = mvc.perform(multipart("/evaluations/{e}/evidence", evaluation).file(new MockMultipartFile("file",
                "affiche.png", "image/png", png())).param("kind", "PHOTO").param("title", "L'affiche <b>")
                .param("consent", "true").param("effectIds", String.valueOf(effect)).with(users.as(editor.username()))
                .with(csrf())).andReturn().getResponse().getRedirectedUrl();
        assertThat(page).endsWith("/evidence");
        String list = mvc.perform(get("/evaluations/{e}/evidence", evaluation).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("L&#39;affiche &lt;b&gt;").contains("Illustre : Des voisins qui se parlent");
    }

    private static EvidenceDraft draft(EvidenceKind kind, String title, String body, boolean consent, List<Long> effects,
            String fileName, byte[] content) {
        return new EvidenceDraft(kind, title, body, "Atelier du mardi", LocalDate.of(2024, 6, 4), consent, effects,
                fileName, content);
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        try (ByteArrayOutputStream output = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", output);
            return output.toByteArray();
        }
    }

    private static void assertViolation(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RuleViolationException.class,
                ex -> assertThat(ex.violations()).extracting(RuleViolationException.Violation::code).contains(code));
    }
}
