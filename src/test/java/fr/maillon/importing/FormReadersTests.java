package fr.maillon.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

import fr.maillon.TestFiles;
import fr.maillon.survey.FormDefinition;
import fr.maillon.survey.QuestionKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native questionnaire readers on real files of the tools' own repositories (see
 * src/test/resources/fixtures/README.md): question counts, sections and their nesting, conditions,
 * checks and translations, as each file holds them.
 */
class FormReadersTests {

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    final XFormReader xforms = new XFormReader(messages());
    final KoboFormReader kobo = new KoboFormReader(messages());
    final LimeSurveyReader limesurvey = new LimeSurveyReader(messages());

    @BeforeEach
    void french() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
    }

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    static byte[] fixture(String path) throws IOException {
        return Files.readAllBytes(TestFiles.FIXTURES.resolve(path));
    }

    static FormDefinition.Field field(FormRead read, String name) {
        return read.form().fields().stream().filter(field -> field.name().equals(name)).findFirst().orElseThrow();
    }

    static FormDefinition.Group group(List<FormDefinition.Item> items, String name) {
        for (FormDefinition.Item item : items) {
            if (item instanceof FormDefinition.Group group) {
                if (group.name().equals(name)) {
                    return group;
                }
                try {
                    return group(group.items(), name);
                }
                catch (AssertionError ex) {
                    // not in this one
                }
            }
        }
        throw new AssertionError("no group " + name);
    }

    // --- ODK XForm -----------------------------------------------------------------------------

    @Test
    void xformWithFrenchTranslationLeadsInFrench() throws IOException {
        FormRead read = xforms.read(fixture("odk/1-static-selects.xml"), null);
        assertThat(read.format()).isEqualTo(FileFormat.XFORM);
        assertThat(read.languages()).containsExactly("French", "English");
        assertThat(read.form().fields()).hasSize(2);
        FormDefinition.Field fruit = field(read, "fruit");
        assertThat(fruit.kind()).isEqualTo(QuestionKind.SINGLE);
        assertThat(fruit.label()).isEqualTo("Sélectionnez un fruit");
        assertThat(fruit.labelEn()).isEqualTo("Select a fruit");
        assertThat(fruit.choices()).hasSize(12);
        assertThat(field(read, "fruits").kind()).isEqualTo(QuestionKind.MULTIPLE);
        assertThat(xforms.read(fixture("odk/1-static-selects.xml"), "English").form().fields().get(0).label())
                .isEqualTo("Select a fruit");
    }

    @Test
    void xformGroupsRepeatsAndNestingAreSectionsAndRepeatsAreListed() throws IOException {
        FormRead read = xforms.read(fixture("odk/08-complex-repeats.xml"), null);
        assertThat(read.form().fields()).hasSize(8);
        assertThat(group(read.form().items(), "nested_group_1").title()).isEqualTo("Top group label");
        FormDefinition.Group child = group(read.form().items(), "child_group_1_1");
        assertThat(child.title()).isEqualTo("child group label");
        assertThat(((FormDefinition.Field) child.items().get(0)).name()).isEqualTo("d_name");
        assertThat(group(read.form().items(), "repeat_with_label").items()).singleElement()
                .isInstanceOf(FormDefinition.Field.class);
        assertThat(read.notKept()).filteredOn(problem -> problem.message().contains("groupe répété")).hasSize(4);
    }

    @Test
    void realFormKeepsGroupConditionsConstraintsAndRequired() throws IOException {
        FormRead read = xforms.read(fixture("odk/eIMCI-by-D-Tree.xml"), null);
        assertThat(read.languages()).containsExactly("English", "Swahili");
        assertThat(read.form().fields()).hasSize(125);
        assertThat(group(read.form().items(), "pneumonia").relevant())
                .isEqualTo("selected(${followup_reasons}, 'pneumonia')");
        assertThat(group(read.form().items(), "diazepam").relevant())
                .isEqualTo("selected(${look_danger_signs}, 'convuls')");
        FormDefinition.Field temperature = field(read, "temperature");
        assertThat(temperature.kind()).isEqualTo(QuestionKind.NUMBER);
        assertThat(temperature.required()).isTrue();
        assertThat(temperature.relevant()).isEqualTo("${temp_type} = 'therm'");
        assertThat(temperature.constraint()).isEqualTo(". >= 32 and . <= 44");
        assertThat(temperature.constraintMessage()).isEqualTo("Temperature must be between 32 and 44 degrees");
        assertThat(field(read, "override_2").relevant())
                .isEqualTo("${febrile} = 'disagree' or (${malaria} = 'disagree' or ${fever_only} = 'disagree')");
        assertThat(field(read, "main_symptoms").constraint())
                .isEqualTo("not(selected(., 'none') and count-selected(.) > 1)");
        assertThat(read.notKept()).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.column()).isNotBlank();
            assertThat(problem.message()).doesNotContain("Exception");
        });
    }

    @Test
    void constraintMessagesComeFromItextOrTheBind() throws IOException {
        FormRead read = xforms.read(fixture("odk/constraint-message-error.xml"), null);
        assertThat(read.form().fields()).hasSize(4).allSatisfy(field -> assertThat(field.constraint())
                .isEqualTo(". > '5'"));
        assertThat(field(read, "q1").constraintMessage()).isEqualTo("Your message");
        assertThat(field(read, "q4").constraintMessage()).isEqualTo("Message");
    }

    @Test
    void pyxformOrOtherBecomesTheOtherChoiceAndItemsetsAreRead() throws IOException {
        FormRead read = xforms.read(fixture("pairs/or_other.xml"), null);
        assertThat(read.form().fields()).hasSize(2);
        FormDefinition.Field color = field(read, "fav_color");
        assertThat(color.orOther()).isTrue();
        assertThat(color.choices()).extracting(choice -> choice.code()).containsExactly("red", "green", "blue",
                "mauve", "apricot");
        assertThat(read.notKept()).anySatisfy(problem -> assertThat(problem.message()).contains("pastel=yes"));
    }

    @Test
    void pyxformCompiledFormKeepsGroupRelevanceNestingAndTranslations() throws IOException {
        FormRead read = xforms.read(fixture("pairs/xlsform_spec_test.xml"), null);
        assertThat(read.languages()).containsExactly("chinese", "default", "english");
        // label-test and pyxform's reserved_name_for_field_list_labels_25 have ODK's "label" appearance:
        // header rows of a table, nothing to answer
        assertThat(read.form().fields()).hasSize(17);
        assertThat(read.notKept()).extracting(ImportProblem::column).contains("label-test",
                "reserved_name_for_field_list_labels_25");
        FormDefinition.Group everything = group(read.form().items(), "everything");
        assertThat(everything.relevant()).isEqualTo("not(selected(${skip_to_end}, 'yes'))");
        assertThat(group(everything.items(), "group_test").items()).hasSize(2);
        assertThat(field(read, "a_decimal").constraint()).isEqualTo(". <= ${a_integer}");
        assertThat(field(read, "required_text").required()).isTrue();
        assertThat(field(read, "my_name").labelEn()).isEqualTo("Enter your name");
    }

    // --- KoboToolbox ---------------------------------------------------------------------------

    @Test
    void koboFrenchLeadsEvenWhenListedLast() throws IOException {
        FormRead read = kobo.read(fixture("kobo/long_unicode_labels_v1.json"), null);
        assertThat(read.format()).isEqualTo(FileFormat.KOBO_FORM_JSON);
        assertThat(read.languages()).containsExactly("Français", "Swahili", "English");
        assertThat(read.form().fields()).hasSize(7);
        assertThat(field(read, "what_is_your_age").label()).isEqualTo("Quel âge avez-vous?");
        assertThat(field(read, "what_is_your_age").labelEn()).isEqualTo("What is your age?");
        assertThat(field(read, "q_2243").relevant()).isEqualTo("${q_2242} = '1'");
        assertThat(group(read.form().items(), "group_separationquestions").title()).isEqualTo("séparation");
        assertThat(field(read, "approval").label()).hasSizeGreaterThan(771);
    }

    @Test
    void koboXlsFormLikeKeysAndGroupRelevance() throws IOException {
        FormRead profile = kobo.read(fixture("kobo/restaurant_profile_v4.json"), null);
        assertThat(profile.languages()).containsExactly("french", "english");
        assertThat(profile.form().fields()).hasSize(2);
        assertThat(field(profile, "eatery_type").choices().get(0).label()).isEqualTo("traditionnel");
        assertThat(profile.notKept()).anySatisfy(problem -> assertThat(problem.column()).isEqualTo("location"));

        FormRead inspection = kobo.read(fixture("kobo/site_inspection_v5.json"), null);
        assertThat(inspection.form().fields()).hasSize(8);
        FormDefinition.Group condition = group(inspection.form().items(), "group_site_condition");
        assertThat(condition.relevant()).isEqualTo("${did_you_find_the_site} = 'yes'");
        assertThat(condition.items()).hasSize(3);
        assertThat(group(condition.items(), "group_network_quality").items()).hasSize(2);
    }

    @Test
    void koboArraysOfTranslationsRepeatsAndOrOther() throws IOException {
        FormRead translated = kobo.read(fixture("kobo/grouped_translated_v1.json"), null);
        assertThat(translated.languages()).containsExactly("English", "Español");
        assertThat(translated.form().fields()).hasSize(4);
        assertThat(group(translated.form().items(), "external_characteristics").items()).hasSize(2);

        FormRead repeats = kobo.read(fixture("kobo/grouped_repeatable_v1.json"), null);
        assertThat(repeats.form().fields()).hasSize(2);
        assertThat(group(repeats.form().items(), "houshold_member_repeat").items()).hasSize(1);
        assertThat(repeats.notKept()).singleElement().satisfies(problem -> assertThat(problem.message())
                .contains("groupe répété"));

        FormRead other = kobo.read(fixture("kobo/or_other_v1.json"), null);
        assertThat(other.form().fields()).allSatisfy(field -> assertThat(field.orOther()).isTrue());
        assertThat(kobo.read(fixture("kobo/customer_satisfaction_v1.json"), null).form().fields()).hasSize(2);
    }

    // --- LimeSurvey ----------------------------------------------------------------------------

    @Test
    void limeSurveyNewLayoutFrenchBaseArraysAsMatricesAndTypes() throws IOException {
        FormRead read = limesurvey.read(fixture("limesurvey/ls5_sample_survey_multilingual_fr_de_en_it.lss"), null);
        assertThat(read.format()).isEqualTo(FileFormat.LIMESURVEY_LSS);
        assertThat(read.languages()).containsExactly("fr", "en", "it", "de-informal");
        assertThat(read.form().title()).isEqualTo("Exemple de questionnaire EN/FR/DE");
        assertThat(read.form().items()).hasSize(6);
        FormDefinition.Group array = group(read.form().items(), "f");
        assertThat(array.matrix()).isTrue();
        assertThat(array.items()).hasSize(4);
        assertThat(field(read, "f_sq01").choices()).hasSize(4);
        assertThat(field(read, "y").kind()).isEqualTo(QuestionKind.YES_NO);
        assertThat(field(read, "l").orOther()).isTrue();
        assertThat(field(read, "l").label()).isEqualTo("Liste (Boutons radio)");
        assertThat(field(read, "l").labelEn()).isEqualTo("List radio");
        assertThat(field(read, "qcs3").relevant()).contains("selected(${qcs1}, 'SH101')");
        assertThat(read.notKept()).anySatisfy(problem -> assertThat(problem.column()).isEqualTo("D"));
        assertThat(read.notKept()).anySatisfy(problem -> assertThat(problem.message()).contains("count(that.AF)"));
    }

    @Test
    void limeSurveyOldLayoutGroupRelevanceAndChecks() throws IOException {
        FormRead read = limesurvey.read(fixture("limesurvey/ls205_group_relevance.lss"), null);
        assertThat(read.languages()).containsExactly("en");
        assertThat(read.form().fields()).hasSize(21);
        assertThat(read.form().items()).hasSize(6);
        assertThat(((FormDefinition.Group) read.form().items().get(2)).relevant())
                .isEqualTo("${cohabs} > 1 and ${p1rel} != ''");
        assertThat(field(read, "gender").relevant()).isEqualTo("not(${name} = '')");
        assertThat(field(read, "age").minimum()).isEqualByComparingTo("18");
        assertThat(field(read, "age").maximum()).isEqualByComparingTo("65");
        assertThat(field(read, "p1rel").orOther()).isTrue();
        assertThat(read.notKept()).anySatisfy(problem -> assertThat(problem.message()).contains("count(p1rel.NAOK"));

        FormRead checks = limesurvey.read(fixture("limesurvey/ls205_em_validation_q.lss"), null);
        assertThat(checks.form().fields()).hasSize(27);
        assertThat(checks.notKept()).filteredOn(problem -> problem.message().startsWith("contrôle")).hasSize(7);
    }

    @Test
    void limeSurveyArchiveIsReadThroughItsStructure() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            zip.putNextEntry(new ZipEntry("survey_553399.lss"));
            zip.write(fixture("limesurvey/ls205_group_relevance.lss"));
            zip.putNextEntry(new ZipEntry("survey_553399_responses.lsr"));
            zip.write("<document><LimeSurveyDocType>Responses</LimeSurveyDocType></document>".getBytes());
        }
        FormRead read = limesurvey.read(archive.toByteArray(), null);
        assertThat(read.format()).isEqualTo(FileFormat.LIMESURVEY_LSA);
        assertThat(read.form().fields()).hasSize(21);
    }

    @Test
    void expressionScriptCommonFormsAreTranslated() {
        java.util.function.Function<String, ExpressionScript.Reference> names = code -> switch (code) {
            case "Q1", "Q2" -> new ExpressionScript.Question(code.toLowerCase(Locale.ROOT));
            case "M_A1" -> new ExpressionScript.Option("m", "A1");
            case "YN" -> new ExpressionScript.Question("yn", true);
            default -> null;
        };
        // a yes/no question answers "Y" or "N" in LimeSurvey, 'yes' or 'no' in Maillon
        assertThat(ExpressionScript.convert("YN.NAOK == \"Y\" or \"N\" == YN", names).expression())
                .isEqualTo("${yn} = 'yes' or 'no' = ${yn}");
        assertThat(ExpressionScript.convert("((Q1.NAOK == \"A1\"))", names).expression()).isEqualTo("((${q1} = 'A1'))");
        assertThat(ExpressionScript.convert("Q1 != 3 or Q2 > 2 && !is_empty(Q2)", names).expression())
                .isEqualTo("${q1} != 3 or ${q2} > 2 and not(${q2} = '')");
        assertThat(ExpressionScript.convert("(Q1 == 1 or Q2 == 2) and M_A1 == 'Y'", names).expression())
                .isEqualTo("(${q1} = 1 or ${q2} = 2) and selected(${m}, 'A1')");
        assertThat(ExpressionScript.convert("1", names).expression()).isNull();
        assertThat(ExpressionScript.convert("Q9 == 1", names).reason()).isEqualTo("reference");
        assertThat(ExpressionScript.convert("sum(Q1, Q2) > 3", names).reason()).isEqualTo("function");
    }
}
