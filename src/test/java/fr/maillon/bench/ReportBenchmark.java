package fr.maillon.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportFiles;
import fr.maillon.restitution.ReportService;

/**
 * Reports, timed: the demo's CAF file (draft drawn from the model, then its PDF), and the full CAF
 * file of a 200-node chain (the demo's framework, verdicts and surveys, its chain grown to 200
 * elements). Not a test: run by bench/reports.sh, never by verify. Figures go to standard output
 * and to target/bench-reports.txt.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "maillon.bench", matches = "reports")
class ReportBenchmark {

    @Autowired
    ReportService reports;

    @Autowired
    ReportFiles files;

    @Autowired
    ExchangeService exchange;

    @Autowired
    TestUsers users;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    private final List<String> report = new ArrayList<>();

    @Test
    void reports() throws Exception {
        users.signIn("coope");
        long demo = jdbc.sql("SELECT min(id) FROM report WHERE audience = 'CAF'").query(Long.class).single();
        measure("the demo's CAF file", demo);

        TestUsers.Created owner = users.structureWithMember(Role.STRUCTURE_ADMIN);
        users.signIn(owner.username());
        long evaluation = exchange.importEvaluation(owner.structureId(), json.writeValueAsBytes(grown(200)));
        long large = reports.create(evaluation, ReportAudience.CAF, "Dossier d'une chaîne de 200 éléments");
        measure("the CAF file of a 200-node chain", large);
        Files.write(Path.of("target/bench-reports.txt"), report);
    }

    /** The demo's document, its chain grown to {@code nodes} elements linked resource → activity → output → effect. */
    private ObjectNode grown(int nodes) {
        ObjectNode document = (ObjectNode) json.readTree(TestFiles.demoDocument());
        ArrayNode elements = (ArrayNode) document.get("elements");
        ArrayNode links = (ArrayNode) document.get("links");
        String[] kinds = { "RESOURCE", "ACTIVITY", "OUTPUT", "EFFECT" };
        String[] targets = { "HABITANTS", "TERRITOIRE", "COMMUNAUTE_ACTION" };
        for (int i = 0; elements.size() < nodes; i++) {
            String kind = kinds[i % 4];
            ObjectNode element = elements.addObject().put("ref", "gen-" + i).put("kind", kind)
                    .put("name", "Élément ajouté n° " + i + " pour mesurer un grand diagramme de la chaîne");
            switch (kind) {
                case "RESOURCE" -> element.put("resourceKind", "MATERIAL");
                case "ACTIVITY" -> element.put("activityType", "PRIMARY");
                case "EFFECT" -> element.put("target", targets[(i / 4) % 3]);
                default -> {
                }
            }
            if (i >= 1) {
                links.addObject().put("source", "gen-" + (i - 1)).put("target", "gen-" + i);
            }
            if (i % 4 == 3 && i >= 4) {
                links.addObject().put("source", "gen-" + (i - 5)).put("target", "gen-" + i);
            }
        }
        return document;
    }

    private void measure(String what, long reportId) throws Exception {
        ReportContent content = reports.printed(reportId, 0);
        byte[] pdf = files.pdf(content, "http://localhost");
        int pages;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            pages = document.getNumberOfPages();
        }
        double[] drawn = Timing.time(2, 9, () -> reports.printed(reportId, 0));
        double[] printed = Timing.time(2, 9, () -> files.pdf(content, "http://localhost"));
        double[] whole = Timing.time(1, 5, () -> files.pdf(reports.printed(reportId, 0), "http://localhost"));
        line("%s (%d pages, %d KB): drawn from the model with its diagram's printed pages median %.0f ms; "
                + "PDF median %.0f ms, worst %.0f ms; both, median %.0f ms, worst %.0f ms", what, pages,
                pdf.length / 1024, drawn[0], printed[0], printed[1], whole[0], whole[1]);
    }


    private void line(String format, Object... arguments) {
        String line = String.format(Locale.ROOT, format, arguments);
        System.out.println("[bench] " + line);
        report.add(line);
    }
}
