package fr.maillon.network;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.LibraryService;
import fr.maillon.framework.ValidationService;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Signed-off figures count a structure's current data only: when its newest evaluation holding a
 * year's value has not signed that year off, the structure is left out, even if an older evaluation
 * of it had signed off its own (older) value for the same year; that older value never stands in.
 * Six structures of a new federation share their 2024 volunteers: S1 to S3 from one signed-off
 * evaluation each; S4 to S6 from an older evaluation, signed off, and a newer one, not signed off.
 */
@SpringBootTest
class SignedOnlyNewestEvaluationTests {

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    LibraryService libraries;

    @Autowired
    FrameworkService framework;

    @Autowired
    ValidationService validation;

    @Autowired
    NetworkService network;

    @Autowired
    NetworkResults results;

    @Autowired
    JdbcClient jdbc;

    final Map<String, Long> structures = new HashMap<>();
    final Map<String, String> adminOf = new HashMap<>();

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anOlderSignedOffEvaluationNeverStandsInForTheNewestUnsignedOne() {
        long federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération " + users.newUsername("validees"), List.of("976")));
        String federationUser = users.newUsername("signed-only");
        users.addMember(federation, users.newUser(federationUser), Role.FEDERATION_MEMBER);
        Map<String, Long> newer = new HashMap<>();
        for (int i = 1; i <= 6; i++) {
            String name = "S" + i + " " + users.newUsername("centre");
            structure(name, federation);
            long older = evaluation(name, "Projet social 2021-2024");
            enter(name, older, 10 * i);
            sign(name, older);
            if (i > 3) {
                long current = evaluation(name, "Projet social 2024-2027");
                enter(name, current, 10 * i + 1);
                newer.put(name, current);
            }
        }
        results.refreshStale();
        long benevoles = jdbc.sql("""
                SELECT e.id FROM library_indicator e JOIN indicator_library l ON l.id = e.library_id
                WHERE l.code = 'socle' AND l.organisation_id IS NULL AND e.code = 'benevoles'
                """).query(Long.class).single();

        users.signIn(federationUser);
        Aggregate all = year(network.entry(federation, benevoles, "2024", false, false));
        assertThat(all.structures()).isEqualTo(6);
        assertThat(all.total()).as("each structure's newest value: 10+20+30+41+51+61")
                .isEqualByComparingTo("213");
        assertThat(all.signedOff()).as("S4 to S6's newest values are not signed off").isEqualTo(3);

        EntryFigures signed = network.entry(federation, benevoles, "2024", false, true);
        Aggregate checked = year(signed);
        assertThat(checked.structures()).isEqualTo(3);
        assertThat(checked.excluded()).isEqualTo(3);
        assertThat(checked.total()).as("S1 to S3 only, never S4 to S6's older 40, 50, 60")
                .isEqualByComparingTo("60");
        assertThat(signed.values()).extracting(value -> value.name().substring(0, 2), value -> value.value().intValue())
                .containsExactlyInAnyOrder(tuple("S1", 10), tuple("S2", 20), tuple("S3", 30));
        assertThat(network.summaryPage(federation, 2024, true).summary().lines().stream()
                .filter(line -> line.entry().id() == benevoles).findFirst().orElseThrow().aggregate().total())
                .isEqualByComparingTo("60");
        AnnualSummaryPage page = network.summaryPage(federation, null, true);
        assertThat(page.summary().year()).isEqualTo(2024);
        assertThat(page.years()).containsExactly(2024);

        // S4 signs its newest evaluation off: its current 41 comes in, not its older 40
        String s4 = newer.keySet().stream().filter(name -> name.startsWith("S4")).findFirst().orElseThrow();
        sign(s4, newer.get(s4));
        users.signIn(federationUser);
        assertThat(network.entry(federation, benevoles, "2024", false, true).values())
                .extracting(value -> value.name().substring(0, 2), value -> value.value().intValue())
                .containsExactlyInAnyOrder(tuple("S1", 10), tuple("S2", 20), tuple("S3", 30), tuple("S4", 41));
    }

    // --- set-up -------------------------------------------------------------------------------

    private void structure(String name, long federation) {
        long id = organisations.createStructureUnchecked(new StructureDraft(name, StructureKind.CENTRE_SOCIAL, "976",
                "Mamoudzou", null, null, null, null, false, null, null));
        structures.put(name, id);
        String admin = users.newUsername("signed-admin");
        users.addMember(id, users.newUser(admin), Role.STRUCTURE_ADMIN);
        adminOf.put(name, admin);
        users.signIn(admin);
        organisations.share(id, null, federation);
        SecurityContextHolder.clearContext();
    }

    private long evaluation(String structure, String title) {
        users.signIn(adminOf.get(structure));
        long evaluation = evaluations.create(structures.get(structure), new EvaluationDraft(title,
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2021, 1, 1), LocalDate.of(2027, 12, 31),
                EvaluationStatus.COLLECTING));
        List<Long> entries = libraries.libraries(evaluation).stream().filter(l -> l.code().equals("socle"))
                .flatMap(l -> l.entries().stream()).map(LibraryEntry::id).toList();
        libraries.copy(evaluation, entries);
        SecurityContextHolder.clearContext();
        return evaluation;
    }

    private void enter(String structure, long evaluation, int volunteers) {
        users.signIn(adminOf.get(structure));
        long indicator = framework.indicators(evaluation).stream().filter(found -> found.code().equals("benevoles"))
                .findFirst().orElseThrow().id();
        framework.saveValues(evaluation, List.of(new CellInput(indicator, "2024", String.valueOf(volunteers))),
                DataSource.MANUAL);
        SecurityContextHolder.clearContext();
    }

    private void sign(String structure, long evaluation) {
        users.signIn(adminOf.get(structure));
        validation.signOff(evaluation, "2024", true, null);
        SecurityContextHolder.clearContext();
        results.refreshStale();
    }

    private static Aggregate year(EntryFigures figures) {
        return figures.aggregates().stream().filter(aggregate -> aggregate.period().equals("2024")).findFirst()
                .orElseThrow();
    }
}
