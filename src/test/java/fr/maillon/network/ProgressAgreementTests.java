package fr.maillon.network;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.chain.MethodPathService;
import fr.maillon.chain.MethodStep;
import fr.maillon.chain.StakeholderDraft;
import fr.maillon.chain.StakeholderType;
import fr.maillon.chain.StepProgress;
import fr.maillon.chain.StepState;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorLinks;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.LibraryService;
import fr.maillon.framework.ObjectiveDraft;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.framework.QuestionDraft;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.survey.Audience;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.SurveyService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a network reads of a structure's progress agrees with what the structure reads on its own evaluation page
 * (MethodPathService): for the demo programme's La Coopération and Le Tandem, and for a new evaluation with a few
 * steps done. The network's eight steps detail five of the method's six (framing is the structure's own): each
 * method step is done when its deciding network step is, and started when any of its network steps is.
 */
@SpringBootTest
class ProgressAgreementTests {

    /** The network steps of each method step; the first decides when it is done. */
    static final Map<MethodStep, List<ProgressStep>> DETAILS = new EnumMap<>(Map.of(
            MethodStep.CHAIN, List.of(ProgressStep.CHAIN),
            MethodStep.FRAMEWORK, List.of(ProgressStep.QUESTIONS, ProgressStep.INDICATORS),
            MethodStep.COLLECTION, List.of(ProgressStep.COLLECTION),
            MethodStep.ANALYSIS, List.of(ProgressStep.VERDICTS, ProgressStep.CONTRIBUTIONS),
            MethodStep.RESTITUTION, List.of(ProgressStep.FINALISED, ProgressStep.REVIEW)));

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrganisationService organisations;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ChainService chains;

    @Autowired
    ObjectiveService objectives;

    @Autowired
    SurveyService surveys;

    @Autowired
    LibraryService libraries;

    @Autowired
    FrameworkService framework;

    @Autowired
    ProgrammeService programmes;

    @Autowired
    ProgressService progress;

    @Autowired
    MethodPathService paths;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDemoProgrammeSeesWhatLaCooperationAndLeTandemSee() {
        long programme = jdbc.sql("SELECT min(id) FROM organisation WHERE name = 'Évaluer ensemble 2027'")
                .query(Long.class).single();
        users.signIn("federation26");
        NetworkProgress seen = progress.progress(programme, ProgressQuery.ALL);
        List<String> compared = new ArrayList<>();
        for (NetworkProgress.Structure structure : seen.structures()) {
            String reader = structure.name().contains("Tandem") ? "tandem" : "coope";
            for (NetworkProgress.Evaluation evaluation : structure.evaluations()) {
                users.signIn(reader);
                assertAgree(structure.name() + " / " + evaluation.title(), evaluation, paths.progress(evaluation.id()).steps());
                compared.add(structure.name().contains("Tandem") ? "Le Tandem" : structure.name());
            }
        }
        assertThat(compared).contains("La Coopération", "Le Tandem");
    }

    @Test
    void aNewEvaluationWithAFewStepsDoneReadsTheSameFromTheNetwork() {
        TestUsers.Created director = users.structureWithMember(Role.STRUCTURE_ADMIN);
        String facilitator = users.newUsername("facilitator");
        long federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération de l'accord", List.of("974")));
        users.addMember(federation, users.newUser(facilitator), Role.FEDERATION_MEMBER);
        users.signIn(facilitator);
        long programme = programmes.create(federation, "Programme de l'accord", "");
        String token = programmes.invite(programme, "Le centre").token();

        users.signIn(director.username());
        long evaluation = evaluations.create(director.structureId(), new EvaluationDraft("Projet social en cours",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31),
                EvaluationStatus.FRAMING));
        programmes.join(token, director.structureId(), String.valueOf(evaluation));
        // the chain started: a stakeholder, an activity and an effect, nothing linked
        chains.addStakeholder(evaluation, new StakeholderDraft("Habitants du quartier", StakeholderType.HABITANTS,
                true, null, null, null, null));
        chains.addElement(evaluation, new ChainElementDraft(ElementKind.ACTIVITY, "Repas partagés", null, null, null,
                null, null, null, ActivityType.PRIMARY, null, null, null));
        long effect = chains.addElement(evaluation, new ChainElementDraft(ElementKind.EFFECT, "Moins d'isolement",
                null, null, null, null, null, null, null, null, EffectTarget.HABITANTS, null));
        // the cadre started: an objective and a question no indicator answers yet
        long objective = objectives.addObjective(evaluation, new ObjectiveDraft(EffectTarget.HABITANTS,
                "Rompre l'isolement", null, List.of(effect)));
        long efficacite = jdbc.sql("SELECT id FROM criterion WHERE code = 'efficacite' AND structure_id IS NULL")
                .query(Long.class).single();
        objectives.addQuestion(evaluation, new QuestionDraft(efficacite, "Les repas rompent-ils l'isolement ?",
                List.of(objective)));
        // collecting started: a survey with no answer yet
        surveys.create(evaluation, new SurveyDraft("Questionnaire des habitants", null, null, Audience.HABITANTS,
                null));
        List<StepProgress> own = paths.progress(evaluation).steps();

        users.signIn(facilitator);
        NetworkProgress.Evaluation shared = progress.progress(programme, ProgressQuery.ALL).structures().stream()
                .flatMap(structure -> structure.evaluations().stream()).filter(found -> found.id() == evaluation)
                .findFirst().orElseThrow();
        assertAgree("new evaluation", shared, own);
        assertThat(state(shared, ProgressStep.CHAIN)).isEqualTo(StepState.STARTED);
        assertThat(state(shared, ProgressStep.QUESTIONS)).isEqualTo(StepState.STARTED);
        assertThat(state(shared, ProgressStep.COLLECTION)).isEqualTo(StepState.STARTED);
        assertThat(state(shared, ProgressStep.FINALISED)).isEqualTo(StepState.TODO);

        // a second one: the library's indicators, a question answered by one of them, but no objective yet
        users.signIn(director.username());
        long action = evaluations.create(director.structureId(), new EvaluationDraft("Action sans objectif",
                EvaluationScope.ACTION, "Repas partagés", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31),
                EvaluationStatus.FRAMING));
        evaluations.share(director.structureId(), action, programme);
        libraries.copy(action, libraries.libraries(action).stream().filter(found -> found.code().equals("socle"))
                .flatMap(found -> found.entries().stream()).map(LibraryEntry::id).toList());
        long question = objectives.addQuestion(action, new QuestionDraft(efficacite, "Qui vient aux repas ?",
                List.of()));
        objectives.linkIndicator(action, new IndicatorLinks(framework.indicators(action).get(0).id(),
                List.of(question), List.of()));
        List<StepProgress> actionOwn = paths.progress(action).steps();
        users.signIn(facilitator);
        NetworkProgress.Evaluation actionShared = progress.progress(programme, ProgressQuery.ALL).structures().stream()
                .flatMap(structure -> structure.evaluations().stream()).filter(found -> found.id() == action)
                .findFirst().orElseThrow();
        assertAgree("action without objective", actionShared, actionOwn);
        assertThat(state(actionShared, ProgressStep.QUESTIONS)).as("no objective yet").isEqualTo(StepState.STARTED);
        assertThat(date(actionShared, ProgressStep.QUESTIONS)).as("the indicator's link is the last save")
                .isNotNull();
    }

    private static void assertAgree(String what, NetworkProgress.Evaluation network, List<StepProgress> own) {
        for (StepProgress step : own) {
            List<ProgressStep> details = DETAILS.get(step.step());
            if (details == null) {
                continue;
            }
            StepState decisive = state(network, details.get(0));
            StepState seen = decisive == StepState.DONE ? StepState.DONE
                    : details.stream().anyMatch(detail -> state(network, detail) != StepState.TODO) ? StepState.STARTED
                            : StepState.TODO;
            assertThat(seen).as(what + ": " + step.step()).isEqualTo(step.state());
            if (step.state() == StepState.DONE && step.doneOn() != null) {
                assertThat(date(network, details.get(0))).as(what + ": the day " + step.step() + " was done")
                        .isEqualTo(step.doneOn());
            }
        }
    }

    private static StepState state(NetworkProgress.Evaluation evaluation, ProgressStep step) {
        return evaluation.steps().stream().filter(found -> found.step() == step).findFirst().orElseThrow().state();
    }

    private static LocalDate date(NetworkProgress.Evaluation evaluation, ProgressStep step) {
        return evaluation.steps().stream().filter(found -> found.step() == step).findFirst().orElseThrow().date();
    }
}
