package fr.maillon.importing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import fr.maillon.TestFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a file is, told by its content: every real file of the test corpus (pyxform, ODK Web Forms,
 * Kobo's formpack, LimeSurvey, DHIS2; see the fixtures' READMEs) is recognised, whatever its name.
 */
class FileFormatTests {

    private static final Map<String, FileFormat> REAL = Map.ofEntries(
            Map.entry("xlsform/yes_or_no_question.xlsx", FileFormat.XLSX),
            Map.entry("xlsform/socio-economic-survey-v20240515.xlsx", FileFormat.XLSX),
            Map.entry("xlsform/xlsform_spec_test.xlsx", FileFormat.XLSX),
            Map.entry("xlsform/tutorial.xls", FileFormat.XLS),
            Map.entry("xlsform/group.xls", FileFormat.XLS),
            Map.entry("xlsform/loop.xls", FileFormat.XLS),
            Map.entry("xlsform/group.csv", FileFormat.XLSFORM_CSV),
            Map.entry("xlsform/yes_or_no_question.csv", FileFormat.XLSFORM_CSV),
            Map.entry("xlsform/group.md", FileFormat.XLSFORM_MARKDOWN),
            Map.entry("xlsform/yes_or_no_question.md", FileFormat.XLSFORM_MARKDOWN),
            Map.entry("xlsform/case_insensitivity.md", FileFormat.XLSFORM_MARKDOWN),
            Map.entry("odk/1-static-selects.xml", FileFormat.XFORM),
            Map.entry("odk/08-complex-repeats.xml", FileFormat.XFORM),
            Map.entry("kobo/customer_satisfaction_v1.json", FileFormat.KOBO_FORM_JSON),
            Map.entry("kobo/grouped_repeatable_v1.json", FileFormat.KOBO_FORM_JSON),
            Map.entry("kobo/restaurant_profile_v4.json", FileFormat.KOBO_FORM_JSON),
            Map.entry("limesurvey/ls5_sample_survey_multilingual_fr_de_en_it.lss", FileFormat.LIMESURVEY_LSS),
            Map.entry("limesurvey/survey_998192_R_data_file.csv", FileFormat.CSV),
            Map.entry("dhis2/dataValueSetB.xml", FileFormat.DHIS2_XML),
            Map.entry("dhis2/dataValueSetB.csv", FileFormat.DHIS2_CSV),
            Map.entry("dhis2/dataValues_single_dataset.json", FileFormat.DHIS2_JSON));

    @Test
    void everyRealFileIsRecognisedByItsContentWhateverItsName() throws Exception {
        for (Map.Entry<String, FileFormat> file : REAL.entrySet()) {
            byte[] content = Files.readAllBytes(TestFiles.FIXTURES.resolve(file.getKey()));
            assertThat(FileFormat.detect(content, file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
            // a misleading name changes nothing, except for the text layouts pyxform names .md
            if (file.getValue() != FileFormat.XLSFORM_MARKDOWN) {
                assertThat(FileFormat.detect(content, "export.txt")).as(file.getKey() + " renamed")
                        .isEqualTo(file.getValue());
            }
        }
    }

    @Test
    void theMarkdownLayoutIsToldByItsSurveyTableNotOnlyByItsName() throws Exception {
        byte[] markdown = Files.readAllBytes(TestFiles.FIXTURES.resolve("xlsform/group.md"));
        assertThat(FileFormat.detect(markdown, "formulaire.txt")).isEqualTo(FileFormat.XLSFORM_MARKDOWN);
    }

    @Test
    void pyxformsCsvLayoutIsToldWhateverItsSeparatorAndWhetherItsSheetRowHasCells() {
        for (String csv : List.of("survey\n,type,name,label\n,text,a,A\n", "survey;;;\n;type;name;label\n;text;a;A\n",
                "\"survey\",,,\n,\"type\",\"name\",\"label\"\n")) {
            assertThat(FileFormat.detect(csv.getBytes(StandardCharsets.UTF_8), "form.csv")).as(csv)
                    .isEqualTo(FileFormat.XLSFORM_CSV);
        }
    }

    @Test
    void aWorkbookCutShortIsStillAWorkbookForItsReaderToRefuse() throws Exception {
        byte[] form = Files.readAllBytes(TestFiles.FIXTURES.resolve("xlsform/socio-economic-survey-v20240515.xlsx"));
        assertThat(FileFormat.detect(Arrays.copyOf(form, form.length / 2), "x.xlsx")).isEqualTo(FileFormat.XLSX);
        assertThat(FileFormat.detect(new byte[] { 'P', 'K', 3, 4, 0, 0, 1 }, "x.xlsx")).isEqualTo(FileFormat.BINARY);
    }

    @Test
    void filesOfOtherKindsAreNamed() throws Exception {
        assertThat(FileFormat.detect("%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1), "a.csv"))
                .isEqualTo(FileFormat.PDF);
        ByteArrayOutputStream ods = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(ods)) {
            zip.putNextEntry(new ZipEntry("mimetype"));
            zip.write("application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        assertThat(FileFormat.detect(ods.toByteArray(), "a.xlsx")).isEqualTo(FileFormat.ODS);
        assertThat(FileFormat.detect(TestFiles.demoDocument(), "a.json")).isEqualTo(FileFormat.EXCHANGE_JSON);
        assertThat(FileFormat.detect("Indicateur;Période;Valeur\nbenevoles;2019;12\n".getBytes(StandardCharsets.UTF_8),
                "a.csv")).isEqualTo(FileFormat.CSV);
        assertThat(FileFormat.detect(new byte[] { 0, 1, 2, 3 }, "a.csv")).isEqualTo(FileFormat.BINARY);
    }

    /** The path to a real file, for the other tests of this package. */
    static Path fixture(String path) {
        return TestFiles.FIXTURES.resolve(path);
    }
}
