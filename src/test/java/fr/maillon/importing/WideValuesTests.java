package fr.maillon.importing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodType;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Spreadsheets as people make them: one column per indicator and one row per date or period, or
 * the reverse, recognised by the preview and imported once confirmed; the wide template of the
 * evaluation's indicators read back as it is; dates checked for real (31/09/2022 refused, the cell
 * named), in the wide and the long layout.
 */
@SpringBootTest
class WideValuesTests {

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    FrameworkService framework;

    @Autowired
    ImportService imports;

    @Autowired
    ValueImporter values;

    @Autowired
    WideTemplate template;

    long evaluation;
    long volunteers;
    long hours;
    long open;

    @BeforeEach
    void setUp() {
        LocaleContextHolder.setLocale(java.util.Locale.FRENCH);
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Large", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2022, 1, 1), LocalDate.of(2023, 12, 31), null));
        volunteers = framework.addIndicator(evaluation, Dhis2ImportTests.indicator("benevoles", Measure.COUNT,
                PeriodType.QUARTER, null));
        hours = framework.addIndicator(evaluation, Dhis2ImportTests.indicator("heures", Measure.HOURS,
                PeriodType.QUARTER, null));
        open = framework.addIndicator(evaluation, Dhis2ImportTests.indicator("permanence", Measure.YES_NO,
                PeriodType.QUARTER, null));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void oneColumnPerIndicatorAndOneRowPerDateIsRecognisedAndEachDateGoesToItsQuarter() {
        String csv = "Date;benevoles;Heures;permanence\n15/03/2022;12;100;oui\n30/09/2022;14;;non\n2023Q1;;80,5;\n";
        String token = upload("large.csv", csv);
        ValueImporter.Preview preview = values.preview(token);
        assertThat(preview.layout()).isEqualTo(ValueImporter.Layout.INDICATORS_IN_COLUMNS);
        ImportJobs.Outcome outcome = values.run(token, preview.guess(), ImportTests.QUIET);
        assertThat(outcome.message()).startsWith("6 valeurs importées");
        assertThat(stored()).containsExactlyInAnyOrder(tuple("benevoles", "2022Q1", "12"),
                tuple("benevoles", "2022Q3", "14"), tuple("heures", "2022Q1", "100"), tuple("heures", "2023Q1", "80.5"),
                tuple("permanence", "2022Q1", "1"), tuple("permanence", "2022Q3", "0"));
    }

    @Test
    void oneRowPerIndicatorAndOneColumnPerPeriodIsRecognisedToo() {
        String csv = "Indicateur,2022Q1,2022Q2,30/09/2022\nbenevoles,10,11,12\nheures,,50,\n";
        String token = upload("reverse.csv", csv);
        ValueImporter.Preview preview = values.preview(token);
        assertThat(preview.layout()).isEqualTo(ValueImporter.Layout.PERIODS_IN_COLUMNS);
        values.run(token, preview.guess(), ImportTests.QUIET);
        assertThat(stored()).containsExactlyInAnyOrder(tuple("benevoles", "2022Q1", "10"),
                tuple("benevoles", "2022Q2", "11"), tuple("benevoles", "2022Q3", "12"), tuple("heures", "2022Q2", "50"));
    }

    @Test
    void aLongTableStaysLongAndTheConfirmedLayoutIsTheOneUsed() {
        String csv = "Indicateur;Période;Valeur\nbenevoles;2022Q1;4\n";
        String token = upload("long.csv", csv);
        ValueImporter.Preview preview = values.preview(token);
        assertThat(preview.layout()).isEqualTo(ValueImporter.Layout.LONG);
        assertThat(preview.guess()).isEqualTo(new ValueImporter.Mapping(0, 1, -1, 2, -1, false));
        values.run(token, preview.guess(), ImportTests.QUIET);
        assertThat(stored()).containsExactly(tuple("benevoles", "2022Q1", "4"));
    }

    @Test
    void anImpossibleDateIsRefusedWithItsCellNamedAndNothingIsWritten() {
        String wide = "Date;benevoles;heures\n15/03/2022;12;100\n31/09/2022;14;20\n29/02/2023;1;2\n29/02/2024;1;2\n";
        String token = upload("dates.csv", wide);
        ValueImporter.Preview preview = values.preview(token);
        assertThat(preview.layout()).isEqualTo(ValueImporter.Layout.INDICATORS_IN_COLUMNS);
        assertThatThrownBy(() -> values.run(token, preview.guess(), ImportTests.QUIET)).isInstanceOfSatisfying(
                ImportRefusedException.class, ex -> assertThat(ex.problems()).extracting(ImportProblem::line,
                        ImportProblem::column, ImportProblem::message).containsExactly(
                                tuple(3, "Date", "date impossible « 31/09/2022 » (cellule A3) : ce jour n'existe pas "
                                        + "dans le calendrier."),
                                tuple(4, "Date", "date impossible « 29/02/2023 » (cellule A4) : ce jour n'existe pas "
                                        + "dans le calendrier.")));
        assertThat(framework.values(evaluation)).isEmpty();
        String long_ = "Indicateur;Date;Valeur\nbenevoles;30/09/2022;3\nheures;31/09/2022;4\n";
        String longToken = upload("long-dates.csv", long_);
        assertThatThrownBy(() -> values.run(longToken, values.preview(longToken).guess(), ImportTests.QUIET))
                .isInstanceOfSatisfying(ImportRefusedException.class, ex -> assertThat(ex.problems())
                        .extracting(ImportProblem::line, ImportProblem::column, problem -> problem.message()
                                .contains("(cellule B3)")).containsExactly(tuple(3, "Date", true)));
        assertThat(framework.values(evaluation)).isEmpty();
    }

    @Test
    void aColumnThatNamesNoIndicatorIsRefusedWithItsCell() {
        String token = upload("extra.csv", "Période;benevoles;Total\n2022Q1;3;3\n");
        ValueImporter.Preview preview = values.preview(token);
        assertThat(preview.layout()).isEqualTo(ValueImporter.Layout.INDICATORS_IN_COLUMNS);
        assertThatThrownBy(() -> values.run(token, preview.guess(), ImportTests.QUIET)).isInstanceOfSatisfying(
                ImportRefusedException.class, ex -> assertThat(ex.problems()).extracting(ImportProblem::column,
                        problem -> problem.message().contains("(cellule C1)")).containsExactly(tuple("Total", true)));
    }

    @Test
    void theWideTemplateHoldsTheIndicatorsAndPeriodsAndReadsBackFilledIn() throws Exception {
        framework.saveValues(evaluation, List.of(new CellInput(volunteers, "2022Q2", "7"),
                new CellInput(open, "2022Q2", "oui")), DataSource.MANUAL);
        byte[] workbook = template.workbook(evaluation);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(List.of(sheet.getRow(0).getCell(0).getStringCellValue(),
                    sheet.getRow(0).getCell(1).getStringCellValue(), sheet.getRow(0).getCell(2).getStringCellValue(),
                    sheet.getRow(0).getCell(3).getStringCellValue())).containsExactly("Période", "benevoles", "heures",
                            "permanence");
            assertThat(sheet.getLastRowNum()).as("the 8 quarters of 2022-2023").isEqualTo(8);
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("2022Q2");
            assertThat(sheet.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(7);
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).isEqualTo("oui");
            assertThat(book.getSheetAt(1).getRow(1).getCell(1).getStringCellValue()).isEqualTo("benevoles");
            // filled in as people do: numbers, a real date cell in the period column, a "non"
            Row row = sheet.getRow(3);
            row.createCell(1).setCellValue(9);
            row.createCell(2).setCellValue(35.5);
            row.createCell(3).setCellValue("non");
            Row dated = sheet.getRow(8);
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("dd/mm/yyyy"));
            dated.removeCell(dated.getCell(0)); // a new cell: POI would keep the inline text beside the date
            dated.createCell(0).setCellValue(LocalDate.of(2023, 11, 30));
            dated.getCell(0).setCellStyle(date);
            dated.createCell(1).setCellValue(20);
            ByteArrayOutputStream filled = new ByteArrayOutputStream();
            book.write(filled);
            String token = imports.upload(evaluation, ImportKind.VALUES, null, "modele.xlsx", filled.toByteArray());
            ValueImporter.Preview preview = values.preview(token);
            assertThat(preview.layout()).isEqualTo(ValueImporter.Layout.INDICATORS_IN_COLUMNS);
            try {
                values.run(token, preview.guess(), ImportTests.QUIET);
            }
            catch (ImportRefusedException ex) {
                throw new AssertionError(ex.problems().toString());
            }
        }
        assertThat(stored()).containsExactlyInAnyOrder(tuple("benevoles", "2022Q2", "7"),
                tuple("permanence", "2022Q2", "1"), tuple("benevoles", "2022Q3", "9"), tuple("heures", "2022Q3", "35.5"),
                tuple("permanence", "2022Q3", "0"), tuple("benevoles", "2023Q4", "20"));
    }

    private String upload(String name, String content) {
        return imports.upload(evaluation, ImportKind.VALUES, null, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private List<org.assertj.core.groups.Tuple> stored() {
        java.util.Map<Long, String> codes = new java.util.HashMap<>();
        framework.indicators(evaluation).forEach(indicator -> codes.put(indicator.id(), indicator.code()));
        return framework.values(evaluation).stream().map(value -> tuple(codes.get(value.indicatorId()), value.period(),
                value.value().stripTrailingZeros().toPlainString())).toList();
    }
}
