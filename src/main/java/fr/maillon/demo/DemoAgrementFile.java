package fr.maillon.demo;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.stereotype.Component;

import fr.maillon.account.AccountService;
import fr.maillon.agrement.AgrementFileService;
import fr.maillon.agrement.AgrementPart;
import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.ResourceKind;
import fr.maillon.chain.StakeholderDraft;
import fr.maillon.chain.StakeholderType;
import fr.maillon.framework.ObjectiveDraft;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.framework.QuestionDraft;

/**
 * La Coopération's dossier d'agrément as the demo allows it: its projet social framed, with its partners, its
 * inhabitants and its resources, an objective for families and one question; the evaluation of the previous projet
 * is left to do, so that the file shows a part flagged "à compléter".
 */
@Component
class DemoAgrementFile {

    private final AccountService accounts;
    private final EvaluationService evaluations;
    private final ChainService chains;
    private final ObjectiveService objectives;
    private final AgrementFileService files;

    DemoAgrementFile(AccountService accounts, EvaluationService evaluations, ChainService chains,
            ObjectiveService objectives, AgrementFileService files) {
        this.accounts = accounts;
        this.evaluations = evaluations;
        this.chains = chains;
        this.objectives = objectives;
        this.files = files;
    }

    void load(long projetSocial) {
        accounts.runAs("coope", () -> {
            fill(projetSocial);
            return projetSocial;
        });
    }

    private void fill(long projetSocial) {
        Evaluation evaluation = evaluations.evaluation(projetSocial);
        evaluations.update(projetSocial, new EvaluationDraft(evaluation.title(), evaluation.scope(), null,
                evaluation.periodStart(), evaluation.periodEnd(), evaluation.status(), null, null, null,
                "Préparer le renouvellement de l'agrément centre social et montrer ce que le projet change pour "
                        + "les habitants du quartier de la Monnaie et de Romans.",
                "La CAF de la Drôme, la Ville de Romans-sur-Isère, les habitants et les bénévoles.",
                "Deux salariées à mi-temps sur l'évaluation, l'appui de la fédération.",
                "Un comité de pilotage : habitants administrateurs, Ville, CAF, fédération ; il se réunit chaque "
                        + "trimestre."));
        chains.addStakeholder(projetSocial, new StakeholderDraft("Habitants du quartier de la Monnaie",
                StakeholderType.HABITANTS, true, "Les habitants qui fréquentent le centre et ceux qu'il va chercher.",
                null, null, null));
        chains.addStakeholder(projetSocial, new StakeholderDraft("Ville de Romans-sur-Isère",
                StakeholderType.COLLECTIVITE, false, null, null, null, null));
        chains.addStakeholder(projetSocial, new StakeholderDraft("CAF de la Drôme", StakeholderType.FINANCEUR,
                false, null, null, null, null));
        chains.addElement(projetSocial, new ChainElementDraft(ElementKind.RESOURCE, "Bénévolat", null,
                ResourceKind.VOLUNTEER_TIME, null, new BigDecimal("3500"), "h", new BigDecimal("45850"), null, null,
                null, null));
        chains.addElement(projetSocial, new ChainElementDraft(ElementKind.RESOURCE, "Locaux mis à disposition",
                null, ResourceKind.MATERIAL, null, null, null, new BigDecimal("18000"), null, null, null, null));
        chains.addElement(projetSocial, new ChainElementDraft(ElementKind.ACTIVITY,
                "Animation collective familles : sorties et ateliers parents-enfants", null, null, null, null, null,
                null, ActivityType.PRIMARY, null, null, null));
        long objective = objectives.addObjective(projetSocial, new ObjectiveDraft(EffectTarget.HABITANTS,
                "Rompre l'isolement des familles du quartier", null, List.of()));
        objectives.overview(projetSocial).criteria().stream().findFirst().ifPresent(criterion -> objectives
                .addQuestion(projetSocial, new QuestionDraft(criterion.id(),
                        "Les familles du quartier sont-elles moins isolées ?", List.of(objective))));
        files.saveNote(projetSocial, AgrementPart.PARTICIPATION,
                "Diagnostic en marchant avec 40 habitants en mars 2025 ; deux habitantes siègent au comité de "
                        + "pilotage.", false);
        files.saveNote(projetSocial, AgrementPart.DIAGNOSTIC,
                "Diagnostic partagé avec la Ville et le bailleur : isolement des familles monoparentales, "
                        + "besoin de lieux ouverts le samedi.", false);
    }
}
