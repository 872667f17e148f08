package fr.maillon.bench;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.importing.ImportKind;
import fr.maillon.importing.ImportService;
import fr.maillon.importing.XlsFormImporter;
import fr.maillon.organisation.Role;

/**
 * Questionnaires, timed: a generated XLSForm of 1,000 questions (50 groups of 20, each group with a
 * condition, every question with a condition or a rule, single choices over a 12-choice list)
 * uploaded and previewed as the import page does (read, checked, outlined), then imported into a
 * survey. Not a test: run by bench/forms.sh, never by verify. Figures go to standard output and
 * to target/bench-forms.txt.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "maillon.bench", matches = "forms")
class FormsBenchmark {

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ImportService imports;

    @Autowired
    XlsFormImporter forms;

    private final List<String> report = new ArrayList<>();

    @Test
    void aThousandQuestionForm() throws Exception {
        TestUsers.Created owner = users.structureWithMember(Role.STRUCTURE_ADMIN);
        users.signIn(owner.username());
        long evaluation = evaluations.create(owner.structureId(), new EvaluationDraft("Grand questionnaire",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), null));
        byte[] file = form(1000);
        double[] preview = Timing.time(2, 5, () -> {
            String token = imports.upload(evaluation, ImportKind.XLSFORM, null, "grand.xlsx", file);
            forms.preview(token, null);
        });
        line("XLSForm of 1,000 questions (%d bytes) uploaded and previewed: median %.0f ms, worst %.0f ms",
                file.length, preview[0], preview[1]);
        long began = System.nanoTime();
        XlsFormImporter.Imported imported = forms.importForm(evaluation, "grand.xlsx", file, null);
        line("the same imported into a survey (1,000 questions, 50 sections, conditions and rules checked): %.1f s, "
                + "%d items listed as not kept", (System.nanoTime() - began) / 1e9, imported.notKept().size());
        Files.write(Path.of("target/bench-forms.txt"), report);
    }

    /** An XLSForm of {@code questions} questions in groups of 20. */
    private static byte[] form(int questions) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet survey = workbook.createSheet("survey");
            row(survey, "type", "name", "label::Français (fr)", "label::English (en)", "relevant", "constraint",
                    "constraint_message::Français (fr)", "required");
            for (int q = 1; q <= questions; q++) {
                if (q % 20 == 1) {
                    row(survey, "begin_group", "g" + q, "Partie " + (q / 20 + 1), "Part " + (q / 20 + 1),
                            q == 1 ? "" : "${q1} != 'c12'", "", "", "");
                }
                if (q % 2 == 0) {
                    row(survey, "integer", "q" + q, "Combien de fois (" + q + ") ?", "How many times (" + q + ")?",
                            "${q" + (q - 1) + "} != 'c1'", ". >= 0 and . <= 1000", "Entre 0 et 1 000", "no");
                }
                else {
                    row(survey, "select_one frequence", "q" + q, "À quelle fréquence (" + q + ") ?",
                            "How often (" + q + ")?", q == 1 ? "" : "${q" + (q - 2) + "} = 'c2' or ${q" + (q - 1)
                                    + "} > 3", "", "", q == 1 ? "yes" : "no");
                }
                if (q % 20 == 0) {
                    row(survey, "end_group", "", "", "", "", "", "", "");
                }
            }
            Sheet choices = workbook.createSheet("choices");
            row(choices, "list_name", "name", "label::Français (fr)", "label::English (en)");
            for (int c = 1; c <= 12; c++) {
                row(choices, "frequence", "c" + c, "Fréquence " + c, "Frequency " + c);
            }
            row(workbook.createSheet("settings"), "form_title");
            workbook.getSheet("settings").createRow(1).createCell(0).setCellValue("Grand questionnaire");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static void row(Sheet sheet, String... cells) {
        Row row = sheet.createRow(sheet.getPhysicalNumberOfRows());
        for (int i = 0; i < cells.length; i++) {
            row.createCell(i).setCellValue(cells[i]);
        }
    }

    private void line(String format, Object... arguments) {
        String text = String.format(format, arguments);
        System.out.println("[bench] " + text);
        report.add(text);
    }
}
