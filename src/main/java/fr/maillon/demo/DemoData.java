package fr.maillon.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
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
import fr.maillon.chain.ChainService;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.chain.ValueChain;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.network.NetworkResults;
import fr.maillon.organisation.ManagementMode;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;
import fr.maillon.organisation.TerritoryType;
import fr.maillon.restitution.ContributionDraft;
import fr.maillon.restitution.ContributionService;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportService;
import fr.maillon.restitution.Strength;

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
    private final ChainService chains;
    private final ContributionService contributions;
    private final ReportService reports;
    private final TransactionTemplate transaction;
    private final DemoNetwork network;
    private final NetworkResults networkResults;
    private final DemoAgrementFile agrementFile;
    private final DemoProgramme programme;
    private final DemoAnnotations annotations;

    DemoData(Environment environment, AccountService accounts, OrganisationService organisations,
            EvaluationService evaluations, ExchangeService exchange, ChainService chains,
            ContributionService contributions, ReportService reports, TransactionTemplate transaction,
            DemoNetwork network, NetworkResults networkResults, DemoAgrementFile agrementFile,
            DemoProgramme programme, DemoAnnotations annotations) {
        this.annotations = annotations;
        this.agrementFile = agrementFile;
        this.programme = programme;
        this.network = network;
        this.networkResults = networkResults;
        this.chains = chains;
        this.contributions = contributions;
        this.reports = reports;
        this.environment = environment;
        this.accounts = accounts;
        this.organisations = organisations;
        this.evaluations = evaluations;
        this.exchange = exchange;
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
        networkResults.refreshStale();
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
        accounts.runAs("coope", () -> restitution(conserverie));
        long projetSocial = evaluations.createUnchecked(cooperation, new EvaluationDraft("Projet social 2022–2025",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2022, 1, 1), LocalDate.of(2025, 12, 31),
                EvaluationStatus.FRAMING));
        evaluations.markIllustrativeUnchecked(cooperation, projetSocial);
        organisations.shareUnchecked(cooperation, conserverie, federation, admin);
        organisations.shareUnchecked(cooperation, conserverie, caf, admin);
        network.load(cooperation, projetSocial, federation, caf, admin, PASSWORD);
        agrementFile.load(projetSocial);
        programme.load(federation, cooperation, conserverie);
        annotations.load(conserverie, federation);
    }

    /**
     * The Conserverie's restitution: three contribution analyses, and the CAF file with its texts,
     * finalised as version 1.
     */
    private long restitution(long conserverie) {
        ValueChain chain = chains.chain(conserverie);
        contribution(chain, "Consommation responsable", new ContributionDraft("Les ateliers et les ventes solidaires "
                + "ont fait entrer les produits locaux et de saison dans les achats des participants, y compris des "
                + "familles en précarité.", "Les campagnes nationales contre le gaspillage et la hausse des prix ont "
                + "pu jouer aussi.", Strength.MODERATE, "Le questionnaire montre une hausse de l'accord entre 2019 "
                + "et 2021, et les témoignages la confirment ; il n'y a pas de groupe de comparaison."));
        contribution(chain, "Compétences et pouvoir", new ContributionDraft("En animant et en participant aux "
                + "ateliers, des habitants ont appris à transformer les produits et certains transmettent à leur tour.",
                null, Strength.STRONG, "Les bénévoles animateurs le disent, et le nombre de participants qui savent "
                        + "faire des conserves a nettement augmenté entre les deux saisons."));
        contribution(chain, "ville et la campagne", new ContributionDraft("La conserverie mobile a relié des "
                + "producteurs bio du territoire aux habitants des quartiers de la ville.", "Le développement des "
                + "circuits courts dans la Drôme.", Strength.MODERATE, "Le nombre de producteurs partenaires a plus "
                        + "que doublé ; leur satisfaction est mesurée par des entretiens annuels."));
        long report = reports.create(conserverie, ReportAudience.CAF, "Dossier d'agrément — la Conserverie Mobile "
                + "et Solidaire");
        reports.narrate(report, ReportAudience.Section.SYNTHESIS, "En quatre saisons, la Conserverie a transformé "
                + "des invendus bio en bocaux partagés, avec des habitants des quartiers prioritaires qui sont devenus "
                + "animateurs à leur tour. Les cibles de participation et de transformation sont atteintes ; le "
                + "changement des habitudes de consommation est réel mais mesuré sans groupe de comparaison, et le "
                + "modèle économique dépend encore des subventions.");
        reports.narrate(report, ReportAudience.Section.CONTEXT, "Trois maisons de quartier de Romans-sur-Isère ont "
                + "lancé en 2018 une conserverie mobile et solidaire : des fruits et légumes bio invendus deviennent, "
                + "en atelier, des bocaux partagés entre les habitants.");
        reports.narrate(report, ReportAudience.Section.RESULTS, "Les cibles de transformation sont atteintes en 2021 ; "
                + "la part des participants des quartiers prioritaires reste au-dessus de la moitié.");
        reports.narrate(report, ReportAudience.Section.CHANGES, "Ouvrir un atelier le samedi, former de nouveaux "
                + "bénévoles animateurs, et mesurer mieux les changements de consommation avec un groupe de "
                + "comparaison.");
        long version = reports.finalise(report);
        long inhabitants = reports.create(conserverie, ReportAudience.HABITANTS, "Ce que la Conserverie a changé");
        reports.narrate(inhabitants, ReportAudience.Section.CONTEXT, "En 2018, trois maisons de quartier de Romans "
                + "ont ouvert une conserverie. Des paysans bio nous donnent les fruits et les légumes qu'ils ne vendent "
                + "pas. Avec vous, nous en faisons des bocaux. Nous voulions savoir ce que cela a changé.");
        reports.narrate(inhabitants, ReportAudience.Section.RESULTS, "Vous êtes plus nombreux à venir aux ateliers. "
                + "Beaucoup d'entre vous savent faire des bocaux chez eux. Certains montrent à leur tour comment faire.");
        reports.narrate(inhabitants, ReportAudience.Section.CHANGES, "Nous allons ouvrir un atelier le samedi. Nous "
                + "allons former de nouveaux bénévoles. Venez nous dire ce que vous en pensez.");
        return version;
    }

    private void contribution(ValueChain chain, String effectName, ContributionDraft draft) {
        chain.elements(ElementKind.EFFECT).stream().filter(effect -> effect.name().contains(effectName)).findFirst()
                .ifPresent(effect -> contributions.save(chain.evaluation().id(), effect.id(), draft));
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
