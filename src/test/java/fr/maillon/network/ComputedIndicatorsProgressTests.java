package fr.maillon.network;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import fr.maillon.chain.MethodPathService;
import fr.maillon.chain.MethodStep;
import fr.maillon.chain.StepState;
import fr.maillon.chain.EffectTarget;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.IndicatorLinks;
import fr.maillon.framework.Measure;
import fr.maillon.framework.ObjectiveDraft;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.framework.QuestionDraft;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Formula indicators (source FORMULA) and survey-fed ones (source SURVEY) get no typed value: they never hold back
 * the "indicateurs renseignés" step, neither on the structure's own method path (its cadre d'évaluation) nor on the
 * progress view of a network it shares the evaluation with. Typed indicators (MANUAL, IMPORT) still wait for theirs.
 */
@SpringBootTest
class ComputedIndicatorsProgressTests {

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrganisationService organisations;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ObjectiveService objectives;

    @Autowired
    FrameworkService framework;

    @Autowired
    ProgrammeService programmes;

    @Autowired
    ProgressService progress;

    @Autowired
    MethodPathService paths;

    TestUsers.Created director;
    String facilitator;
    long programme;

    @BeforeEach
    void cohort() {
        director = users.structureWithMember(Role.STRUCTURE_ADMIN);
        facilitator = users.newUsername("facilitator");
        long federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération " + users.newUsername("calculs"), List.of("974")));
        users.addMember(federation, users.newUser(facilitator), Role.FEDERATION_MEMBER);
        users.signIn(facilitator);
        programme = programmes.create(federation, "Programme " + users.newUsername("calculs"), "");
        String token = programmes.invite(programme, "Le centre").token();
        users.signIn(director.username());
        programmes.join(token, director.structureId(), ProgrammeService.SHARE_ALL);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void formulasAndSurveyFedIndicatorsWaitForNoTypedValue() {
        users.signIn(director.username());
        long evaluation = evaluation("Repas partagés");
        long question = question(evaluation);
        long participants = indicator(evaluation, "participants", DataSource.MANUAL, null);
        long doubled = indicator(evaluation, "participations", DataSource.FORMULA, "participants * 2");
        long agree = indicator(evaluation, "moins_seuls", DataSource.SURVEY, null);
        for (long indicator : List.of(participants, doubled, agree)) {
            objectives.linkIndicator(evaluation, new IndicatorLinks(indicator, List.of(question), List.of()));
        }
        assertThat(own(evaluation, MethodStep.FRAMEWORK)).isEqualTo(StepState.DONE);
        assertThat(shared(evaluation, ProgressStep.INDICATORS)).as("the typed indicator waits for its value")
                .isEqualTo(StepState.STARTED);

        users.signIn(director.username());
        framework.saveValues(evaluation, List.of(new CellInput(participants, "2025", "40")), DataSource.MANUAL);
        assertThat(own(evaluation, MethodStep.FRAMEWORK)).isEqualTo(StepState.DONE);
        assertThat(own(evaluation, MethodStep.COLLECTION)).isEqualTo(StepState.DONE);
        assertThat(shared(evaluation, ProgressStep.QUESTIONS)).isEqualTo(StepState.DONE);
        assertThat(shared(evaluation, ProgressStep.INDICATORS))
                .as("the formula and the survey-fed indicator hold nothing back").isEqualTo(StepState.DONE);
        assertThat(sharedStep(evaluation, ProgressStep.INDICATORS).date()).isNotNull();
        assertThat(shared(evaluation, ProgressStep.COLLECTION)).isEqualTo(StepState.DONE);
    }

    @Test
    void anEvaluationWhoseIndicatorsAreAllComputedHasNothingToType() {
        users.signIn(director.username());
        long evaluation = evaluation("Questionnaire des habitants");
        long question = question(evaluation);
        long agree = indicator(evaluation, "moins_seuls", DataSource.SURVEY, null);
        long half = indicator(evaluation, "moitie", DataSource.FORMULA, "moins_seuls / 2");
        for (long indicator : List.of(agree, half)) {
            objectives.linkIndicator(evaluation, new IndicatorLinks(indicator, List.of(question), List.of()));
        }
        assertThat(own(evaluation, MethodStep.FRAMEWORK)).isEqualTo(StepState.DONE);
        assertThat(shared(evaluation, ProgressStep.QUESTIONS)).isEqualTo(StepState.DONE);
        assertThat(shared(evaluation, ProgressStep.INDICATORS)).as("no indicator waits for a typed value")
                .isEqualTo(StepState.DONE);
        assertThat(own(evaluation, MethodStep.COLLECTION)).as("no value nor answer collected yet")
                .isEqualTo(StepState.TODO);
        assertThat(shared(evaluation, ProgressStep.COLLECTION)).isEqualTo(StepState.TODO);

        users.signIn(director.username());
        long empty = evaluation("Sans indicateur");
        assertThat(shared(empty, ProgressStep.INDICATORS)).as("no indicator at all").isEqualTo(StepState.TODO);
    }

    // --- set-up -------------------------------------------------------------------------------

    private long evaluation(String title) {
        return evaluations.create(director.structureId(), new EvaluationDraft(title, EvaluationScope.ACTION, title,
                LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31), EvaluationStatus.FRAMING));
    }

    private long question(long evaluation) {
        long objective = objectives.addObjective(evaluation, new ObjectiveDraft(EffectTarget.HABITANTS,
                "Rompre l'isolement", null, List.of()));
        long efficacite = jdbc.sql("SELECT id FROM criterion WHERE code = 'efficacite' AND structure_id IS NULL")
                .query(Long.class).single();
        return objectives.addQuestion(evaluation, new QuestionDraft(efficacite, "Les repas rompent-ils l'isolement ?",
                List.of(objective)));
    }

    private long indicator(long evaluation, String code, DataSource source, String formula) {
        return framework.addIndicator(evaluation, new IndicatorDraft(code, "Indicateur " + code, null, Measure.COUNT,
                null, null, null, null, null, null, null, false, source, formula, null, null, null, null));
    }

    private StepState own(long evaluation, MethodStep step) {
        users.signIn(director.username());
        return paths.progress(evaluation).steps().stream().filter(found -> found.step() == step).findFirst()
                .orElseThrow().state();
    }

    private StepState shared(long evaluation, ProgressStep step) {
        return sharedStep(evaluation, step).state();
    }

    private NetworkProgress.Step sharedStep(long evaluation, ProgressStep step) {
        users.signIn(facilitator);
        return progress.progress(programme, ProgressQuery.ALL).structures().stream()
                .flatMap(structure -> structure.evaluations().stream()).filter(found -> found.id() == evaluation)
                .findFirst().orElseThrow().steps().stream().filter(found -> found.step() == step).findFirst()
                .orElseThrow();
    }
}
