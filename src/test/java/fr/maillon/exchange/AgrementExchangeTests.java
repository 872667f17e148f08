package fr.maillon.exchange;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import fr.maillon.TestUsers;
import fr.maillon.agrement.AgrementFile;
import fr.maillon.agrement.AgrementFileService;
import fr.maillon.agrement.AgrementNote;
import fr.maillon.agrement.AgrementPart;
import fr.maillon.agrement.PartState;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.web.Problems.ApiError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The exchange format carries the dossier d'agrément's texts and "sans objet" marks: export → import → export keeps
 * them; a document without them imports without; bad ones are refused with their JSON path, nothing written.
 */
@SpringBootTest
class AgrementExchangeTests {

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    AgrementFileService files;

    @Autowired
    ExchangeService exchange;

    @Autowired
    JsonMapper mapper;

    @Autowired
    JdbcClient jdbc;

    TestUsers.Created editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        LocaleContextHolder.setLocale(Locale.FRENCH);
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Projet social 2024-2027",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), null));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void exportImportExportKeepsTheTextsAndTheMarks() {
        files.saveNote(evaluation, AgrementPart.DIAGNOSTIC, "Diagnostic mené avec 120 habitants.\nDeux réunions.", false);
        files.saveNote(evaluation, AgrementPart.FAMILIES, "Pas d'animation collective familles.", true);
        files.saveNote(evaluation, AgrementPart.PREVIOUS_EVALUATION, "Évaluation à mi-parcours en 2025.", false);
        ObjectNode first = export(evaluation);
        assertThat(first.get("agrementNotes").toString()).isEqualTo("""
                [{"part":"DIAGNOSTIC","text":"Diagnostic mené avec 120 habitants.\\nDeux réunions."},\
                {"part":"FAMILIES","text":"Pas d'animation collective familles.","notApplicable":true},\
                {"part":"PREVIOUS_EVALUATION","text":"Évaluation à mi-parcours en 2025."}]""");

        long imported = exchange.importEvaluation(editor.structureId(), bytes(first));
        AgrementFile file = files.file(imported);
        assertThat(file.part(AgrementPart.DIAGNOSTIC).note()).isEqualTo("Diagnostic mené avec 120 habitants.\nDeux réunions.");
        assertThat(file.part(AgrementPart.FAMILIES).state()).isEqualTo(PartState.NOT_APPLICABLE);
        assertThat(file.part(AgrementPart.FAMILIES).markedNotApplicable()).isTrue();
        assertThat(file.part(AgrementPart.FAMILIES).note()).isEqualTo("Pas d'animation collective familles.");
        assertThat(file.part(AgrementPart.PARTICIPATION).note()).isNull();
        assertThat(files.notes(file.evaluation())).containsExactly(
                new AgrementNote(AgrementPart.DIAGNOSTIC, "Diagnostic mené avec 120 habitants.\nDeux réunions.", false),
                new AgrementNote(AgrementPart.FAMILIES, "Pas d'animation collective familles.", true),
                new AgrementNote(AgrementPart.PREVIOUS_EVALUATION, "Évaluation à mi-parcours en 2025.", false));
        assertThat(export(imported).get("agrementNotes")).isEqualTo(first.get("agrementNotes"));
    }

    @Test
    void aMarkWithoutTextTravelsAndAFileWithoutTextsWritesNothing() {
        assertThat(export(evaluation).has("agrementNotes")).isFalse();
        files.saveNote(evaluation, AgrementPart.FAMILIES, null, true);
        ObjectNode document = export(evaluation);
        assertThat(document.get("agrementNotes").toString()).isEqualTo("[{\"part\":\"FAMILIES\",\"notApplicable\":true}]");
        long imported = exchange.importEvaluation(editor.structureId(), bytes(document));
        assertThat(files.file(imported).part(AgrementPart.FAMILIES).state()).isEqualTo(PartState.NOT_APPLICABLE);

        document.remove("agrementNotes");
        long without = exchange.importEvaluation(editor.structureId(), bytes(document));
        assertThat(files.notes(files.file(without).evaluation())).isEmpty();
    }

    @Test
    void badTextsAndMarksAreRefusedWithTheirPathsAndNothingIsWritten() {
        files.saveNote(evaluation, AgrementPart.DIAGNOSTIC, "Diagnostic.", false);
        ObjectNode document = export(evaluation);
        long evaluationsBefore = count("SELECT count(*) FROM evaluation WHERE structure_id = :s");
        long notesBefore = count("SELECT count(*) FROM agrement_note WHERE structure_id = :s");

        ObjectNode schemaWise = document.deepCopy();
        ArrayNode notes = (ArrayNode) schemaWise.get("agrementNotes");
        notes.addObject().put("part", "BUDGET");
        notes.addObject().put("part", "OBJECTIVES").put("text", "a".repeat(2001));
        notes.addObject().put("part", "OBJECTIVES").put("colour", "vert");
        assertThat(paths(schemaWise)).contains("$.agrementNotes[1].part", "$.agrementNotes[2].text")
                .anyMatch(path -> path.startsWith("$.agrementNotes[3]"));

        ObjectNode ruleWise = document.deepCopy();
        ArrayNode ruled = (ArrayNode) ruleWise.get("agrementNotes");
        ruled.addObject().put("part", "DIAGNOSTIC").put("text", "Encore");
        ruled.addObject().put("part", "OBJECTIVES").put("text", "avant\u0007après");
        ruled.addObject().put("part", "PARTICIPATION").put("notApplicable", true);
        List<ApiError> errors = errors(ruleWise);
        assertThat(errors).extracting(ApiError::path).containsExactly("$.agrementNotes[1].part");
        assertThat(errors.get(0).message()).contains("figure déjà");

        ruled.remove(1);
        errors = errors(ruleWise);
        assertThat(errors).extracting(ApiError::path).containsExactly("$.agrementNotes[1].text",
                "$.agrementNotes[2].notApplicable");
        assertThat(errors.get(0).message()).contains("caractères de contrôle");
        assertThat(errors.get(1).message()).contains("Seul le projet familles peut être sans objet");

        assertThat(count("SELECT count(*) FROM evaluation WHERE structure_id = :s")).isEqualTo(evaluationsBefore);
        assertThat(count("SELECT count(*) FROM agrement_note WHERE structure_id = :s")).isEqualTo(notesBefore);
    }

    private ObjectNode export(long evaluationId) {
        return (ObjectNode) mapper.valueToTree(exchange.export(evaluationId));
    }

    private static byte[] bytes(ObjectNode document) {
        return document.toString().getBytes(StandardCharsets.UTF_8);
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("s", editor.structureId()).query(Long.class).single();
    }

    private List<String> paths(ObjectNode document) {
        return errors(document).stream().map(ApiError::path).toList();
    }

    private List<ApiError> errors(ObjectNode document) {
        ImportRejectedException refused = catchThrowableOfType(ImportRejectedException.class,
                () -> exchange.importEvaluation(editor.structureId(), bytes(document)));
        assertThat(refused).as("refused").isNotNull();
        return refused.errors();
    }
}
