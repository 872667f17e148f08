package fr.maillon.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodType;
import fr.maillon.framework.ValuesWorkbook;
import fr.maillon.importing.ImportJobs;
import fr.maillon.importing.ImportKind;
import fr.maillon.importing.ImportService;
import fr.maillon.importing.ValueImporter;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportFiles;
import fr.maillon.restitution.ReportService;

/**
 * Files, timed: the demo's finalised CAF report as PDF, warm; a 100,000-row CSV of values
 * imported (read, checked, written in one transaction) and the same values exported as XLSX, in a
 * JVM whose heap is capped (bench/files.sh runs it with -Xmx256m). Not a test: run by bench/files.sh, never by verify. Figures go to standard
 * output and to target/bench-files.txt.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "maillon.bench", matches = "files")
class FilesBenchmark {

    @Autowired
    ReportService reports;

    @Autowired
    ReportFiles files;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    FrameworkService framework;

    @Autowired
    ImportService imports;

    @Autowired
    ValueImporter values;

    @Autowired
    ValuesWorkbook valuesWorkbook;

    @Autowired
    JdbcClient jdbc;

    private final List<String> report = new ArrayList<>();

    @Test
    void reportPdfAndLargeImport() throws Exception {
        users.signIn("coope");
        long reportId = jdbc.sql("SELECT min(id) FROM report").query(Long.class).single();
        ReportContent content = reports.content(reportId, 1);
        double[] pdf = Timing.time(5, 20, () -> files.pdf(content, "http://localhost"));
        line("demo CAF report as PDF (%d bytes), warm: median %.0f ms, worst %.0f ms", files.pdf(content,
                "http://localhost").length, pdf[0], pdf[1]);

        TestUsers.Created owner = users.structureWithMember(Role.STRUCTURE_ADMIN);
        users.signIn(owner.username());
        long evaluation = evaluations.create(owner.structureId(), new EvaluationDraft("Grand import",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(1940, 1, 1), LocalDate.of(2023, 12, 31),
                EvaluationStatus.COLLECTING));
        for (int i = 1; i <= 100; i++) {
            framework.addIndicator(evaluation, new IndicatorDraft("indicateur_" + i, "Indicateur " + i, null,
                    Measure.COUNT, null, null, null, null, null, PeriodType.MONTH, null, false, DataSource.IMPORT, null,
                    null, null, null, null));
        }
        StringBuilder csv = new StringBuilder("Indicateur;Période;Valeur;Commentaire\n");
        for (int month = 0; month < 1000; month++) {
            String period = String.format(Locale.ROOT, "%d-%02d", 1940 + month / 12, month % 12 + 1);
            for (int i = 1; i <= 100; i++) {
                csv.append("indicateur_").append(i).append(';').append(period).append(';').append(month + i)
                        .append(";\n");
            }
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        System.gc();
        resetPeaks();
        long began = System.nanoTime();
        String token = imports.upload(evaluation, ImportKind.VALUES, null, "valeurs.csv", file);
        ImportJobs.Outcome outcome = values.run(token, values.preview(token).guess(), new ImportJobs.Progress() {
            @Override
            public void total(int total) {
            }

            @Override
            public void done(int done) {
            }
        });
        double seconds = (System.nanoTime() - began) / 1e9;
        line("CSV import of %d rows (%d bytes): %.1f s, %s; heap: at most %d MB used of %d MB allowed", 100_000,
                file.length, seconds, outcome.message(), peakHeap() / (1024 * 1024),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));

        // the same 100,000 values as a workbook, beside reading them alone (its baseline)
        double[] read = Timing.time(2, 5, () -> framework.valueLogs(evaluation));
        System.gc();
        resetPeaks();
        double[] xlsx = Timing.time(2, 5, () -> valuesWorkbook.workbook(evaluation));
        line("XLSX export of %d values (%d bytes), warm: median %.0f ms, worst %.0f ms (reading the values alone: "
                + "median %.0f ms); heap: at most %d MB used", jdbc.sql("SELECT count(*) FROM data_value WHERE "
                        + "evaluation_id = :e").param("e", evaluation).query(Long.class).single(),
                valuesWorkbook.workbook(evaluation).length, xlsx[0], xlsx[1], read[0], peakHeap() / (1024 * 1024));
        Files.write(Path.of("target/bench-files.txt"), report);
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }


    private void line(String format, Object... arguments) {
        String line = String.format(Locale.ROOT, format, arguments);
        System.out.println("[bench] " + line);
        report.add(line);
    }
}
