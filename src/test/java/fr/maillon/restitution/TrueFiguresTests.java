package fr.maillon.restitution;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
import fr.maillon.framework.CellInput;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.IndicatorResults;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodResult;
import fr.maillon.framework.PeriodType;
import fr.maillon.framework.ValueLog;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.survey.AnswerReader;
import fr.maillon.survey.AnswerService;
import fr.maillon.survey.Audience;
import fr.maillon.survey.Question;
import fr.maillon.survey.QuestionDraft;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Statistic;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.SurveyResults;
import fr.maillon.survey.SurveyResultsService;
import fr.maillon.survey.SurveyService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Issue 14, item 8: a new structure's director, 12 answers, 8 of them "d'accord" (fewer than five in
 * each other choice). Her own dashboard, report (draft and finalised, page, PDF and workbook) say
 * 66,7 % (n = 12), not the 0 % a masked group counted as; the CAF she shares with still sees the
 * masked results. A value typed for the same year before the survey fed the indicator is kept and
 * shown as replaced.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TrueFiguresTests {

    private static final String YEAR = String.valueOf(LocalDate.ofInstant(TestClock.START, java.time.ZoneOffset.UTC).getYear());

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    FrameworkService framework;

    @Autowired
    SurveyService surveys;

    @Autowired
    AnswerService answers;

    @Autowired
    SurveyResultsService results;

    @Autowired
    ReportService reports;

    @Autowired
    ReportFiles files;

    @Autowired
    OrganisationService organisations;

    @Autowired
    MockMvc mvc;

    TestUsers.Created director;
    String cafMember;
    long evaluation;
    long survey;
    long indicator;
    Question agreement;

    @BeforeEach
    void setUp() {
        director = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(director.username());
        evaluation = evaluations.create(director.structureId(), new EvaluationDraft("Projet social",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), null));
        survey = surveys.create(evaluation, new SurveyDraft("Lien social", null, null, Audience.HABITANTS, null));
        surveys.saveQuestion(survey, null, new QuestionDraft(null, null, QuestionKind.AGREEMENT,
                "Je me sens moins seul depuis que je viens au centre", null, null, null, false, false, null, null,
                null, null, null));
        agreement = surveys.survey(survey).questions().get(0);
        String token = surveys.survey(survey).waves().get(0).token();
        // the director had typed 85 for the year before the survey fed the indicator
        indicator = framework.addIndicator(evaluation, new IndicatorDraft("moins_seuls", "Moins seuls", null,
                Measure.PERCENTAGE, null, null, null, null, null, null, null, false, null, null, null, null, null,
                null));
        framework.saveGrid(evaluation, false, List.of(new CellInput(indicator, YEAR, "", "85", null)));
        surveys.feed(survey, indicator, agreement.id(), Statistic.AGREE_SHARE, null, null);
        int client = 0;
        for (String level : List.of("4", "4", "4", "4", "4", "4", "4", "4", "2", "2", "1", "1")) {
            Map<String, List<String>> form = new HashMap<>();
            form.put(AnswerReader.field(agreement), new ArrayList<>(List.of(level)));
            assertThat(answers.answer(token, form, false, null, "true-figures-" + survey + "-" + client++).valid())
                    .isTrue();
        }
        long caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(OrganisationType.CAF,
                "CAF " + survey, List.of("07")));
        cafMember = users.newUsername("caf");
        users.addMember(caf, users.newUser(cafMember), Role.CAF_MEMBER);
        organisations.shareUnchecked(director.structureId(), evaluation, caf, director.userId());
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theStructuresOwnReportWorkbookAndDashboardShowTheTruePercentageWithItsN() throws Exception {
        users.signIn(director.username());
        ReportContent.Highlight dashboard = reports.dashboard(evaluation).surveys().get(0).highlights().get(0);
        assertThat(dashboard.answered()).isEqualTo(12);
        assertThat(dashboard.share()).isEqualByComparingTo("66.6667");
        assertThat(spaces(dashboard.shown())).isEqualTo("66,7 % (n = 12)");

        long report = reports.create(evaluation, ReportAudience.CAF, "Dossier CAF");
        ReportContent draft = reports.content(report, 0);
        assertThat(draft.surveys().get(0).highlights().get(0).share()).isEqualByComparingTo("66.6667");
        int version = reports.finalise(report);
        ReportContent finalised = reports.content(report, version);
        assertThat(finalised.surveys().get(0).highlights().get(0).share()).isEqualByComparingTo("66.6667");
        ReportContent.IndicatorBlock block = finalised.indicators().stream()
                .filter(candidate -> candidate.code().equals("moins_seuls")).findFirst().orElseThrow();
        assertThat(block.precision()).isEqualTo(1);
        assertThat(block.points().stream().filter(point -> point.period().equals(YEAR)).findFirst().orElseThrow()
                .value()).as("the survey's value counts").isEqualByComparingTo("66.6667");

        // the PDF, read back: the share with its n, and no number with more decimals than its precision
        try (PDDocument document = Loader.loadPDF(files.pdf(finalised, "http://localhost/"))) {
            String text = spaces(new PDFTextStripper().getText(document));
            assertThat(text).contains("66,7 % (n = 12)").doesNotContainPattern("(?<![\\d,])0 %").doesNotContain("66,67");
            Matcher decimals = Pattern.compile("\\d,(\\d+)").matcher(text);
            while (decimals.find()) {
                assertThat(decimals.group(1)).as(decimals.group()).hasSizeLessThanOrEqualTo(1);
            }
        }

        // the workbook, read back: the true value in the cell, shown with one decimal
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(files.workbook(finalised)))) {
            Row headline = book.getSheet("Enquêtes").getRow(1);
            assertThat(headline.getCell(3).getNumericCellValue()).isEqualTo(12);
            Cell share = headline.getCell(4);
            assertThat(share.getNumericCellValue()).isCloseTo(66.6667, org.assertj.core.data.Offset.offset(0.0001));
            assertThat(share.getCellStyle().getDataFormatString()).isEqualTo("#,##0.0");
            Sheet indicators = book.getSheet("Indicateurs");
            Row row = find(indicators, "moins_seuls", YEAR);
            assertThat(row.getCell(4).getNumericCellValue()).isCloseTo(66.6667, org.assertj.core.data.Offset.offset(0.0001));
            assertThat(row.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("#,##0.0");
        }

        String page = spaces(mvc.perform(get("/evaluations/{e}/dashboard", evaluation).with(users.as(director.username())))
                .andReturn().getResponse().getContentAsString());
        assertThat(page).contains("66,7 % (n = 12)");
    }

    @Test
    void theFederationsViewStillHidesSmallGroups() throws Exception {
        users.signIn(cafMember);
        SurveyResults outside = results.results(survey, null, null, null, Locale.FRENCH);
        assertThat(outside.outsider()).isTrue();
        assertThat(outside.questions().get(0).shares()).filteredOn(share -> share.value().equals("4"))
                .allMatch(SurveyResults.Share::hidden);
        ReportContent.Highlight seen = reports.dashboard(evaluation).surveys().get(0).highlights().get(0);
        assertThat(seen.share()).as("masked, and never counted as 0 %").isNull();
        String page = spaces(mvc.perform(get("/evaluations/{e}/dashboard", evaluation).with(users.as(cafMember)))
                .andReturn().getResponse().getContentAsString());
        // the survey's headline (the indicator the survey feeds gives its total, from 12 answers)
        String headline = page.substring(page.indexOf("Je me sens moins seul"));
        headline = headline.substring(0, headline.indexOf("</li>"));
        assertThat(headline).endsWith("— (n = 12)").doesNotContain("%");
    }

    @Test
    void aTypedValueAndTheSurveysValueAreBothShownAndTheSurveysCounts() throws Exception {
        users.signIn(director.username());
        IndicatorResults result = framework.results(evaluation, PeriodType.YEAR).get(0);
        PeriodResult year = result.periods().stream().filter(period -> period.period().code().equals(YEAR))
                .findFirst().orElseThrow();
        assertThat(year.value()).isEqualByComparingTo("66.6667");
        assertThat(result.typedReplaced(year.period())).isEqualByComparingTo("85");
        assertThat(result.answered(year.period())).isEqualTo(12);

        ValueLog log = framework.valueLog(evaluation, indicator);
        assertThat(log.values()).extracting(ValueLog.Entry::value).containsExactly(new BigDecimal("85.0000"));
        assertThat(log.surveyValue(YEAR, "").value()).isEqualByComparingTo("66.6667");

        String values = spaces(mvc.perform(get("/evaluations/{e}/indicators/{i}/values", evaluation, indicator)
                .with(users.as(director.username()))).andReturn().getResponse().getContentAsString());
        assertThat(values).contains("<del>85</del>").contains("saisie remplacée par l&#39;enquête : 66,7 % (n = 12)");
        String page = spaces(mvc.perform(get("/evaluations/{e}/results", evaluation)
                .with(users.as(director.username()))).andReturn().getResponse().getContentAsString());
        assertThat(page).contains("66,7 % (n = 12)").contains("(saisie de 85 % remplacée par l&#39;enquête)")
                .contains("Moyenne depuis le début").doesNotContain("66,6667");
    }

    private static Row find(Sheet sheet, String code, String period) {
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && code.equals(row.getCell(0).getStringCellValue())
                    && period.equals(row.getCell(3).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + code + " " + period);
    }

    /** Narrow and ordinary no-break spaces as plain spaces, to compare with what a reader sees. */
    private static String spaces(String text) {
        return text.replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
