package fr.maillon.web;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestClock;
import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.Measure;
import fr.maillon.framework.ValuesWorkbook;
import fr.maillon.network.NetworkService;
import fr.maillon.organisation.InvitationNotFoundException;
import fr.maillon.organisation.IssuedInvitation;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportService;
import fr.maillon.restitution.ReviewService;
import fr.maillon.survey.AnswerService;
import fr.maillon.survey.Audience;
import fr.maillon.survey.PublicSurvey;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.SurveyService;
import fr.maillon.survey.Wave;
import fr.maillon.survey.WaveDraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every date the application decides or shows is a day of its zone (Europe/Paris), read from its
 * clock: run at 23:30 UTC, when Paris is already in the next day, on a winter night (UTC+1, and a
 * new year there) and a summer one (UTC+2). The machine's zone (UTC here) plays no part.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ClockTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    TestClock clock;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    FrameworkService framework;

    @Autowired
    ValuesWorkbook valuesWorkbook;

    @Autowired
    ReportService reports;

    @Autowired
    ReviewService reviews;

    @Autowired
    SurveyService surveys;

    @Autowired
    AnswerService answers;

    @Autowired
    OrganisationService organisations;

    @Autowired
    NetworkService network;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reset() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @ParameterizedTest
    @CsvSource({ "2025-12-31T23:30:00Z, 2026-01-01, 01/01/2026 00:30", "2025-07-14T23:30:00Z, 2025-07-15, 15/07/2025 01:30" })
    void valuesAreDatedInTheZoneInTheWorkbookAndOnTheirPage(Instant night, LocalDate day, String shown)
            throws Exception {
        assertThat(clock.getZone()).isEqualTo(PARIS);
        TestUsers.Created editor = editor();
        long evaluation = evaluation(editor);
        long indicator = framework.addIndicator(evaluation, new IndicatorDraft("benevoles", "Bénévoles actifs", null,
                Measure.COUNT, null, null, null, null, null, null, null, false, DataSource.MANUAL, null, null, null,
                null, null));
        clock.set(night);
        framework.saveValues(evaluation, List.of(new CellInput(indicator, "2024", "", "12", null)), DataSource.MANUAL);

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(valuesWorkbook.workbook(evaluation)))) {
            Row row = book.getSheetAt(0).getRow(1);
            LocalDateTime enteredAt = row.getCell(9).getLocalDateTimeCellValue();
            assertThat(enteredAt.toLocalDate()).isEqualTo(day);
            assertThat(enteredAt).isBetween(LocalDateTime.ofInstant(night, PARIS),
                    LocalDateTime.ofInstant(night.plusSeconds(60), PARIS));
        }
        String page = mvc.perform(get("/evaluations/{e}/indicators/{i}/values", evaluation, indicator)
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(shown);
    }

    @ParameterizedTest
    @CsvSource({ "2025-12-31T23:30:00Z, 2026-01-01, 01/01/2026 00:30, 01/01/2026",
            "2025-07-14T23:30:00Z, 2025-07-15, 15/07/2025 01:30, 15/07/2025" })
    void aReportIsDrawnUpFinalisedAndSharedOnTheDaysOfTheZone(Instant night, LocalDate day, String draftShown,
            String dayShown) throws Exception {
        TestUsers.Created editor = editor();
        long evaluation = evaluation(editor);
        long report = reports.create(evaluation, ReportAudience.ASSEMBLEE, "Assemblée générale");
        clock.set(night);
        assertThat(reports.content(report, 0).drawnUp(PARIS)).isBetween(LocalDateTime.ofInstant(night, PARIS),
                LocalDateTime.ofInstant(night.plusSeconds(60), PARIS));
        clock.set(night);
        assertThat(mvc.perform(get("/reports/{id}", report).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString()).contains("Brouillon du " + draftShown);

        users.signIn(editor.username());
        clock.set(night);
        int version = reports.finalise(report);
        Instant finalisedAt = jdbc.sql("SELECT finalised_at FROM report_version WHERE report_id = :r")
                .param("r", report).query(java.sql.Timestamp.class).single().toInstant();
        assertThat(finalisedAt).isBetween(night, night.plusSeconds(60));
        assertThat(mvc.perform(get("/reports/{id}", report).param("version", String.valueOf(version))
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsString())
                .contains("Version finale 1, du " + dayShown);
        users.signIn(editor.username());

        // a share link that ends today in Paris opens today, and no longer tomorrow there
        String token = reviews.share(report, version, day);
        assertThatThrownBy(() -> reviews.share(report, version, day.minusDays(1)))
                .isInstanceOf(RuleViolationException.class);
        SecurityContextHolder.clearContext();
        assertThat(reviews.shared(token).content().version()).isEqualTo(version);
        clock.set(day.plusDays(1).atStartOfDay(PARIS).toInstant());
        assertThatThrownBy(() -> reviews.shared(token)).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @CsvSource({ "2025-12-31T23:30:00Z, 2026-01-01, 01/01/2026, 02/01/2026",
            "2025-07-14T23:30:00Z, 2025-07-15, 15/07/2025, 16/07/2025" })
    void wavesOpenAndCloseOnTheDaysOfTheZone(Instant night, LocalDate day, String dayShown, String tomorrowShown)
            throws Exception {
        TestUsers.Created editor = editor();
        long evaluation = evaluation(editor);
        clock.set(night);
        long survey = surveys.create(evaluation, new SurveyDraft("Votre centre social", null, null,
                Audience.HABITANTS, null));
        Wave first = surveys.survey(survey).waves().get(0);
        assertThat(first.period()).as("a new survey's wave reports for the year in Paris")
                .isEqualTo(String.valueOf(day.getYear()));
        String token = first.token();

        surveys.saveWave(survey, first.id(), new WaveDraft("Aujourd'hui", day, day, first.period()));
        Wave today = surveys.survey(survey).wave(first.id()).orElseThrow();
        assertThat(today.firstDay(PARIS)).isEqualTo(day);
        assertThat(today.lastDay(PARIS)).isEqualTo(day);
        assertThat(answers.open(token).state()).isEqualTo(PublicSurvey.State.OPEN);
        assertThat(mvc.perform(get("/surveys/{id}", survey).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString()).contains("du " + dayShown + " au " + dayShown);
        users.signIn(editor.username());

        surveys.saveWave(survey, first.id(), new WaveDraft("Demain", day.plusDays(1), null, first.period()));
        assertThat(answers.open(token).state()).isEqualTo(PublicSurvey.State.NOT_YET);
        assertThat(mvc.perform(get("/s/{token}", token)).andReturn().getResponse().getContentAsString())
                .contains("ouvrira le " + tomorrowShown);
        users.signIn(editor.username());

        surveys.saveWave(survey, first.id(), new WaveDraft("Hier", null, day.minusDays(1), first.period()));
        assertThat(answers.open(token).state()).isEqualTo(PublicSurvey.State.CLOSED);

        // an answer is dated by the clock
        surveys.saveWave(survey, first.id(), new WaveDraft("Aujourd'hui", day, day, first.period()));
        SecurityContextHolder.clearContext();
        clock.set(night);
        answers.answer(token, java.util.Map.of(), false, null, "clock-" + night);
        Instant submittedAt = jdbc.sql("SELECT submitted_at FROM survey_response WHERE survey_id = :s")
                .param("s", survey).query(java.sql.Timestamp.class).single().toInstant();
        assertThat(submittedAt).isBetween(night, night.plusSeconds(60));
    }

    @ParameterizedTest
    @CsvSource({ "2025-12-31T23:30:00Z, expire le 08/01/2026", "2025-07-14T23:30:00Z, expire le 22/07/2025" })
    void anInvitationExpiresSevenDaysAfterItWasMade(Instant night, String shown) throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        users.signIn(admin.username());
        clock.set(night);
        IssuedInvitation issued = organisations.invite(admin.structureId(), Role.STRUCTURE_VIEWER, "Samia");
        Instant expiresAt = issued.invitation().expiresAt();
        assertThat(expiresAt).isBetween(night.plus(OrganisationService.INVITATION_VALIDITY),
                night.plus(OrganisationService.INVITATION_VALIDITY).plusSeconds(60));
        assertThat(mvc.perform(get("/organisations/{id}/members", admin.structureId())
                .with(users.as(admin.username()))).andReturn().getResponse().getContentAsString()).contains(shown);
        users.signIn(admin.username());

        clock.set(expiresAt.minus(Duration.ofMinutes(1)));
        assertThat(organisations.invitation(issued.token()).invitee()).isEqualTo("Samia");
        assertThat(organisations.pendingInvitations(admin.structureId())).hasSize(1);
        clock.set(expiresAt);
        assertThatThrownBy(() -> organisations.invitation(issued.token()))
                .isInstanceOf(InvitationNotFoundException.class);
        assertThat(organisations.pendingInvitations(admin.structureId())).isEmpty();
        assertThatThrownBy(() -> organisations.accept(issued.token())).isInstanceOf(InvitationNotFoundException.class);
    }

    @ParameterizedTest
    @CsvSource({ "2025-12-31T23:30:00Z, 2025", "2025-07-14T23:30:00Z, 2024" })
    void theNetworksLastYearIsTheLastWholeYearInTheZone(Instant night, int lastYear) throws Exception {
        clock.set(night);
        assertThat(network.lastYear()).isEqualTo(lastYear);
        long federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération " + users.newUsername("f"), List.of("07")));
        String member = users.newUsername("federation");
        users.addMember(federation, users.newUser(member), Role.FEDERATION_MEMBER);
        assertThat(mvc.perform(get("/networks/{id}", federation).with(users.as(member))).andReturn().getResponse()
                .getContentAsString()).contains("summary?year=" + lastYear);
    }

    private TestUsers.Created editor() {
        return users.structureWithMember(Role.STRUCTURE_ADMIN);
    }

    /** A new evaluation of the editor's structure, with the editor signed in. */
    private long evaluation(TestUsers.Created editor) {
        users.signIn(editor.username());
        return evaluations.create(editor.structureId(), new EvaluationDraft("Évaluation de nuit",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2022, 1, 1), LocalDate.of(2026, 12, 31), null));
    }
}
