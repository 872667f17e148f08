package fr.maillon.exchange;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Export → import → export gives the same document; bad documents are refused with paths, all or nothing. */
@SpringBootTest
@AutoConfigureMockMvc
class ExchangeTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    TestUsers.Created editor;
    String demo;

    @Autowired
    JsonMapper mapper;

    @BeforeEach
    void setUp() throws Exception {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        demo = new ClassPathResource("demo/conserverie-mobile.json").getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void exportImportExportGivesTheSameDocument() throws Exception {
        long conserverie = jdbc.sql("SELECT id FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire' "
                + "AND structure_id = (SELECT id FROM organisation WHERE name = 'La Coopération')")
                .query(Long.class).single();
        String first = mvc.perform(get("/api/v1/evaluations/{id}/export", conserverie).with(users.as("coope")))
                .andReturn().getResponse().getContentAsString();
        assertThat(first).contains("\"format\":\"maillon-evaluation\"").contains("\"ref\":\"eff-7\"")
                .contains("\"referential\":\"drome\"");

        MockHttpServletResponse imported = importAs(editor.username(), first);
        assertThat(imported.getStatus()).isEqualTo(201);
        String id = imported.getContentAsString().replaceAll("\\D", "");
        String second = mvc.perform(get("/api/v1/evaluations/{id}/export", id).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(second).isEqualTo(first);
        assertThat(count("chain_element")).isEqualTo(27);
        assertThat(count("chain_link")).isEqualTo(36);
        assertThat(count("interaction")).isEqualTo(13);
        assertThat(count("stakeholder")).isEqualTo(11);
    }

    @Test
    void aFederationExportsTheFinalisedReportsOfASharedEvaluationButNotTheDraft() throws Exception {
        long conserverie = jdbc.sql("SELECT id FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire' "
                + "AND structure_id = (SELECT id FROM organisation WHERE name = 'La Coopération')")
                .query(Long.class).single();
        ObjectNode own = (ObjectNode) mapper.readTree(mvc.perform(get("/api/v1/evaluations/{id}/export", conserverie)
                .with(users.as("coope"))).andReturn().getResponse().getContentAsString());
        ObjectNode shared = (ObjectNode) mapper.readTree(mvc.perform(get("/api/v1/evaluations/{id}/export",
                conserverie).with(users.as("federation26"))).andReturn().getResponse().getContentAsString());
        assertThat(own.get("reports").get(0).get("narratives").size()).isEqualTo(4);
        assertThat(shared.get("reports").get(0).has("narratives")).isFalse();
        assertThat(shared.get("reports").get(0).get("versions")).isEqualTo(own.get("reports").get(0).get("versions"));
    }

    @Test
    void aVersion1DocumentStillImports() throws Exception {
        String version1 = new ClassPathResource("exchange/conserverie-mobile-v1.json")
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(version1).contains("\"version\": 1,");
        MockHttpServletResponse imported = importAs(editor.username(), version1);
        assertThat(imported.getStatus()).isEqualTo(201);
        assertThat(count("chain_element")).isEqualTo(27);
        assertThat(count("chain_link")).isEqualTo(36);
        String exported = mvc.perform(get("/api/v1/evaluations/{id}/export",
                imported.getContentAsString().replaceAll("\\D", "")).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(exported).contains("\"version\":2,");
    }

    @Test
    void refusesAnUnknownVersionOrFormat() throws Exception {
        assertRefused(demo.replace("\"version\": 2", "\"version\": 3"), "$.version", "Version 3 inconnue");
        assertRefused(demo.replace("maillon-evaluation", "autre-outil"), "$.format", "format");
        assertRefused("[1, 2]", "$", "objet JSON");
        assertRefused(demo.replace("\"periodEnd\": \"2021-12-31\"", "\"periodEnd\": \"2021-02-30\""),
                "$.evaluation.periodEnd", "ne peut pas être lu");
    }

    @Test
    void refusesWrongTypesWithTheirPaths() throws Exception {
        String wrong = demo.replace("\"quantity\": 1600.00", "\"quantity\": \"beaucoup\"")
                .replace("\"kind\": \"OUTPUT\", \"name\": \"Bocaux produits\"", "\"kind\": \"BOCAL\", \"name\": \"Bocaux produits\"")
                .replace("\"communityMember\": false,\n      \"presentation\": \"Communauté", "\"communityMember\": \"non\",\n      \"presentation\": \"Communauté");
        String body = assertRefused(wrong, "$.elements[0].quantity", null);
        assertThat(body).contains("$.elements[17].kind").contains("$.stakeholders[5].communityMember");
    }

    @Test
    void refusesDanglingReferencesAndForbiddenLinks() throws Exception {
        String dangling = demo.replace("\"source\": \"res-4\", \"target\": \"act-6\"",
                "\"source\": \"res-99\", \"target\": \"act-6\"")
                .replace("\"stakeholder\": \"sh-11\"", "\"stakeholder\": \"sh-42\"")
                .replace("\"provider\": \"sh-3\"", "\"provider\": \"sh-33\"");
        String body = assertRefused(dangling, "$.links[5].source", "res-99");
        assertThat(body).contains("$.interactions[12].stakeholder").contains("$.elements[2].provider");

        String forbidden = demo.replace("\"source\": \"act-1\", \"target\": \"act-5\"",
                "\"source\": \"act-5\", \"target\": \"act-1\"")
                .replace("\"source\": \"out-1\", \"target\": \"eff-1\"", "\"source\": \"out-1\", \"target\": \"res-3\"");
        String forbiddenBody = assertRefused(forbidden, "$.links[12].target", "La méthode ne prévoit pas de lien");
        assertThat(forbiddenBody).contains("$.links[25].target");

        String duplicate = demo.replace("\"ref\": \"out-4\"", "\"ref\": \"out-3\"");
        assertRefused(duplicate, "$.elements[19].ref", "déjà utilisée");
    }

    @Test
    void refusesMalformedFilesFromThePage() throws Exception {
        MockHttpServletResponse latin1 = mvc.perform(multipart("/structures/{id}/import", editor.structureId())
                .file("file", "{\"title\": \"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1))
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
        assertThat(latin1.getStatus()).isEqualTo(200);
        assertThat(latin1.getContentAsString()).contains("pas encodé en UTF-8");
        MockHttpServletResponse broken = mvc.perform(multipart("/structures/{id}/import", editor.structureId())
                .file("file", "{\"format\": ".getBytes(StandardCharsets.UTF_8)).with(users.as(editor.username()))
                .with(csrf())).andReturn().getResponse();
        assertThat(broken.getContentAsString()).contains("pas du JSON valide (ligne 1");
        MockHttpServletResponse good = mvc.perform(multipart("/structures/{id}/import", editor.structureId())
                .file("file", demo.getBytes(StandardCharsets.UTF_8)).with(users.as(editor.username())).with(csrf()))
                .andReturn().getResponse();
        assertThat(good.getRedirectedUrl()).matches("/evaluations/\\d+");
        assertThat(count("chain_element")).isEqualTo(27);
    }

    @Test
    void anotherStructureCannotBeTheTarget() throws Exception {
        long cooperation = jdbc.sql("SELECT id FROM organisation WHERE name = 'La Coopération'").query(Long.class)
                .single();
        MockHttpServletResponse response = mvc.perform(post("/api/v1/structures/{id}/evaluations/import",
                cooperation).with(users.as(editor.username())).with(csrf()).contentType("application/json")
                .content(demo)).andReturn().getResponse();
        assertThat(response.getStatus()).isIn(403, 404);
    }

    @Test
    void refusesABadFrameworkWithItsPathsAndWritesNothing() throws Exception {
        ObjectNode document = (ObjectNode) mapper.readTree(demo);
        ObjectNode framework = (ObjectNode) document.get("framework");
        ((ObjectNode) framework.get("questions").get(2)).put("criterion", "inconnu");
        ((ObjectNode) framework.get("indicators").get(3)).put("formula", "valeur_benevolat * 2");
        ((ObjectNode) framework.get("indicators").get(6).get("values").get(0)).put("value", -5);
        ((ArrayNode) framework.get("indicators").get(0).get("questions")).add("q-99");
        String body = assertRefused(mapper.writeValueAsString(document), "$.framework.indicators[0].questions[1]",
                "q-99");
        assertThat(body).doesNotContain("$.framework.questions[2].criterion");

        ((ArrayNode) framework.get("indicators").get(0).get("questions")).remove(1);
        body = assertRefused(mapper.writeValueAsString(document), "$.framework.questions[2].criterion", "inconnu");
        assertThat(body).contains("$.framework.indicators[3].formula").contains("tourne en rond");

        ((ObjectNode) framework.get("questions").get(2)).put("criterion", "impact");
        ((ObjectNode) framework.get("indicators").get(3)).put("formula", "heures_benevoles * taux_horaire");
        assertRefused(mapper.writeValueAsString(document), "$.framework.indicators[6].values[0]", "Séances d'atelier");
        assertThat(count("indicator")).isZero();
        assertThat(count("data_value")).isZero();
    }

    @Test
    void refusesAFinalisedReportWhosePicturesCouldRunOrLoadAnything() throws Exception {
        long conserverie = jdbc.sql("SELECT id FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire' "
                + "AND structure_id = (SELECT id FROM organisation WHERE name = 'La Coopération')")
                .query(Long.class).single();
        String exported = mvc.perform(get("/api/v1/evaluations/{id}/export", conserverie).with(users.as("coope")))
                .andReturn().getResponse().getContentAsString();
        for (String picture : List.of("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"url(https://ailleurs.example/x)\"/></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:x=\"http://www.w3.org/1999/xlink\"><g x:href=\"javascript:alert(1)\"/></svg>",
                "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg><text>&x;</text></svg>",
                "<img src=x onerror=alert(1)>", "<svg><title>ok</title></svg><script>alert(1)</script>")) {
            ObjectNode document = (ObjectNode) mapper.readTree(exported);
            ((ObjectNode) document.get("reports").get(0).get("versions").get(0).get("content")).put("diagramSvg", picture);
            assertRefused(mapper.writeValueAsString(document), "$.reports[0].versions[0].content", "image");
        }
        ObjectNode incomplete = (ObjectNode) mapper.readTree(exported);
        ((ObjectNode) incomplete.get("reports").get(0).get("versions").get(0).get("content")).remove("indicators");
        assertRefused(mapper.writeValueAsString(incomplete), "$.reports[0].versions[0].content", "indicators");
        ObjectNode misplaced = (ObjectNode) mapper.readTree(exported);
        ((ObjectNode) misplaced.get("contributions").get(0)).put("effect", "res-1");
        assertRefused(mapper.writeValueAsString(misplaced), "$.contributions[0].effect", "res-1");
        ObjectNode twice = (ObjectNode) mapper.readTree(exported);
        ArrayNode versions = (ArrayNode) twice.get("reports").get(0).get("versions");
        versions.add(versions.get(0).deepCopy());
        assertRefused(mapper.writeValueAsString(twice), "$.reports[0].versions[1].version", "1, 2, 3");
        ObjectNode future = (ObjectNode) mapper.readTree(exported);
        ((ObjectNode) future.get("reports").get(0).get("versions").get(0)).put("finalisedAt", "+1000000000-01-01T00:00:00Z");
        assertRefused(mapper.writeValueAsString(future), "$.reports[0].versions[0].finalisedAt", "plausible");
        ObjectNode otherAudience = (ObjectNode) mapper.readTree(exported);
        ((ObjectNode) otherAudience.get("reports").get(0).get("versions").get(0).get("content")).put("audience",
                "HABITANTS");
        assertRefused(mapper.writeValueAsString(otherAudience), "$.reports[0].versions[0].content.audience", "public");
        ObjectNode overflow = (ObjectNode) mapper.readTree(exported);
        ((ObjectNode) overflow.get("reports").get(0).get("versions").get(0).get("content").get("chain"))
                .put("links", 99_999_999_999L);
        assertRefused(mapper.writeValueAsString(overflow), "$.reports[0].versions[0].content.chain.links", null);
    }

    @Test
    void refusesNumbersNoFigureCanBeAndBodiesTooLarge() throws Exception {
        String answer = "\"answers\": {";
        assertThat(demo).contains(answer);
        for (String number : List.of("1e999999999", "1e-999999999", "123456789012345678901234567890")) {
            String body = assertRefused(demo.replaceFirst(java.util.regex.Pattern.quote(answer), answer
                    + "\"enorme\": " + number + ", "), "$.surveys[0].responses[0].answers.enorme", "chiffre");
            assertThat(body).doesNotContain("Exception");
        }
        byte[] huge = new byte[ExchangeService.MAX_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        MockHttpServletResponse response = mvc.perform(post("/api/v1/structures/{id}/evaluations/import",
                editor.structureId()).with(users.as(editor.username())).with(csrf()).contentType("application/json").content(huge))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("64 Mo");
    }

    @Test
    void aStructureArchiveImportsEveryDocumentOrNone() throws Exception {
        String dangling = demo.replace("\"source\": \"res-4\", \"target\": \"act-6\"",
                "\"source\": \"res-99\", \"target\": \"act-6\"");
        long before = jdbc.sql("SELECT count(*) FROM evaluation").query(Long.class).single();
        MockHttpServletResponse refused = importArchive(zip("01-bon.json", demo, "02-mauvais.json", dangling));
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString()).contains("\"path\":\"02-mauvais.json $.links[5].source\"");
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation").query(Long.class).single()).isEqualTo(before);
        assertThat(count("stakeholder")).isZero();

        assertThat(importArchive(zip("lisez-moi.txt", "rien")).getContentAsString()).contains("aucun document");
        assertThat(importArchive("pas un zip".getBytes(StandardCharsets.UTF_8)).getStatus()).isEqualTo(422);

        MockHttpServletResponse imported = importArchive(zip("01-bon.json", demo, "02-aussi.json", demo));
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(201);
        assertThat(count("chain_element")).isEqualTo(2 * 27);
    }

    private MockHttpServletResponse importArchive(byte[] zip) throws Exception {
        return mvc.perform(post("/api/v1/structures/{id}/import", editor.structureId())
                .with(users.as(editor.username())).with(csrf()).contentType("application/zip").content(zip))
                .andReturn().getResponse();
    }

    private static byte[] zip(String... namesAndContents) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new java.util.zip.ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private String assertRefused(String document, String path, String message) throws Exception {
        long before = jdbc.sql("SELECT count(*) FROM evaluation").query(Long.class).single();
        MockHttpServletResponse response = importAs(editor.username(), document);
        String body = response.getContentAsString();
        assertThat(response.getStatus()).as(body).isEqualTo(422);
        assertThat(response.getContentType()).contains("application/problem+json");
        assertThat(body).contains("\"path\":\"" + path + "\"");
        if (message != null) {
            assertThat(body).contains(message);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation").query(Long.class).single()).isEqualTo(before);
        assertThat(count("stakeholder")).isZero();
        return body;
    }

    private MockHttpServletResponse importAs(String username, String document) throws Exception {
        return mvc.perform(post("/api/v1/structures/{id}/evaluations/import", editor.structureId())
                .with(users.as(username)).with(csrf()).contentType("application/json").content(document))
                .andReturn().getResponse();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE structure_id = :structure")
                .param("structure", editor.structureId()).query(Long.class).single();
    }
}
