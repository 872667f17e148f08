package fr.maillon.restitution;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verdict per evaluative question: written through the page and the API, citing only what the
 * evaluation holds, marked « non étayé » without evidence, refused whole on bad input, locked
 * against concurrent edits, gone with its question, carried by the exchange format and given to
 * every question of the demo.
 */
@SpringBootTest
@AutoConfigureMockMvc
class VerdictTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    VerdictService verdicts;

    @Autowired
    ExchangeService exchange;

    TestUsers.Created editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = exchange.importEvaluation(editor.structureId(), TestFiles.demoDocument());
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void savesAVerdictWithItsEvidenceAndReadsItBackForEveryQuestion() {
        List<QuestionVerdict> before = verdicts.verdicts(evaluation);
        assertThat(before).hasSize(5);
        long question = before.get(1).questionId();
        long indicator = id("SELECT id FROM indicator WHERE evaluation_id = :e AND code = 'participants_qpv'");
        long testimony = id("SELECT id FROM evidence WHERE evaluation_id = :e AND title LIKE 'Nadia%'");
        long surveyQuestion = id("SELECT q.id FROM survey_question q JOIN survey s ON s.id = q.survey_id "
                + "WHERE s.evaluation_id = :e AND q.code = 'achats_locaux'");
        long wave = id("SELECT w.id FROM survey_wave w JOIN survey s ON s.id = w.survey_id "
                + "WHERE s.evaluation_id = :e AND w.label = 'Saison 2021'");

        verdicts.save(evaluation, question, new VerdictDraft(Verdict.EN_PARTIE, "  Les ateliers touchent les QPV.  ",
                List.of(VerdictEvidence.of(VerdictEvidenceKind.INDICATOR, indicator),
                        new VerdictEvidence(VerdictEvidenceKind.SURVEY_QUESTION, surveyQuestion, wave),
                        VerdictEvidence.of(VerdictEvidenceKind.TESTIMONY, testimony))), 0);

        QuestionVerdict saved = verdicts.verdict(evaluation, question);
        assertThat(saved.verdict()).isEqualTo(Verdict.EN_PARTIE);
        assertThat(saved.argument()).isEqualTo("Les ateliers touchent les QPV.");
        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.unsupported()).isFalse();
        assertThat(saved.evidence()).extracting(CitedEvidence::kind).containsExactly(VerdictEvidenceKind.INDICATOR,
                VerdictEvidenceKind.SURVEY_QUESTION, VerdictEvidenceKind.TESTIMONY);
        assertThat(saved.evidence().get(0).code()).isEqualTo("participants_qpv");
        assertThat(saved.evidence().get(1).surveyTitle()).isEqualTo("Questionnaire aux participants des ateliers");
        assertThat(saved.evidence().get(1).waveLabel()).isEqualTo("Saison 2021");
        assertThat(saved.evidence().get(2).label()).startsWith("Nadia");
        assertThat(verdicts.verdicts(evaluation)).filteredOn(QuestionVerdict::answered).hasSize(1);
    }

    private long id(String sql) {
        return jdbc.sql(sql).param("e", evaluation).query(Long.class).single();
    }
}
