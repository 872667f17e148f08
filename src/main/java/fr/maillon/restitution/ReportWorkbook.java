package fr.maillon.restitution;

import java.math.BigDecimal;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import static fr.maillon.web.SpreadsheetCells.number;
import static fr.maillon.web.SpreadsheetCells.text;
import static fr.maillon.web.SpreadsheetCells.texts;
import static fr.maillon.web.SpreadsheetCells.workbook;

/**
 * Every figure of a report in a workbook, one sheet per kind: indicators by period, stakeholder
 * balances, renewal of resources, survey headlines, contributions. Texts that a spreadsheet would
 * read as a formula are written as text, with a leading apostrophe.
 */
final class ReportWorkbook {

    private ReportWorkbook() {
    }

    static byte[] write(ReportContent content) {
        return workbook(book -> {
            if (content.has(ReportAudience.Section.RESULTS)) {
                indicators(book.createSheet("Indicateurs"), content);
            }
            if (content.has(ReportAudience.Section.BALANCES)) {
                balances(book.createSheet("Bilan des parties prenantes"), content);
            }
            if (content.has(ReportAudience.Section.RENEWAL)) {
                renewal(book.createSheet("Renouvellement"), content);
            }
            if (content.has(ReportAudience.Section.SURVEYS)) {
                surveys(book.createSheet("Enquêtes"), content);
            }
            if (content.has(ReportAudience.Section.CONTRIBUTION)) {
                contributions(book.createSheet("Contribution"), content);
            }
        });
    }

    private static void indicators(Sheet indicators, ReportContent content) {
        texts(indicators, 0, "Code", "Indicateur", "Unité", "Période", "Valeur", "Cible", "% de la cible");
        int line = 1;
        for (ReportContent.IndicatorBlock indicator : content.indicators()) {
            for (ReportContent.Point point : indicator.points()) {
                Row row = texts(indicators, line++, indicator.code(), indicator.name(), indicator.unit(),
                        point.period());
                number(row, 4, point.value());
                number(row, 5, point.target());
                number(row, 6, point.percentOfTarget());
            }
        }
    }

    private static void balances(Sheet balances, ReportContent content) {
        texts(balances, 0, "Partie prenante", "Apporte", "Reçoit", "Apporte (€)", "Reçoit (€)");
        int line = 1;
        for (ReportContent.BalanceLine balance : content.balances()) {
            Row row = texts(balances, line++, balance.stakeholder(), balance.brings(), balance.gets());
            number(row, 3, balance.bringsEur());
            number(row, 4, balance.getsEur());
        }
    }

    private static void renewal(Sheet renewal, ReportContent content) {
        texts(renewal, 0, "Ressource", "Indicateur", "Période", "Valeur", "Évolution (%)");
        int line = 1;
        for (ReportContent.RenewalLine resource : content.renewal()) {
            for (ReportContent.Point point : resource.points()) {
                Row row = texts(renewal, line++, resource.resource(), resource.indicator(), point.period());
                number(row, 3, point.value());
                number(row, 4, point.percentOfTarget());
            }
        }
    }

    private static void surveys(Sheet surveys, ReportContent content) {
        texts(surveys, 0, "Enquête", "Répondants", "Question", "Réponses", "D'accord ou oui (%)");
        int line = 1;
        for (ReportContent.SurveyBlock survey : content.surveys()) {
            for (ReportContent.Highlight highlight : survey.highlights()) {
                Row row = texts(surveys, line++, survey.title());
                number(row, 1, BigDecimal.valueOf(survey.respondents()));
                text(row, 2, highlight.question());
                number(row, 3, BigDecimal.valueOf(highlight.answered()));
                number(row, 4, highlight.share());
            }
        }
    }

    private static void contributions(Sheet contributions, ReportContent content) {
        texts(contributions, 0, "Effet", "Cible", "Affirmation", "Chemin", "Indicateurs", "Témoignages",
                "Autres facteurs", "Force", "Raison");
        int line = 1;
        for (ReportContent.ContributionBlock block : content.contributions()) {
            texts(contributions, line++, block.effect(), block.target(), block.claim(), block.steps().isEmpty()
                    ? String.join(" ← ", block.path()) : String.join(" → ", block.steps()), String.join(" · ", block.indicators()), String.join(" · ", block.evidence()),
                    block.otherFactors(), block.strength(), block.strengthReason());
        }
    }
}
