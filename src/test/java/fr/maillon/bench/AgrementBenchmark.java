package fr.maillon.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import fr.maillon.TestUsers;
import fr.maillon.agrement.AgrementFileService;
import fr.maillon.agrement.AgrementPart;
import fr.maillon.agrement.NetworkFiles;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.network.NetworkService;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The CAF's page of agrément files, timed: a CAF whose 30, then 100, centres sociaux each share a projet social as
 * full as the demo's Conserverie (its chain, framework with values, survey, evidence, verdicts and workshop, imported
 * with the scope of the whole projet social). Warm medians and worst runs of the service, of the page over HTTP and of
 * the agrément calendar page (which shows each file's state too), beside the bare calendar and beside each file
 * built whole through the services, as the page did before it was set-based. Not a test: run with
 * {@code ./mvnw -o test -Dtest=AgrementBenchmark -Dmaillon.bench=agrement}, never by verify. Figures go to standard
 * output and to target/bench-agrement.txt.
 */
@SpringBootTest(properties = "maillon.network.refresh-delay=PT10000H")
@AutoConfigureMockMvc
@EnabledIfSystemProperty(named = "maillon.bench", matches = "agrement")
class AgrementBenchmark {

    private static final int WARM_UP = 3;
    private static final int RUNS = 10;

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    ExchangeService exchange;

    @Autowired
    AgrementFileService files;

    @Autowired
    NetworkService network;

    @Autowired
    JsonMapper mapper;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    private final List<String> report = new ArrayList<>();

    @Test
    void theCafsFilesPage() throws Exception {
        ObjectNode document = (ObjectNode) mapper.readTree(new ClassPathResource("demo/conserverie-mobile.json")
                .getContentAsString(StandardCharsets.UTF_8));
        ObjectNode evaluation = (ObjectNode) document.get("evaluation");
        evaluation.put("scope", "PROJET_SOCIAL").put("title", "Projet social 2018-2021").remove("actionName");
        evaluation.remove("illustrative");
        byte[] projetSocial = document.toString().getBytes(StandardCharsets.UTF_8);
        measure(30, "48", projetSocial);
        measure(100, "15", projetSocial);
        Files.write(Path.of("target/bench-agrement.txt"), report);
    }

    private void measure(int structures, String departement, byte[] projetSocial) throws Exception {
        String editor = users.newUsername("bench-editor");
        long editorId = users.newUser(editor);
        long caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(OrganisationType.CAF,
                "Bench CAF " + departement, List.of(departement)));
        String conseiller = users.newUsername("bench-caf");
        users.addMember(caf, users.newUser(conseiller), Role.CAF_MEMBER);
        long began = System.nanoTime();
        for (int i = 0; i < structures; i++) {
            long structure = organisations.createStructureUnchecked(new StructureDraft("Bench centre " + departement
                    + "-" + (i + 1), StructureKind.CENTRE_SOCIAL, departement, "Commune " + (i + 1),
                    LocalDate.of(2023, 1, 1), LocalDate.of(2026, 12, 31).plusMonths(i % 24), null, null, false, null,
                    null));
            organisations.addMemberUnchecked(structure, editorId, Role.STRUCTURE_EDITOR);
            users.signIn(editor);
            long imported = exchange.importEvaluation(structure, projetSocial);
            if (i % 2 == 0) {
                files.saveNote(imported, AgrementPart.PREVIOUS_EVALUATION, "Évaluation de 2022 jointe.", false);
            }
            organisations.shareUnchecked(structure, imported, caf, editorId);
        }
        line("%d structures, each sharing a projet social with the CAF, built in %.0f s", structures,
                (System.nanoTime() - began) / 1e9);
        jdbc.sql("ANALYZE").update();

        users.signIn(conseiller);
        NetworkFiles sample = files.networkFiles(caf);
        if (sample.lines().size() != structures || sample.lines().stream().anyMatch(l -> l.evaluation() == null)) {
            throw new IllegalStateException("expected " + structures + " files, got " + sample.lines().size());
        }
        List<Long> evaluations = sample.lines().stream().map(line -> line.evaluation().id()).toList();
        double[] calendar = Timing.time(WARM_UP, RUNS, () -> network.calendar(caf));
        double[] fileByFile = Timing.time(WARM_UP, RUNS, () -> {
            network.calendar(caf);
            evaluations.forEach(files::file);
        });
        double[] service = Timing.time(WARM_UP, RUNS, () -> files.networkFiles(caf));
        double[] page = Timing.time(WARM_UP, RUNS, () -> page("/networks/" + caf + "/agrement", conseiller));
        double[] calendarPage = Timing.time(WARM_UP, RUNS, () -> page("/networks/" + caf + "/calendar", conseiller));
        double[] milestonesPage = Timing.time(WARM_UP, RUNS, () -> page("/networks/" + caf + "/milestones",
                conseiller));
        line("%d structures, median / worst over %d warm runs:", structures, RUNS);
        line("  agrément calendar alone (service): %.1f / %.1f ms", calendar[0], calendar[1]);
        line("  each structure's whole file built through the services, as the page did before: %.1f / %.1f ms "
                + "(%.1f ms a structure)", fileByFile[0], fileByFile[1], fileByFile[0] / structures);
        line("  the CAF's files, set-based (service: calendar, then one statement for every file's parts): "
                + "%.1f / %.1f ms", service[0], service[1]);
        line("  files page over HTTP (MockMvc, rendered): %.1f / %.1f ms", page[0], page[1]);
        line("  calendar page over HTTP, with each file's state: %.1f / %.1f ms", calendarPage[0], calendarPage[1]);
        line("  for scale, the milestones form over HTTP (a page that reads no structure): %.1f / %.1f ms",
                milestonesPage[0], milestonesPage[1]);
    }

    private void page(String path, String username) {
        try {
            mvc.perform(get(path).with(users.as(username))).andExpect(status().isOk());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void line(String format, Object... arguments) {
        String text = String.format(Locale.ROOT, format, arguments);
        System.out.println(text);
        report.add(text);
    }
}
