package fr.maillon.framework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.http.MediaType.APPLICATION_JSON;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Rules on a federation's library entry (Guyane, 973), the violations they flag in a structure's
 * evaluation, and a structure admin's sign-off of a year; who may read and sign.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckedDataTests {

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
    fr.maillon.network.NetworkResults results;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    long federation;
    String federationUser;
    long otherFederation;
    String otherFederationUser;
    long structure;
    String admin;
    String editor;
    String stranger;
    long evaluation;
    long entry;
    Map<String, Long> indicators = new HashMap<>();

    @BeforeAll
    void setUp() {
        federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération des centres sociaux de Guyane", List.of("973")));
        federationUser = member(federation, Role.FEDERATION_MEMBER);
        otherFederation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération voisine", List.of("973")));
        otherFederationUser = member(otherFederation, Role.FEDERATION_MEMBER);
        users.signIn(federationUser);
        entry = libraries.addEntry(federation, "Bénévolat", new IndicatorDraft("benevoles_guyane", "Bénévoles",
                null, Measure.COUNT, "personnes", null, null, null, null, null, null, false, DataSource.MANUAL, null,
                null, null, null, null), null);
        libraries.publish(federation, true);
        validation.saveRules(federation, entry, new RulesDraft("10", "100", "50", true));

        structure = organisations.createStructureUnchecked(new StructureDraft("Centre social de Kourou",
                StructureKind.CENTRE_SOCIAL, "973", "Kourou", null, null, null, null, false, null, null));
        admin = member(structure, Role.STRUCTURE_ADMIN);
        editor = member(structure, Role.STRUCTURE_EDITOR);
        stranger = users.structureWithMember(Role.STRUCTURE_ADMIN).username();
        users.signIn(admin);
        evaluation = evaluations.create(structure, new EvaluationDraft("Projet social 2021–2024",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2021, 1, 1), LocalDate.of(2024, 12, 31),
                EvaluationStatus.COLLECTING));
        libraries.copy(evaluation, List.of(entry));
        framework.indicators(evaluation).forEach(indicator -> indicators.put(indicator.code(), indicator.id()));
        // 2021: missing (required); 2022: 40; 2023: 5 (below 10, and -88 %); 2024: 120 (above 100, and +2300 %)
        framework.saveValues(evaluation, List.of(cell("2022", "40"), cell("2023", "5"), cell("2024", "120")),
                DataSource.MANUAL);
        organisations.share(structure, null, federation);
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRuleFlagsEachKindOfOutlier() {
        users.signIn(admin);
        DataValidation checked = validation.validation(evaluation);
        assertThat(checked.violations()).extracting(RuleViolation::period, RuleViolation::rule)
                .containsExactly(tuple("2021", RuleViolation.Rule.REQUIRED),
                        tuple("2023", RuleViolation.Rule.MINIMUM), tuple("2023", RuleViolation.Rule.JUMP),
                        tuple("2024", RuleViolation.Rule.MAXIMUM), tuple("2024", RuleViolation.Rule.JUMP));
        RuleViolation jump = checked.violations("2024").get(1);
        assertThat(jump.previousPeriod()).isEqualTo("2023");
        assertThat(jump.changePercent()).isEqualByComparingTo("2300");
        assertThat(checked.violations("2022")).isEmpty();
    }

    @Test
    void theValidationPageSaysWhatToCheckWithNumbersForPeople() throws Exception {
        users.signIn(admin);
        framework.saveValues(evaluation, List.of(cell("2022", "1000")), DataSource.MANUAL);
        try {
            mvc.perform(get("/evaluations/{id}/validation", evaluation).with(users.as(admin)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Bénévoles 2023 : 5\u00a0personnes, soit -99,5\u00a0% "
                            + "par rapport à 2022 (1\u202f000\u00a0personnes) ; au-delà de 50\u00a0% le réseau demande "
                            + "de vérifier.")))
                    .andExpect(content().string(containsString("Bénévoles 2021 : aucune valeur")))
                    .andExpect(content().string(containsString("/evaluations/" + evaluation + "/data#cell_"
                            + indicators.get("benevoles_guyane") + "_2023")))
                    .andExpect(content().string(containsString("Structure entière")));
            mvc.perform(get("/evaluations/{id}/indicators", evaluation).with(users.as(admin)))
                    .andExpect(content().string(containsString("/evaluations/" + evaluation + "/validation")));
        }
        finally {
            users.signIn(admin);
            framework.saveValues(evaluation, List.of(cell("2022", "40")), DataSource.MANUAL);
        }
    }

    @Test
    void signingOffWithOpenViolationsMustSaySoAndAChangeAfterwardsWithdrawsIt() throws Exception {
        users.signIn(admin);
        assertThatThrownBy(() -> validation.signOff(evaluation, "2024", false, null))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations())
                        .extracting(RuleViolationException.Violation::field).containsExactly("withViolations"));
        mvc.perform(post("/evaluations/{id}/sign-offs", evaluation).with(users.as(admin)).with(csrf())
                        .param("period", "2024").param("note", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2 points à vérifier restent ouverts pour 2024")));
        users.signIn(admin);
        assertThat(validation.validation(evaluation).signOff("2024")).isNull();

        mvc.perform(post("/evaluations/{id}/sign-offs", evaluation).with(users.as(admin)).with(csrf())
                        .param("period", "2024").param("withViolations", "true")
                        .param("note", "120 bénévoles : la fête de quartier a mobilisé des renforts."))
                .andExpect(status().is3xxRedirection());
        users.signIn(admin);
        SignOff signed = validation.validation(evaluation).signOff("2024");
        assertThat(signed).isNotNull();
        assertThat(signed.openViolations()).isEqualTo(2);
        assertThat(signed.signedByName()).isEqualTo("Test " + admin);
        assertThatThrownBy(() -> validation.signOff(evaluation, "2024", true, null))
                .isInstanceOf(RuleViolationException.class);

        // the same value saved again changes nothing; another value withdraws the sign-off
        framework.saveValues(evaluation, List.of(cell("2024", "120")), DataSource.MANUAL);
        assertThat(validation.validation(evaluation).signOff("2024")).isNotNull();
        framework.saveValues(evaluation, List.of(cell("2024", "90")), DataSource.MANUAL);
        DataValidation after = validation.validation(evaluation);
        assertThat(after.signOff("2024")).isNull();
        assertThat(after.withdrawn()).extracting(SignOff::period).containsExactly("2024");
        mvc.perform(get("/evaluations/{id}/validation", evaluation).with(users.as(admin)))
                .andExpect(content().string(containsString("a été retirée le")));
        users.signIn(admin);
        framework.saveValues(evaluation, List.of(cell("2024", "120")), DataSource.MANUAL);
    }

    @Test
    void aYearOutsideTheEvaluationIsRefused() {
        users.signIn(admin);
        for (String period : List.of("2019", "2030", "2024Q1", "", "<b>2024</b>")) {
            assertThatThrownBy(() -> validation.signOff(evaluation, period, true, null))
                    .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations())
                            .extracting(RuleViolationException.Violation::field).containsExactly("period"));
        }
        assertThatThrownBy(() -> validation.signOff(evaluation, "2022", true, "x".repeat(1001)))
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void onlyTheStructuresAdminSignsAndOnlyItsMembersRead() throws Exception {
        users.signIn(editor);
        assertThat(validation.validation(evaluation).canSign()).isFalse();
        assertThatThrownBy(() -> validation.signOff(evaluation, "2022", true, null))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        users.signIn(stranger);
        assertThatThrownBy(() -> validation.validation(evaluation)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> validation.signOff(evaluation, "2022", true, null))
                .isInstanceOf(NotFoundException.class);
        // the federation reads the shared evaluation, but not the structure's own checks, and never signs
        users.signIn(federationUser);
        assertThatThrownBy(() -> validation.validation(evaluation)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> validation.signOff(evaluation, "2022", true, null))
                .isInstanceOf(NotFoundException.class);
        SecurityContextHolder.clearContext();
        mvc.perform(get("/evaluations/{id}/validation", evaluation).with(users.as(federationUser)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/evaluations/{id}/sign-offs", evaluation).with(users.as(stranger)).with(csrf())
                        .param("period", "2022").param("withViolations", "true"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/evaluations/{id}/validation", evaluation).with(users.as(stranger)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/evaluations/{id}/sign-offs", evaluation).with(users.as(federationUser)).with(csrf())
                        .contentType(APPLICATION_JSON).content("{\"period\":\"2022\",\"withViolations\":true}"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT count(*) FROM data_sign_off WHERE evaluation_id = ? AND signed_by_name <> ?")
                .param(evaluation).param("Test " + admin).query(Integer.class).single()).isZero();
    }

    @Test
    void theApiListsViolationsAndSignsOff() throws Exception {
        mvc.perform(get("/api/v1/evaluations/{id}/validation", evaluation).with(users.as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope").value("PROJET_SOCIAL"))
                .andExpect(jsonPath("$.violations[0].rule").value("REQUIRED"))
                .andExpect(jsonPath("$.violations[0].period").value("2021"))
                .andExpect(jsonPath("$.violations[1].message").value(containsString("en dessous du minimum de 10")));
        mvc.perform(post("/api/v1/evaluations/{id}/sign-offs", evaluation).with(users.as(admin)).with(csrf())
                        .contentType(APPLICATION_JSON).content("{\"period\":\"2023\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].path").value("$.withViolations"));
        mvc.perform(post("/api/v1/evaluations/{id}/sign-offs", evaluation).with(users.as(admin)).with(csrf())
                        .contentType(APPLICATION_JSON).content("{\"period\":\"2022\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.period").value("2022"))
                .andExpect(jsonPath("$.current").value(true));
        mvc.perform(get("/api/v1/evaluations/{id}/sign-offs", evaluation).with(users.as(editor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].period").value("2022"));
        mvc.perform(get("/api/v1/organisations/{o}/library/entries/{e}/rules", federation, entry)
                        .with(users.as(federationUser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jumpPercent").value(50.0))
                .andExpect(jsonPath("$.required").value(true));
        mvc.perform(put("/api/v1/organisations/{o}/library/entries/{e}/rules", federation, entry)
                        .with(users.as(otherFederationUser)).with(csrf()).contentType(APPLICATION_JSON)
                        .content("{\"minimum\":\"0\",\"required\":false}"))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/organisations/{o}/library/entries/{e}/rules", federation, entry)
                        .with(users.as(federationUser)).with(csrf()).contentType(APPLICATION_JSON)
                        .content("{\"minimum\":\"dix\",\"required\":false}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].path").value("$.minimum"));
    }

    @Test
    void theRuleFormRefusesHostileInputAndChangesNothing() throws Exception {
        String url = "/organisations/" + federation + "/library/entries/" + entry + "/rules";
        Map<String, String[]> refused = Map.of(
                "minimum", new String[] { "dix", "1e9", "<script>alert(1)</script>", "1".repeat(41), "12\u0000",
                        "123456789012345", "1,23456" },
                "jumpPercent", new String[] { "0", "-5", "10001", "50,555", "NaN" });
        for (Map.Entry<String, String[]> field : refused.entrySet()) {
            for (String typed : field.getValue()) {
                mvc.perform(post(url).with(users.as(federationUser)).with(csrf())
                                .param("minimum", field.getKey().equals("minimum") ? typed : "10")
                                .param("maximum", "100").param("jumpPercent",
                                        field.getKey().equals("jumpPercent") ? typed : "50")
                                .param("required", "true"))
                        .andExpect(status().isOk())
                        .andExpect(content().string(containsString("aria-invalid=\"true\"")))
                        .andExpect(content().string(not(containsString("<script>alert(1)</script>"))));
            }
        }
        mvc.perform(post(url).with(users.as(federationUser)).with(csrf()).param("minimum", "200")
                        .param("maximum", "100").param("jumpPercent", "50"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Le maximum doit être supérieur ou égal au minimum.")));
        users.signIn(federationUser);
        IndicatorRules kept = validation.rules(federation, entry);
        assertThat(kept.minimum()).isEqualByComparingTo("10");
        assertThat(kept.maximum()).isEqualByComparingTo("100");
        assertThat(kept.jumpPercent()).isEqualByComparingTo("50");
        assertThat(kept.required()).isTrue();
        // another network, a shipped entry: not found
        mvc.perform(post(url).with(users.as(otherFederationUser)).with(csrf()).param("minimum", "0"))
                .andExpect(status().isNotFound());
        users.signIn(federationUser);
        long shipped = jdbc.sql("""
                SELECT e.id FROM library_indicator e JOIN indicator_library l ON l.id = e.library_id
                WHERE l.code = 'socle' AND l.organisation_id IS NULL AND e.code = 'benevoles'
                """).query(Long.class).single();
        assertThatThrownBy(() -> validation.saveRules(federation, shipped, new RulesDraft("5", null, null, false)))
                .isInstanceOf(NotFoundException.class);
        assertThat(validation.rules(List.of(shipped)).get(shipped).jumpPercent()).isEqualByComparingTo("50");
        // the form, and the library page showing each entry's rules
        mvc.perform(get(url).with(users.as(federationUser)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"10\"")));
        mvc.perform(get("/organisations/{o}/library", federation).with(users.as(federationUser)))
                .andExpect(content().string(containsString("min. 10 · max. 100 · écart &gt; 50\u00a0% · chaque année")));
        mvc.perform(get("/evaluations/{id}/library", evaluation).with(users.as(admin)))
                .andExpect(content().string(containsString("min. 10 · max. 100")));
    }

    @Test
    void clearingEveryRuleRemovesThem() {
        users.signIn(federationUser);
        long other = libraries.addEntry(federation, null, new IndicatorDraft("heures_guyane", "Heures", null,
                Measure.HOURS, "h", null, null, null, null, null, null, false, DataSource.MANUAL, null, null, null,
                null, null), null);
        validation.saveRules(federation, other, new RulesDraft("1 000,5", "", "  ", false));
        assertThat(validation.rules(federation, other).minimum()).isEqualByComparingTo(new BigDecimal("1000.5"));
        validation.saveRules(federation, other, new RulesDraft("", null, "", false));
        assertThat(validation.rules(List.of(other))).isEmpty();
    }

    @Test
    void aSignOffTravelsInTheExchangeDocumentAndOnlyAnAdminRestoresIt() throws Exception {
        users.signIn(admin);
        long fresh = evaluations.create(structure, new EvaluationDraft("Projet social à exporter",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2021, 1, 1), LocalDate.of(2024, 12, 31),
                EvaluationStatus.COLLECTING));
        libraries.copy(fresh, List.of(entry));
        validation.signOff(fresh, "2023", true, "Année sans bénévoles recensés.");
        SecurityContextHolder.clearContext();
        String document = mvc.perform(get("/api/v1/evaluations/{id}/export", fresh).with(users.as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.framework.signOffs[0].period").value("2023"))
                .andExpect(jsonPath("$.framework.signOffs[0].note").value("Année sans bénévoles recensés."))
                .andReturn().getResponse().getContentAsString();
        for (String importer : List.of(admin, editor)) {
            String created = mvc.perform(post("/api/v1/structures/{id}/evaluations/import", structure)
                            .with(users.as(importer)).with(csrf()).contentType(APPLICATION_JSON).content(document))
                    .andExpect(status().isCreated())
                    .andReturn().getResponse().getContentAsString();
            long imported = Long.parseLong(created.replaceAll("\\D", ""));
            users.signIn(admin);
            SignOff restored = validation.validation(imported).signOff("2023");
            assertThat(restored).as("values typed into a document were not seen by the signer here").isNull();
            List<SignOff> trail = validation.validation(imported).withdrawn();
            if (importer.equals(admin)) {
                assertThat(trail).extracting(SignOff::period, SignOff::signedByName, SignOff::note)
                        .containsExactly(tuple("2023", "Test " + admin, "Année sans bénévoles recensés."));
            }
            else {
                assertThat(trail).as("an editor's import leaves the sign-off out").isEmpty();
            }
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aSignOffIsWithdrawnWhenAnythingChangesTheYearsResults() {
        users.signIn(admin);
        long computed = evaluations.create(structure, new EvaluationDraft("Projet social calculé",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2021, 1, 1), LocalDate.of(2024, 12, 31),
                EvaluationStatus.COLLECTING));
        long base = framework.addIndicator(computed, formula("base", null));
        long twice = framework.addIndicator(computed, formula("twice", "base * 2"));
        framework.saveValues(computed, List.of(new CellInput(base, "2023", "40")), DataSource.MANUAL);
        validation.signOff(computed, "2023", true, null);
        results.refreshStale();
        users.signIn(admin);
        assertThat(validation.validation(computed).signOff("2023")).as("nothing changed since").isNotNull();

        // a formula is no typed value: the year's results change all the same
        framework.updateIndicator(computed, twice, formula("twice", "base * 10"));
        results.refreshStale();
        users.signIn(admin);
        DataValidation after = validation.validation(computed);
        assertThat(after.signOff("2023")).isNull();
        assertThat(after.withdrawn()).extracting(SignOff::period).containsExactly("2023");
    }

    @Test
    void aSignOffFormThatIsNotUnderstoodSignsNothing() throws Exception {
        mvc.perform(post("/evaluations/{id}/sign-offs", evaluation).with(users.as(admin)).with(csrf())
                        .param("period", "2022").param("withViolations", "\u0000<script>"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "framework.signOff.notUnderstood"));
        users.signIn(admin);
        assertThat(validation.validation(evaluation).signOff("2022")).isNull();
    }

    @Test
    void theScopeNoLongerChangesOnceFiguresExist() {
        users.signIn(admin);
        assertThatThrownBy(() -> evaluations.update(evaluation, new EvaluationDraft("Projet social 2021–2024",
                EvaluationScope.ACTION, "Fête de quartier", LocalDate.of(2021, 1, 1), LocalDate.of(2024, 12, 31),
                EvaluationStatus.COLLECTING)))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations())
                        .extracting(RuleViolationException.Violation::field).containsExactly("scope"));
        long empty = evaluations.create(structure, new EvaluationDraft("Une action à cadrer", EvaluationScope.ACTION,
                "Atelier cuisine", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), EvaluationStatus.FRAMING));
        evaluations.update(empty, new EvaluationDraft("Une action à cadrer", EvaluationScope.PROJET_SOCIAL, null,
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), EvaluationStatus.FRAMING));
        assertThat(evaluations.evaluation(empty).scope()).as("nothing measured yet: free to change")
                .isEqualTo(EvaluationScope.PROJET_SOCIAL);
    }

    private static IndicatorDraft formula(String code, String formula) {
        return new IndicatorDraft(code, "Indicateur " + code, null, Measure.COUNT, null, null, null, null, null, null,
                null, false, formula == null ? DataSource.MANUAL : DataSource.FORMULA, formula, null, null, null, null);
    }

    private CellInput cell(String period, String value) {
        return new CellInput(indicators.get("benevoles_guyane"), period, value);
    }

    private String member(long organisationId, Role role) {
        String username = users.newUsername("checked");
        users.addMember(organisationId, users.newUser(username), role);
        return username;
    }
}
