package fr.maillon.chain;

import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import fr.maillon.TestUsers;
import fr.maillon.exchange.EvaluationDocument;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.exchange.ImportRejectedException;
import fr.maillon.organisation.Role;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Chain hypotheses: a link marked confirmed, partly, not confirmed or not tested, with its
 * justification and evidence, through the service, the link's form, the API and the exchange
 * format; bad input and stale saves change nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class HypothesisTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ChainService chains;

    @Autowired
    ExchangeService exchange;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper mapper;

    TestUsers.Created editor;
    long evaluation;
    long workshop;
    long jars;
    long link;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Hypothèses",
                EvaluationScope.ACTION, "Conserverie", LocalDate.of(2022, 1, 1), LocalDate.of(2024, 12, 31), null));
        workshop = chains.addElement(evaluation, ChainServiceTests.activity("Ateliers de conserve",
                ActivityType.PRIMARY, null));
        jars = chains.addElement(evaluation, ChainElementDraft.named(ElementKind.OUTPUT, "Bocaux produits"));
        link = chains.addLink(evaluation, new LinkDraft(workshop, jars, "Les ateliers font les bocaux"));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aNewLinkIsNotTestedAndItsHypothesisIsSavedOverTheVersionRead() {
        Link created = chains.link(evaluation, link);
        assertThat(created.hypothesis()).isEqualTo(HypothesisStatus.NON_TESTEE);
        assertThat(created.version()).isZero();

        chains.updateLink(evaluation, link, new LinkDraft(null, null, "Les ateliers font les bocaux",
                HypothesisStatus.CONFIRMEE, "  Comptés à chaque atelier.  ", "Indicateur « Bocaux produits »"), 0);
        Link saved = chains.link(evaluation, link);
        assertThat(saved.hypothesis()).isEqualTo(HypothesisStatus.CONFIRMEE);
        assertThat(saved.justification()).isEqualTo("Comptés à chaque atelier.");
        assertThat(saved.evidence()).isEqualTo("Indicateur « Bocaux produits »");
        assertThat(saved.version()).isEqualTo(1);

        // a save over the version read before is refused, with the stored link
        assertThatThrownBy(() -> chains.updateLink(evaluation, link, new LinkDraft(null, null, null,
                HypothesisStatus.NON_CONFIRMEE, null, null), 0)).isInstanceOfSatisfying(ConcurrentEditException.class,
                        ex -> assertThat(ex.stored(Link.class).hypothesis()).isEqualTo(HypothesisStatus.CONFIRMEE));
        // too long a justification, other ends: refused, nothing changes
        assertThatThrownBy(() -> chains.updateLink(evaluation, link, new LinkDraft(null, null, null,
                HypothesisStatus.EN_PARTIE, "x".repeat(ChainService.MAX_JUSTIFICATION + 1), "y".repeat(
                        ChainService.MAX_EVIDENCE + 1)), 1)).isInstanceOfSatisfying(RuleViolationException.class,
                                ex -> assertThat(ex.violations()).extracting(RuleViolationException.Violation::field)
                                        .containsExactlyInAnyOrder("justification", "evidence"));
        assertThatThrownBy(() -> chains.updateLink(evaluation, link, new LinkDraft(jars, workshop, null,
                HypothesisStatus.EN_PARTIE, null, null), 1)).isInstanceOfSatisfying(RuleViolationException.class,
                        ex -> assertThat(ex.violations()).extracting(RuleViolationException.Violation::code)
                                .containsOnly("chain.link.endsFixed"));
        assertThat(chains.link(evaluation, link)).isEqualTo(saved);
    }

    @Test
    void theLinkFormMarksTheHypothesisAndTheChainPageShowsIt() throws Exception {
        SecurityContextHolder.clearContext();
        String form = mvc.perform(get("/evaluations/{e}/links/{l}/edit", evaluation, link)
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("Ateliers de conserve → Bocaux produits").contains("name=\"hypothesis\"")
                .contains("pas encore vérifiée").contains("name=\"justification\"").contains("name=\"evidence\"");

        MockHttpServletResponse saved = mvc.perform(post("/evaluations/{e}/links/{l}/edit", evaluation, link)
                .with(users.as(editor.username())).with(csrf()).param("rationale", "Les ateliers font les bocaux")
                .param("hypothesis", "EN_PARTIE").param("justification", "Comptés, mais pas tous.")
                .param("evidence", "Feuilles d'atelier").param("version", "0")).andReturn().getResponse();
        assertThat(saved.getRedirectedUrl()).endsWith("/evaluations/" + evaluation + "#link-" + link);
        String page = mvc.perform(get("/evaluations/{e}", evaluation).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("hypothesis-EN_PARTIE").contains("en partie confirmée")
                .contains("Comptés, mais pas tous.").contains("Preuves : Feuilles d&#39;atelier");

        // a stale form is shown again with the stored value and saves nothing; a huge text gets a message
        String stale = mvc.perform(post("/evaluations/{e}/links/{l}/edit", evaluation, link)
                .with(users.as(editor.username())).with(csrf()).param("hypothesis", "CONFIRMEE")
                .param("version", "0")).andReturn().getResponse().getContentAsString();
        assertThat(stale).contains("Version enregistrée").contains("en partie confirmée");
        String huge = mvc.perform(post("/evaluations/{e}/links/{l}/edit", evaluation, link)
                .with(users.as(editor.username())).with(csrf()).param("hypothesis", "CONFIRMEE")
                .param("justification", "x".repeat(5000)).param("version", "1")).andReturn().getResponse()
                .getContentAsString();
        assertThat(huge).contains("Ce texte est trop long");
        assertThat(jdbc.sql("SELECT hypothesis FROM chain_link WHERE id = :id").param("id", link).query(String.class)
                .single()).isEqualTo("EN_PARTIE");
        // a reader cannot open the form
        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_EDITOR);
        assertThat(mvc.perform(get("/evaluations/{e}/links/{l}/edit", evaluation, link)
                .with(users.as(stranger.username()))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void theApiReadsAndWritesHypothesesWithIfMatch() throws Exception {
        SecurityContextHolder.clearContext();
        MockHttpServletResponse read = mvc.perform(get("/api/v1/evaluations/{e}/links/{l}", evaluation, link)
                .with(users.as(editor.username()))).andReturn().getResponse();
        assertThat(read.getContentAsString()).contains("\"hypothesis\":\"NON_TESTEE\"").contains("\"version\":0");
        String etag = read.getHeader("ETag");
        assertThat(etag).isNotNull();

        String body = "{\"hypothesis\":\"NON_CONFIRMEE\",\"justification\":\"Peu de bocaux vendus\","
                + "\"evidence\":\"Cahier de caisse\",\"rationale\":\"Les ateliers font les bocaux\"}";
        assertThat(mvc.perform(put("/api/v1/evaluations/{e}/links/{l}", evaluation, link)
                .with(users.as(editor.username())).with(csrf()).header("If-Match", etag)
                .contentType("application/json").content(body)).andReturn().getResponse().getStatus()).isEqualTo(204);
        assertThat(mvc.perform(put("/api/v1/evaluations/{e}/links/{l}", evaluation, link)
                .with(users.as(editor.username())).with(csrf()).header("If-Match", etag)
                .contentType("application/json").content(body)).andReturn().getResponse().getStatus()).isEqualTo(409);
        MockHttpServletResponse bad = mvc.perform(put("/api/v1/evaluations/{e}/links/{l}", evaluation, link)
                .with(users.as(editor.username())).with(csrf()).contentType("application/json")
                .content("{\"hypothesis\":\"PEUT_ETRE\"}")).andReturn().getResponse();
        assertThat(bad.getStatus()).isBetween(400, 422);
        String chain = mvc.perform(get("/api/v1/evaluations/{e}/chain", evaluation).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(chain).contains("\"hypothesis\":\"NON_CONFIRMEE\"").contains("\"justification\":\"Peu de bocaux vendus\"")
                .contains("\"evidence\":\"Cahier de caisse\"");

        // a link created through the API may carry its hypothesis at once
        users.signIn(editor.username());
        long effect = chains.addElement(evaluation, ChainServiceTests.effect("Consommation responsable",
                EffectTarget.HABITANTS));
        SecurityContextHolder.clearContext();
        assertThat(mvc.perform(post("/api/v1/evaluations/{e}/links", evaluation).with(users.as(editor.username()))
                .with(csrf()).contentType("application/json").content("{\"sourceId\":" + jars + ",\"targetId\":"
                        + effect + ",\"hypothesis\":\"EN_PARTIE\",\"justification\":\"Selon l'enquête\"}"))
                .andReturn().getResponse().getStatus()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT hypothesis FROM chain_link WHERE target_id = :t").param("t", effect)
                .query(String.class).single()).isEqualTo("EN_PARTIE");
    }

    @Test
    void hypothesesTravelInTheExchangeFormat() throws Exception {
        chains.updateLink(evaluation, link, new LinkDraft(null, null, "Les ateliers font les bocaux",
                HypothesisStatus.EN_PARTIE, "Comptés, mais pas tous.", "Feuilles d'atelier"), null);
        EvaluationDocument document = exchange.export(evaluation);
        assertThat(document.version()).isEqualTo(2);
        assertThat(document.links()).singleElement().satisfies(part -> {
            assertThat(part.hypothesis()).isEqualTo(HypothesisStatus.EN_PARTIE);
            assertThat(part.justification()).isEqualTo("Comptés, mais pas tous.");
            assertThat(part.evidence()).isEqualTo("Feuilles d'atelier");
        });
        byte[] json = mapper.writeValueAsBytes(document);
        long copy = exchange.importEvaluation(editor.structureId(), json);
        Link imported = chains.chain(copy).links().get(0);
        assertThat(imported.hypothesis()).isEqualTo(HypothesisStatus.EN_PARTIE);
        assertThat(imported.justification()).isEqualTo("Comptés, mais pas tous.");
        assertThat(imported.evidence()).isEqualTo("Feuilles d'atelier");

        // a link without a hypothesis (as in version 1) imports as not tested; an unknown status is refused
        String plain = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        String withoutHypothesis = plain.replaceAll(",\"hypothesis\":\"EN_PARTIE\"", "")
                .replaceAll(",\"justification\":\"[^\"]*\"", "").replaceAll(",\"evidence\":\"[^\"]*\"", "");
        long untested = exchange.importEvaluation(editor.structureId(),
                withoutHypothesis.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(chains.chain(untested).links().get(0).hypothesis()).isEqualTo(HypothesisStatus.NON_TESTEE);
        long before = jdbc.sql("SELECT count(*) FROM evaluation").query(Long.class).single();
        assertThatThrownBy(() -> exchange.importEvaluation(editor.structureId(), plain.replace(
                "\"hypothesis\":\"EN_PARTIE\"", "\"hypothesis\":\"PEUT_ETRE\"").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))).isInstanceOf(ImportRejectedException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void theDemoLinksCarryHypotheses() {
        long demo = jdbc.sql("SELECT min(id) FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'")
                .query(Long.class).single();
        var counts = jdbc.sql("SELECT hypothesis, count(*) FROM chain_link WHERE evaluation_id = :e GROUP BY hypothesis")
                .param("e", demo).query((rs, row) -> java.util.Map.entry(rs.getString(1), rs.getLong(2))).list();
        assertThat(counts).extracting(java.util.Map.Entry::getKey)
                .contains("CONFIRMEE", "EN_PARTIE", "NON_CONFIRMEE", "NON_TESTEE");
        // illustrative, as the demo's pages say in their banner: the texts themselves carry no marker
        assertThat(jdbc.sql("SELECT count(*) FROM chain_link WHERE evaluation_id = :e AND justification IS NOT NULL")
                .param("e", demo).query(Long.class).single()).isGreaterThan(10);
        assertThat(jdbc.sql("SELECT illustrative FROM evaluation WHERE id = :e").param("e", demo).query(Boolean.class)
                .single()).isTrue();
    }
}
