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
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.importing.AnswerImporter;
import fr.maillon.organisation.Role;
import fr.maillon.survey.Choice;
import fr.maillon.survey.QuestionDraft;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.SurveyService;

/**
 * An answers export the size of a real LimeSurvey one, timed: 10,000 responses of 646 columns
 * (id, submitdate, lastpage, startlanguage, seed; 40 arrays of 10 subquestions {@code Q01[SQ001]},
 * answered A1–A5; 20 multiple choices of 8 choices, {@code Y} or empty; 41 numbers; 40 short
 * texts), every field quoted as LimeSurvey writes them, generated here, imported through the API's
 * service (format told, columns guessed, every row checked, then written in one transaction) in a
 * JVM whose heap is capped (bench/answers-import.sh runs it with -Xmx256m). Not a test: run on
 * demand, never by verify. Figures go to standard output and to target/bench-answers-import.txt.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "maillon.bench", matches = "answers-import")
class AnswersImportBenchmark {

    static final int RESPONSES = 10_000;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    @Autowired
    AnswerImporter answers;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private final List<String> report = new ArrayList<>();

    @Test
    void limeSurveyExportOf646ColumnsAnd10000Responses() throws Exception {
        TestUsers.Created owner = users.structureWithMember(Role.STRUCTURE_ADMIN);
        users.signIn(owner.username());
        long evaluation = evaluations.create(owner.structureId(), new EvaluationDraft("Grande enquête",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2020, 1, 1), LocalDate.of(2030, 12, 31),
                EvaluationStatus.COLLECTING));
        long survey = surveys.create(evaluation, new SurveyDraft("Enquête LimeSurvey", null, null, null, null));
        List<String> headers = new ArrayList<>(List.of("id", "submitdate", "lastpage", "startlanguage", "seed"));
        List<Choice> scale = List.of(new Choice("A1", "Pas du tout", null), new Choice("A2", "Peu", null),
                new Choice("A3", "Moyen", null), new Choice("A4", "Assez", null), new Choice("A5", "Tout à fait", null));
        for (int array = 1; array <= 40; array++) {
            for (int row = 1; row <= 10; row++) {
                String code = String.format("Q%02d_SQ%03d", array, row);
                surveys.saveQuestion(survey, null, question(code, QuestionKind.SINGLE, "Tableau " + array + " ligne "
                        + row, scale));
                headers.add(String.format("Q%02d[SQ%03d]", array, row));
            }
        }
        for (int multiple = 41; multiple <= 60; multiple++) {
            List<Choice> choices = new ArrayList<>();
            for (int choice = 1; choice <= 8; choice++) {
                choices.add(new Choice(String.format("SQ%03d", choice), "Choix " + choice, null));
                headers.add(String.format("Q%02d[SQ%03d]", multiple, choice));
            }
            surveys.saveQuestion(survey, null, question("Q" + multiple, QuestionKind.MULTIPLE, "Plusieurs " + multiple,
                    choices));
        }
        for (int number = 61; number <= 101; number++) {
            surveys.saveQuestion(survey, null, question("Q" + number, QuestionKind.NUMBER, "Nombre " + number,
                    List.of()));
            headers.add("Q" + number);
        }
        for (int text = 102; text <= 141; text++) {
            surveys.saveQuestion(survey, null, question("Q" + text, QuestionKind.SHORT_TEXT, "Texte " + text,
                    List.of()));
            headers.add("Q" + text);
        }
        byte[] file = export(headers);
        System.gc();
        resetPeaks();
        String backend = Files.readString(Path.of("/proc", String.valueOf(jdbc.sql("SELECT pg_backend_pid()")
                .query(Integer.class).single()), "stat"));
        long postmaster = Long.parseLong(backend.substring(backend.lastIndexOf(')') + 2).split(" ")[1]);
        double[] load = { ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() };
        long databaseBefore = databaseTicks(postmaster);
        long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long gcBefore = gcMillis();
        long began = System.nanoTime();
        AnswerImporter.Result result = answers.importFile(survey, null, Map.of(), "survey_123456_results.csv", file);
        double seconds = (System.nanoTime() - began) / 1e9;
        double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore) / 1e9;
        double database = (databaseTicks(postmaster) - databaseBefore) / 100.0;
        double gc = (gcMillis() - gcBefore) / 1000.0;
        line("LimeSurvey export of %d responses x %d columns (%d bytes) imported through the API's service: %.1f s "
                + "(load average %.1f before, %.1f after, on %d cores); CPU: %.1f s in the importing thread, %.1f s in "
                + "PostgreSQL; garbage collection %.1f s; %d imported, %d skipped, %d columns not imported; heap: at most %d MB used of %d MB "
                + "allowed", RESPONSES, headers.size(), file.length, seconds, load[0],
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), cpu, database, gc, result.imported(), result.skipped(),
                result.notKept().size(), peakHeap() / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        Files.write(Path.of("target/bench-answers-import.txt"), report);
    }

    /** The export, every field quoted as LimeSurvey writes them; one response in ten left incomplete. */
    private static byte[] export(List<String> headers) {
        Random random = new Random(15);
        StringBuilder csv = new StringBuilder(40 * 1024 * 1024);
        for (int i = 0; i < headers.size(); i++) {
            csv.append(i == 0 ? "" : ",").append('"').append(headers.get(i)).append('"');
        }
        csv.append('\n');
        for (int response = 1; response <= RESPONSES; response++) {
            boolean complete = response % 10 != 0;
            csv.append('"').append(response).append("\",\"")
                    .append(complete ? String.format("2025-%02d-%02d %02d:%02d:00", 1 + response % 12,
                            1 + response % 28, 8 + response % 10, response % 60) : "")
                    .append("\",\"").append(complete ? 12 : 3).append("\",\"fr\",\"").append(random.nextInt(1_000_000))
                    .append('"');
            for (int i = 5; i < headers.size(); i++) {
                String header = headers.get(i);
                int question = Integer.parseInt(header.substring(1, header.indexOf('[') < 0 ? header.length()
                        : header.indexOf('[')));
                String value;
                if (question <= 40) {
                    value = "A" + (1 + random.nextInt(5));
                }
                else if (question <= 60) {
                    value = random.nextInt(3) == 0 ? "Y" : "";
                }
                else if (question <= 101) {
                    value = String.valueOf(random.nextInt(100));
                }
                else {
                    value = random.nextInt(4) == 0 ? "réponse " + random.nextInt(1000) : "";
                }
                csv.append(",\"").append(value).append('"');
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static QuestionDraft question(String code, QuestionKind kind, String label, List<Choice> choices) {
        return new QuestionDraft(null, code, kind, label, null, null, null, false, false, null, null, null, null,
                choices);
    }

    /** CPU time (in clock ticks, 1/100 s) of the PostgreSQL server and its backends, from /proc. */
    private static long databaseTicks(long postmaster) throws java.io.IOException {
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(process.getFileName().toString());
                    if (pid == postmaster || Long.parseLong(fields[1]) == postmaster) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                }
                catch (java.io.IOException | RuntimeException gone) {
                    // a process that ended meanwhile
                }
            }
        }
        return ticks;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private void line(String format, Object... arguments) {
        String text = String.format(java.util.Locale.ROOT, format, arguments);
        System.out.println("[bench] " + text);
        report.add(text);
    }
}
