package fr.maillon.workshop;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestClock;
import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.MethodPathService;
import fr.maillon.chain.MethodProgress;
import fr.maillon.chain.MethodStep;
import fr.maillon.chain.StepProgress;
import fr.maillon.chain.StepText;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The path through the method tells, on « Décrire la chaîne », the evaluation's workshops and who took part. */
@SpringBootTest
@AutoConfigureMockMvc
class WorkshopMethodStepTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    MethodPathService paths;

    @Autowired
    WorkshopService workshops;

    TestUsers.Created editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Jardin partagé",
                EvaluationScope.ACTION, "Jardin", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        clock.reset();
    }

    private StepProgress chainStep() {
        MethodProgress progress = paths.progress(evaluation);
        return progress.steps().stream().filter(step -> step.step() == MethodStep.CHAIN).findFirst().orElseThrow();
    }

    private void workshop(Instant at, String title, ParticipantRole... roles) {
        clock.set(at);
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft(title, 60, 5));
        for (ParticipantRole role : roles) {
            workshops.join(workshop.code(), role);
        }
        workshops.close(workshop.id());
    }

    @Test
    void withoutWorkshopsTheChainStepIsAsBefore() {
        StepProgress before = chainStep();
        assertThat(before.done()).extracting(StepText::messageKey).doesNotContain("workshop.path.done");
    }

    @Test
    void theChainStepCountsTheWorkshopsTheirParticipantsAndTheDayOfTheLastOne() throws Exception {
        workshop(Instant.parse("2026-03-12T17:00:00Z"), "Atelier de mars", ParticipantRole.HABITANT,
                ParticipantRole.HABITANT, ParticipantRole.BENEVOLE);
        workshop(Instant.parse("2026-04-02T08:00:00Z"), "Atelier d'avril", ParticipantRole.HABITANT,
                ParticipantRole.PARTENAIRE);
        StepProgress step = chainStep();
        StepText text = step.done().stream().filter(done -> done.messageKey().equals("workshop.path.done"))
                .findFirst().orElseThrow();
        assertThat(text.arguments()).containsExactly(2L, 5L, 3L, "02/04/2026");
        assertThat(text.path()).isEqualTo("/evaluations/" + evaluation + "/workshops");
        // a workshop does not make an empty chain done: the chain's own report still leads
        assertThat(step.state()).isNotEqualTo(fr.maillon.chain.StepState.DONE);
        assertThat(step.next().path()).doesNotEndWith("/workshops");

        String page = mvc.perform(get("/evaluations/{id}", evaluation).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<a href=\"/evaluations/" + evaluation + "/workshops\">"
                + "2 ateliers, 5 participants dont 3 habitants, le dernier le 02/04/2026.</a>");
    }

    @Test
    void oneWorkshopIsToldInTheSingular() throws Exception {
        workshop(Instant.parse("2026-03-12T17:00:00Z"), "Atelier de mars", ParticipantRole.HABITANT);
        String page = mvc.perform(get("/evaluations/{id}", evaluation).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("1 atelier, 1 participant dont 1 habitant, le 12/03/2026.");
    }
}
