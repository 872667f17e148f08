package fr.maillon.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.maillon.account.AccountService;
import fr.maillon.account.NewAccount;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.framework.Aggregation;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.Direction;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodType;
import fr.maillon.organisation.ManagementMode;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;
import fr.maillon.organisation.TerritoryType;

/** Loads the demo case (see the README for its accounts) into an empty database, in one transaction. */
@Component
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "maillon-demo";
    /** La Coopération's Conserverie Mobile et Solidaire, in the exchange format. */
    static final String CONSERVERIE = "demo/conserverie-mobile.json";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Environment environment;
    private final AccountService accounts;
    private final OrganisationService organisations;
    private final EvaluationService evaluations;
    private final ExchangeService exchange;
    private final FrameworkService frameworks;
    private final TransactionTemplate transaction;

    DemoData(Environment environment, AccountService accounts, OrganisationService organisations,
            EvaluationService evaluations, ExchangeService exchange, FrameworkService frameworks,
            TransactionTemplate transaction) {
        this.environment = environment;
        this.accounts = accounts;
        this.organisations = organisations;
        this.evaluations = evaluations;
        this.exchange = exchange;
        this.frameworks = frameworks;
        this.transaction = transaction;
    }

    /** {@code maillon.demo} if set, otherwise on exactly when the database is embedded. */
    boolean enabled() {
        String demo = environment.getProperty("maillon.demo", "").trim();
        if (!demo.isEmpty()) {
            return Boolean.parseBoolean(demo);
        }
        return environment.getProperty("maillon.db.url", "").isBlank();
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (!enabled() || accounts.anyAccountExists()) {
            return;
        }
        transaction.executeWithoutResult(status -> load());
        log.warn("Demo data loaded: accounts admin, coope, federation26 and caf26 share the public password '{}'. "
                + "For real use, start on an empty database with MAILLON_DEMO=false.", PASSWORD);
    }

    private void load() {
        long admin = account("admin", "Administratrice de la plateforme", true);
        long coope = account("coope", "Direction de La Coopération", false);
        long federationMember = account("federation26", "Fédération des centres sociaux de la Drôme", false);
        long cafMember = account("caf26", "CAF de la Drôme — action sociale", false);

        long cooperation = organisations.createStructureUnchecked(new StructureDraft("La Coopération",
                StructureKind.CENTRE_SOCIAL, "26", "Romans-sur-Isère", LocalDate.of(2021, 1, 1),
                LocalDate.of(2025, 12, 31), ManagementMode.ASSOCIATIVE, TerritoryType.URBAN, true, null, null));
        long federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération des centres sociaux de la Drôme", List.of("26")));
        long caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.CAF, "CAF de la Drôme", List.of("26")));

        organisations.addMemberUnchecked(cooperation, coope, Role.STRUCTURE_ADMIN);
        organisations.addMemberUnchecked(federation, federationMember, Role.FEDERATION_MEMBER);
        organisations.addMemberUnchecked(caf, cafMember, Role.CAF_MEMBER);

        long conserverie = accounts.runAs("coope", () -> exchange.importEvaluation(cooperation, conserverieDocument()));
        accounts.runAs("coope", () -> {
            framework(conserverie);
            return conserverie;
        });
        evaluations.createUnchecked(cooperation, new EvaluationDraft("Projet social 2022–2025",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2022, 1, 1), LocalDate.of(2025, 12, 31),
                EvaluationStatus.FRAMING));
        organisations.shareUnchecked(cooperation, conserverie, federation, admin);
        organisations.shareUnchecked(cooperation, conserverie, caf, admin);
    }

    /**
     * A dozen indicators of the Conserverie with illustrative values over 2018–2021 (each says so);
     * the hourly rate is the SMIC horaire brut of each year, a fact.
     */
    private void framework(long evaluation) {
        List<CellInput> values = new ArrayList<>();
        List<CellInput> targets = new ArrayList<>();
        indicator(evaluation, values, "benevoles", "Bénévoles actifs", Measure.COUNT, Aggregation.LAST, null,
                "12 16 20 21");
        indicator(evaluation, values, "heures_benevoles", "Heures de bénévolat", Measure.HOURS, Aggregation.SUM, null,
                "900 1200 1600 1500");
        indicator(evaluation, values, "taux_horaire", "Valeur d'une heure (SMIC horaire brut)", Measure.EUR,
                Aggregation.LAST, null, "9.88 10.03 10.15 10.25");
        indicator(evaluation, values, "valeur_benevolat", "Valeur du bénévolat (€)", Measure.EUR, Aggregation.SUM,
                "heures_benevoles * taux_horaire", null);
        long kg = indicator(evaluation, values, "kg_transformes", "Kilos de produits bio transformés", Measure.COUNT,
                Aggregation.SUM, null, "300 450 500 550");
        indicator(evaluation, values, "bocaux", "Bocaux produits", Measure.COUNT, Aggregation.SUM, null,
                "900 1400 1500 1700");
        indicator(evaluation, values, "seances", "Séances d'atelier", Measure.COUNT, Aggregation.SUM, null,
                "20 32 18 30");
        indicator(evaluation, values, "participants", "Participants aux ateliers", Measure.COUNT, Aggregation.SUM, null,
                "110 160 90 150");
        indicator(evaluation, values, "participants_qpv", "Participants habitant un quartier prioritaire",
                Measure.COUNT, Aggregation.SUM, null, "60 95 50 90");
        indicator(evaluation, values, "part_qpv", "Part des participants des quartiers prioritaires (%)",
                Measure.PERCENTAGE, Aggregation.AVERAGE, "participants_qpv / participants * 100", null);
        long producers = indicator(evaluation, values, "producteurs", "Producteurs partenaires", Measure.COUNT,
                Aggregation.LAST, null, "12 20 26 30");
        indicator(evaluation, values, "heures_accorderie", "Heures échangées en monnaie-temps", Measure.HOURS,
                Aggregation.SUM, null, "120 200 260 300");
        String[] kgTargets = { "400", "800", "1300", "1800" };
        for (int year = 2018; year <= 2021; year++) {
            targets.add(new CellInput(kg, String.valueOf(year), kgTargets[year - 2018]));
            targets.add(new CellInput(producers, String.valueOf(year), "25"));
        }
        frameworks.saveGrid(evaluation, false, values);
        frameworks.saveGrid(evaluation, true, targets);
    }

    private long indicator(long evaluation, List<CellInput> values, String code, String name, Measure measure,
            Aggregation aggregation, String formula, String yearly) {
        long id = frameworks.addIndicator(evaluation, new IndicatorDraft(code, name,
                code.equals("taux_horaire") ? "SMIC horaire brut au 1er janvier de chaque année."
                        : formula == null ? "Valeurs illustratives." : null,
                measure, null, null, null, null, Direction.INCREASE, PeriodType.YEAR, aggregation,
                code.equals("kg_transformes"), formula == null ? DataSource.MANUAL : DataSource.FORMULA, formula,
                "Coordination de la Conserverie", null, null, null));
        if (yearly != null) {
            String[] figures = yearly.split(" ");
            for (int i = 0; i < figures.length; i++) {
                values.add(new CellInput(id, String.valueOf(2018 + i), figures[i]));
            }
        }
        return id;
    }

    private static byte[] conserverieDocument() {
        try (InputStream input = new ClassPathResource(CONSERVERIE).getInputStream()) {
            return input.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private long account(String username, String displayName, boolean platformAdmin) {
        return accounts.createAccount(new NewAccount(username, displayName, PASSWORD, platformAdmin));
    }
}
