package fr.maillon.demo;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

import fr.maillon.account.AccountService;
import fr.maillon.network.ProgrammeService;
import fr.maillon.network.ProgressStep;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;

/**
 * The Drôme federation's programme « Évaluer ensemble 2027 »: La Coopération joins sharing its Conserverie, Le
 * Tandem joins sharing everything; four milestones, the first already passed.
 */
@Component
class DemoProgramme {

    private final AccountService accounts;
    private final OrganisationService organisations;
    private final ProgrammeService programmes;

    DemoProgramme(AccountService accounts, OrganisationService organisations, ProgrammeService programmes) {
        this.accounts = accounts;
        this.organisations = organisations;
        this.programmes = programmes;
    }

    void load(long federation, long cooperation, long conserverie) {
        long programme = accounts.runAs("federation26", () -> programmes.create(federation, "Évaluer ensemble 2027",
                "Un an pour évaluer son projet social avec la méthode des chaînes de valeur : six ateliers communs, "
                        + "des kits pour les animer chez soi, et un point d'étape à chaque jalon."));
        String cooperationLink = accounts.runAs("federation26", () -> {
            programmes.addMilestone(programme, "Questions évaluatives posées", ProgressStep.QUESTIONS,
                    LocalDate.of(2026, 11, 30));
            programmes.addMilestone(programme, "Atelier chaîne de valeur", ProgressStep.CHAIN,
                    LocalDate.of(2027, 3, 15));
            programmes.addMilestone(programme, "Premières données collectées", ProgressStep.COLLECTION,
                    LocalDate.of(2027, 6, 30));
            programmes.addMilestone(programme, "Rapport finalisé et relu", ProgressStep.FINALISED,
                    LocalDate.of(2027, 12, 15));
            return programmes.invite(programme, "La Coopération").token();
        });
        String tandemLink = accounts.runAs("federation26", () -> programmes.invite(programme, "Le Tandem").token());
        accounts.runAs("coope", () -> programmes.join(cooperationLink, cooperation, String.valueOf(conserverie)));
        accounts.runAs("tandem", () -> {
            long tandem = organisations.myMemberships().stream()
                    .filter(membership -> membership.role() == Role.STRUCTURE_ADMIN).findFirst().orElseThrow()
                    .organisationId();
            return programmes.join(tandemLink, tandem, ProgrammeService.SHARE_ALL);
        });
    }
}
