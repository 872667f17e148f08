package fr.maillon.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import fr.maillon.account.AccountService;
import fr.maillon.account.NewAccount;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.LibraryService;
import fr.maillon.framework.ValidationService;
import fr.maillon.organisation.ManagementMode;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;
import fr.maillon.organisation.TerritoryType;

/**
 * The Drôme network of the demo: La Coopération's projet social and three more structures
 * (Le Tandem, Les Ateliers du Vercors, Le Diois), each measuring the socle over 2022–2024 and
 * sharing it with the federation and the CAF, so that their views have groups to show.
 */
@Component
class DemoNetwork {

    private static final String[] SOCLE = { "benevoles", "heures_benevoles", "salaries_etp",
            "partenaires", "habitants_touches", "familles_adherentes", "budget_total", "budget_caf",
            "budget_communes", "budget_departement", "budget_etat", "budget_autres" };
    private static final String[] SMIC = { "11.07", "11.52", "11.65" };

    private final AccountService accounts;
    private final OrganisationService organisations;
    private final EvaluationService evaluations;
    private final LibraryService libraries;
    private final FrameworkService framework;
    private final ValidationService validation;

    DemoNetwork(AccountService accounts, OrganisationService organisations, EvaluationService evaluations,
            LibraryService libraries, FrameworkService framework, ValidationService validation) {
        this.validation = validation;
        this.accounts = accounts;
        this.organisations = organisations;
        this.evaluations = evaluations;
        this.libraries = libraries;
        this.framework = framework;
    }

    /** Figures per socle code (in {@link #SOCLE}'s order), for 2022, 2023 and 2024; the hourly rate is the SMIC. */
    private record Figures(int[]... perYear) {
    }

    void load(long cooperation, long projetSocial, long federation, long caf, long sharedBy, String password) {
        measure("coope", projetSocial, new Figures(
                new int[] { 42, 3100, 9, 24, 1450, 380, 720000, 210000, 250000, 60000, 45000, 155000 },
                new int[] { 45, 3300, 10, 26, 1520, 395, 745000, 215000, 255000, 60000, 50000, 165000 },
                new int[] { 48, 3500, 10, 27, 1600, 410, 760000, 222000, 260000, 62000, 48000, 168000 }));
        organisations.shareUnchecked(cooperation, projetSocial, federation, sharedBy);
        organisations.shareUnchecked(cooperation, projetSocial, caf, sharedBy);
        signOff2024(projetSocial);

        structure("tandem", "Centre social Le Tandem", StructureKind.CENTRE_SOCIAL, "Valence",
                LocalDate.of(2026, 12, 31), EvaluationStatus.RESTITUTION, federation, caf, sharedBy, password,
                new Figures(new int[] { 30, 2100, 7, 18, 1100, 290, 540000, 170000, 190000, 40000, 30000, 110000 },
                        new int[] { 33, 2300, 7, 19, 1180, 300, 555000, 172000, 195000, 42000, 31000, 115000 },
                        new int[] { 35, 2500, 8, 21, 1240, 310, 570000, 176000, 200000, 43000, 32000, 119000 }));
        structure("vercors", "Les Ateliers du Vercors", StructureKind.ESPACE_VIE_SOCIALE, "La Chapelle-en-Vercors",
                LocalDate.of(2027, 6, 30), EvaluationStatus.FRAMING, federation, caf, sharedBy, password,
                new Figures(new int[] { 12, 900, 1, 8, 260, 70, 95000, 24000, 30000, 8000, 5000, 28000 },
                        new int[] { 14, 950, 1, 9, 280, 75, 98000, 24000, 31000, 8000, 6000, 29000 },
                        new int[] { 15, 1000, 2, 10, 300, 80, 104000, 25000, 33000, 9000, 6000, 31000 }));
        structure("diois", "Centre social du Diois", StructureKind.CENTRE_SOCIAL, "Die",
                LocalDate.of(2028, 3, 31), EvaluationStatus.COLLECTING, federation, caf, sharedBy, password,
                new Figures(new int[] { 25, 1800, 5, 15, 820, 210, 410000, 120000, 140000, 35000, 25000, 90000 },
                        new int[] { 27, 1900, 6, 16, 870, 220, 420000, 122000, 142000, 36000, 26000, 94000 },
                        new int[] { 28, 2000, 6, 17, 900, 225, 432000, 125000, 145000, 37000, 27000, 98000 }));
    }

    /** La Coopération's director signs off its projet social's 2024 data, checked against the socle's rules. */
    private void signOff2024(long projetSocial) {
        accounts.runAs("coope", () -> validation.signOff(projetSocial, "2024", true,
                "Chiffres repris du rapport d'activité 2024 adopté en assemblée générale."));
    }

    private void structure(String username, String name, StructureKind kind, String commune, LocalDate agrementEnd,
            EvaluationStatus status, long federation, long caf, long sharedBy, String password, Figures figures) {
        long structure = organisations.createStructureUnchecked(new StructureDraft(name, kind, "26", commune,
                agrementEnd.minusYears(4).plusDays(1), agrementEnd, ManagementMode.ASSOCIATIVE,
                kind == StructureKind.ESPACE_VIE_SOCIALE ? TerritoryType.RURAL : TerritoryType.URBAN, false, null, null));
        long account = accounts.createAccount(new NewAccount(username, "Direction — " + name, password, false));
        organisations.addMemberUnchecked(structure, account, Role.STRUCTURE_ADMIN);
        long evaluation = evaluations.createUnchecked(structure, new EvaluationDraft("Projet social 2022–2025",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2022, 1, 1), LocalDate.of(2025, 12, 31), status));
        evaluations.markIllustrativeUnchecked(structure, evaluation);
        measure(username, evaluation, figures);
        organisations.shareUnchecked(structure, null, federation, sharedBy);
        organisations.shareUnchecked(structure, null, caf, sharedBy);
    }

    /** Copies the socle into the evaluation and enters its figures, as the structure's admin would. */
    private void measure(String username, long evaluation, Figures figures) {
        accounts.runAs(username, () -> {
            List<Long> socle = libraries.libraries(evaluation).stream().filter(library -> library.code().equals("socle"))
                    .flatMap(library -> library.entries().stream()).map(LibraryEntry::id).toList();
            libraries.copy(evaluation, socle);
            Map<String, Long> ids = new HashMap<>();
            framework.indicators(evaluation).forEach(indicator -> ids.put(indicator.code(), indicator.id()));
            List<CellInput> cells = new ArrayList<>();
            for (int year = 0; year < 3; year++) {
                String period = String.valueOf(2022 + year);
                cells.add(new CellInput(ids.get("taux_horaire"), period, SMIC[year]));
                int[] values = figures.perYear()[year];
                for (int i = 0; i < SOCLE.length; i++) {
                    cells.add(new CellInput(ids.get(SOCLE[i]), period, String.valueOf(values[i])));
                }
            }
            return framework.saveValues(evaluation, cells, DataSource.MANUAL);
        });
    }
}
