package fr.maillon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.network.NetworkResults;
import fr.maillon.network.NetworkProgress;
import fr.maillon.network.NetworkService;
import fr.maillon.network.ProgressQuery;
import fr.maillon.network.ProgressService;
import fr.maillon.network.internal.NetworkRepository;
import fr.maillon.network.internal.NetworkRepository.Periods;
import fr.maillon.network.internal.NetworkRepository.Reader;
import fr.maillon.network.internal.ProgressRepository;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The network benchmark on a national dataset (bench/national-dataset.sql): the territory
 * aggregates of a départemental and a regional federation, warm, beside the bare SQL aggregate of
 * the same values on the same database. Not a test: run by bench/national.sh, never by verify.
 * Figures go to standard output and to target/bench-national.txt. The database stays in
 * target/bench-data (or {@code -Dmaillon.bench.data=DIR}), and a second run reuses it.
 */
@SpringBootTest(properties = { "maillon.demo=false", "maillon.network.refresh-delay=PT10000H",
        "maillon.db.data-directory=${maillon.bench.data:target/bench-data}" })
@AutoConfigureMockMvc
@EnabledIfSystemProperty(named = "maillon.bench", matches = "national")
class NationalBenchmark {

    private static final int WARM_UP = Integer.getInteger("maillon.bench.warm-up", 30);
    private static final int RUNS = Integer.getInteger("maillon.bench.runs", 100);

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NetworkResults results;

    @Autowired
    NetworkService network;

    @Autowired
    ProgressService progress;

    @Autowired
    NetworkRepository repository;

    @Autowired
    ProgressRepository progressFacts;

    @Autowired
    TestUsers users;

    @Autowired
    MockMvc mvc;

    private final List<String> report = new ArrayList<>();

    @Test
    void territoryAggregates() throws Exception {
        long began = System.nanoTime();
        if (jdbc.sql("SELECT count(*) FROM structure").query(Long.class).single() < 3000) {
            new ResourceDatabasePopulator(new FileSystemResource("bench/national-dataset.sql")).execute(dataSource);
        }
        line("dataset ready in %.0f s: %s", seconds(began), jdbc.sql("""
                SELECT (SELECT count(*) FROM structure) || ' structures, '
                       || (SELECT count(*) FROM indicator) || ' indicators, '
                       || (SELECT count(*) FROM data_value) || ' values, '
                       || (SELECT count(*) FROM survey_response) || ' survey answers'
                """).query(String.class).single());
        began = System.nanoTime();
        int computed = Math.max(1, results.refreshStale());
        line("network results of %d evaluations computed in %.0f s (%.1f ms each): %d rows", computed,
                seconds(began), (System.nanoTime() - began) / 1e6 / computed,
                jdbc.sql("SELECT count(*) FROM network_result").query(Long.class).single());
        jdbc.sql("ANALYZE").update();

        long entry = jdbc.sql("""
                SELECT e.id FROM library_indicator e JOIN indicator_library l ON l.id = e.library_id
                WHERE l.code = 'socle' AND l.organisation_id IS NULL AND e.code = 'heures_benevoles'
                """).query(Long.class).single();
        long fedDrome = organisation("Bench fédération 26");
        long fedRegion = organisation("Bench fédération Auvergne-Rhône-Alpes");
        measure("Drôme (32 structures)", fedDrome, entry);
        measure("Auvergne-Rhône-Alpes (12 départements)", fedRegion, entry);
        territories(organisation("Bench fédération nationale"), entry);

        // keeping results fresh: one value changed, its evaluation computed again
        long evaluation = jdbc.sql("SELECT min(evaluation_id) FROM data_value").query(Long.class).single();
        jdbc.sql("UPDATE data_value SET value = value + 1 WHERE evaluation_id = ? AND period = '2024Q4' "
                + "AND indicator_id = (SELECT min(indicator_id) FROM data_value WHERE evaluation_id = ?)")
                .params(evaluation, evaluation).update();
        began = System.nanoTime();
        results.refreshStale();
        line("one evaluation recomputed after a change: %.0f ms", (System.nanoTime() - began) / 1e6);
        Files.write(Path.of("target/bench-national.txt"), report);
    }

    private void measure(String label, long organisation, long entry) throws Exception {
        users.signIn("bench-" + organisation);
        Reader reader = Reader.network(organisation);
        String bare = """
                SELECT dv.period, count(*), sum(dv.value), avg(dv.value),
                       percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY dv.value::float8),
                       min(dv.value), max(dv.value)
                FROM data_value dv
                JOIN indicator i ON i.id = dv.indicator_id
                JOIN structure st ON st.id = dv.structure_id
                JOIN organisation_departement d ON d.departement = st.departement AND d.organisation_id = ?
                WHERE i.library_indicator_id = ? AND dv.category = ''
                GROUP BY dv.period
                """;
        double[] sql = time(() -> jdbc.sql(bare).params(organisation, entry).query().listOfRows());
        double[] aggregates = time(() -> repository.aggregates(reader, List.of(entry), Periods.ALL));
        double[] service = time(() -> network.entry(organisation, entry, null, false));
        double[] summary = time(() -> network.summaryPage(organisation, 2024, false));
        double[] home = time(() -> network.home(organisation));
        long structure = jdbc.sql("""
                SELECT min(st.id) FROM structure st
                JOIN organisation_departement d ON d.departement = st.departement AND d.organisation_id = ?
                """).param(organisation).query(Long.class).single();
        double[] compare = time(() -> network.compare(organisation, structure));
        double[] steps = time(() -> progress.progress(organisation, ProgressQuery.ALL));
        String progressPage = "/networks/" + organisation + "/progress";
        double[] stepsPage = time(() -> {
            try {
                return mvc.perform(get(progressPage).with(users.as("bench-" + organisation)))
                        .andExpect(status().isOk()).andReturn();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        double[] page = time(() -> {
            try {
                return mvc.perform(get("/networks/" + organisation + "/indicators/" + entry)
                        .with(users.as("bench-" + organisation))).andExpect(status().isOk()).andReturn();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        users.signIn("bench-" + organisation);
        line("%s, median / p95 over %d warm runs:", label, RUNS);
        line("  bare SQL aggregate on the raw values (16 quarters): %.1f / %.1f ms", sql[0], sql[1]);
        line("  network aggregates, shares checked (4 years + 16 quarters): %.1f / %.1f ms (%.2f x the bare SQL)",
                aggregates[0], aggregates[1], aggregates[0] / sql[0]);
        line("  indicator across the territory (service: access, aggregates, each structure's values): %.1f / %.1f ms",
                service[0], service[1]);
        line("  annual socle summary page (16 entries, its year and the years offered): %.1f / %.1f ms", summary[0], summary[1]);
        line("  territory home (structures, shares, entries): %.1f / %.1f ms", home[0], home[1]);
        line("  one structure beside the others, 40 entries by year: %.1f / %.1f ms", compare[0], compare[1]);
        line("  indicator page over HTTP (MockMvc, rendered): %.1f / %.1f ms", page[0], page[1]);
        line("  progress through the method, first page of 50 structures (service): %.1f / %.1f ms", steps[0], steps[1]);
        line("  progress page over HTTP (MockMvc, rendered): %.1f / %.1f ms", stepsPage[0], stepsPage[1]);
    }

    /** The national view by region and département beside the bare SQL of the same grouping on the raw values. */
    private void territories(long organisation, long entry) throws Exception {
        users.signIn("bench-" + organisation);
        String bare = """
                SELECT d.region, st.departement, count(*), sum(v.value), avg(v.value),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY v.value::float8)
                FROM (SELECT dv.structure_id, sum(dv.value) AS value
                      FROM data_value dv
                      JOIN indicator i ON i.id = dv.indicator_id
                      WHERE i.library_indicator_id = ? AND dv.category = '' AND dv.period LIKE '2024Q%'
                      GROUP BY dv.structure_id) v
                JOIN structure st ON st.id = v.structure_id
                JOIN organisation_departement od ON od.departement = st.departement AND od.organisation_id = ?
                JOIN departement d ON d.code = st.departement
                GROUP BY GROUPING SETS ((d.region, st.departement), (d.region), ())
                """;
        double[] sql = time(() -> jdbc.sql(bare).params(entry, organisation).query().listOfRows());
        double[] service = time(() -> network.territories(organisation, entry, 2024));
        List<Long> firstPage = progress.progress(organisation, ProgressQuery.ALL).structures().stream()
                .map(NetworkProgress.Structure::id).toList();
        double[] stepsSql = time(() -> progressFacts.facts(organisation, firstPage));
        double[] territoryRead = time(() -> repository.territory(organisation));
        double[] steps = time(() -> progress.progress(organisation, ProgressQuery.ALL));
        double[] stepsDepartement = time(() -> progress.progress(organisation, new ProgressQuery(null, "26", 1)));
        double[] stepsLast = time(() -> progress.progress(organisation, new ProgressQuery(null, null, 60)));
        String progressPage = "/networks/" + organisation + "/progress";
        double[] stepsPage = time(() -> {
            try {
                return mvc.perform(get(progressPage).param("region", "84").with(users.as("bench-" + organisation)))
                        .andExpect(status().isOk()).andReturn();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        double[] entries = time(() -> repository.entries(organisation));
        double[] grouped = time(() -> repository.territories(Reader.network(organisation), entry, "2024"));
        double[] page = time(() -> {
            try {
                return mvc.perform(get("/networks/" + organisation + "/territories").param("entry", String.valueOf(entry))
                        .with(users.as("bench-" + organisation))).andExpect(status().isOk()).andReturn();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        users.signIn("bench-" + organisation);
        line("National federation (96 départements, 3,000 structures), median / p95 over %d warm runs:", RUNS);
        line("  bare SQL by region and département on the raw values (one year): %.1f / %.1f ms", sql[0], sql[1]);
        line("  national view (service: access, entries, years, regions and départements masked): %.1f / %.1f ms "
                + "(%.2f x the bare SQL)", service[0], service[1], service[0] / sql[0]);
        line("    of which the entries shared with the network: %.1f / %.1f ms", entries[0], entries[1]);
        line("    of which the grouped figures: %.1f / %.1f ms", grouped[0], grouped[1]);
        line("  national view page over HTTP (MockMvc, rendered): %.1f / %.1f ms", page[0], page[1]);
        line("  progress, bare SQL of one page's steps (50 structures): %.1f / %.1f ms", stepsSql[0], stepsSql[1]);
        line("  progress, bare SQL of the territory's 3,000 structures and what each shares: %.1f / %.1f ms",
                territoryRead[0], territoryRead[1]);
        line("  progress, first page of the 3,000 structures (service: access, places, territory, calendar, steps): "
                + "%.1f / %.1f ms (%.2f x the two bare statements)", steps[0], steps[1],
                steps[0] / (stepsSql[0] + territoryRead[0]));
        line("  progress, one département (service): %.1f / %.1f ms", stepsDepartement[0], stepsDepartement[1]);
        line("  progress, last page (service): %.1f / %.1f ms", stepsLast[0], stepsLast[1]);
        line("  progress page of one région over HTTP (MockMvc, rendered): %.1f / %.1f ms", stepsPage[0], stepsPage[1]);
    }

    private long organisation(String name) {
        return jdbc.sql("SELECT id FROM organisation WHERE name = ?").param(name).query(Long.class).single();
    }

    /** Median and 95th percentile in milliseconds, after a warm-up. */
    private static double[] time(Supplier<?> work) {
        for (int i = 0; i < WARM_UP; i++) {
            work.get();
        }
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long began = System.nanoTime();
            work.get();
            times[i] = (System.nanoTime() - began) / 1e6;
        }
        java.util.Arrays.sort(times);
        return new double[] { times[RUNS / 2], times[RUNS * 95 / 100] };
    }

    private static double seconds(long began) {
        return (System.nanoTime() - began) / 1e9;
    }

    private void line(String format, Object... arguments) throws IOException {
        String line = String.format(Locale.ROOT, format, arguments);
        System.out.println("[bench] " + line);
        report.add(line);
    }
}
