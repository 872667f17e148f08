package fr.maillon.demo;

import org.springframework.stereotype.Component;

import fr.maillon.account.AccountService;
import fr.maillon.restitution.AnnotationService;
import fr.maillon.restitution.AnnotationTarget;
import fr.maillon.restitution.Report;
import fr.maillon.restitution.ReportService;

/** Issue 18: the federation's annotation on La Coopération's shared CAF report, and the structure's answer. */
@Component
class DemoAnnotations {

    private final AccountService accounts;
    private final ReportService reports;
    private final AnnotationService annotations;

    DemoAnnotations(AccountService accounts, ReportService reports, AnnotationService annotations) {
        this.accounts = accounts;
        this.reports = reports;
        this.annotations = annotations;
    }

    void load(long conserverie, long federation) {
        long report = accounts.runAs("coope", () -> reports.reports(conserverie).stream()
                .filter(candidate -> candidate.lastVersion() > 0).map(Report::id).findFirst().orElseThrow());
        long annotation = accounts.runAs("federation26", () -> annotations.annotate(conserverie,
                federation, AnnotationTarget.REPORT, report, "Le dossier montre bien la montée en compétences des habitants. "
                        + "Pour la commission, pouvez-vous dire combien de bénévoles animateurs sont issus des "
                        + "quartiers prioritaires ?"));
        accounts.runAs("coope", () -> {
            annotations.answer(conserverie, annotation, "Sur les douze bénévoles animateurs de 2021, sept habitent "
                    + "un quartier prioritaire ; nous l'ajouterons à la partie « Résultats » de la prochaine version.");
            return null;
        });
    }
}
