package fr.maillon.restitution;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import fr.maillon.web.Decimals;

import static fr.maillon.web.SpreadsheetCells.number;
import static fr.maillon.web.SpreadsheetCells.text;
import static fr.maillon.web.SpreadsheetCells.texts;
import static fr.maillon.web.SpreadsheetCells.workbook;

/**
 * Every figure of a report in a workbook, one sheet per kind: indicators by period, stakeholder
 * balances, renewal of resources, survey headlines, contributions, and a finalised version's review
 * trail. Texts that a spreadsheet would read as a formula are written as text, with a leading
 * apostrophe.
 */
final class ReportWorkbook {

    private ReportWorkbook() {
    }

    static byte[] write(ReportContent content, ZoneId zone) {
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
            if (content.has(ReportAudience.Section.WORKSHOPS) && !content.workshops().isEmpty()) {
                workshops(book.createSheet("Ateliers"), content);
            }
            if (!content.reviewTrail().isEmpty()) {
                reviewTrail(book.createSheet("Relecture"), content, zone);
            }
        });
    }

    private static void indicators(Sheet indicators, ReportContent content) {
        texts(indicators, 0, "Code", "Indicateur", "Unité", "Période", "Valeur", "Cible", "% de la cible",
                "Cumul depuis le début", "Cibles cumulées");
        int line = 1;
        for (ReportContent.IndicatorBlock indicator : content.indicators()) {
            // the true value in the cell, shown with the indicator's precision
            int precision = indicator.decimals();
            for (ReportContent.Point point : indicator.points()) {
                Row row = texts(indicators, line++, indicator.code(), indicator.name(), indicator.unit(),
                        point.period());
                number(row, 4, point.value(), precision);
                number(row, 5, point.target(), precision);
                number(row, 6, point.percentOfTarget(), 0);
                number(row, 7, point.cumulative(), precision);
                text(row, 8, Boolean.TRUE.equals(indicator.cumulativeTargets()) ? "oui" : "non");
            }
        }
    }

    private static void balances(Sheet balances, ReportContent content) {
        texts(balances, 0, "Partie prenante", "Apporte", "Reçoit", "Apporte (€)", "Reçoit (€)");
        int line = 1;
        for (ReportContent.BalanceLine balance : content.balances()) {
            Row row = texts(balances, line++, balance.stakeholder(), balance.brings(), balance.gets());
            number(row, 3, balance.bringsEur(), 0);
            number(row, 4, balance.getsEur(), 0);
        }
    }

    private static void renewal(Sheet renewal, ReportContent content) {
        texts(renewal, 0, "Ressource", "Indicateur", "Période", "Valeur", "Évolution (%)");
        int line = 1;
        for (ReportContent.RenewalLine resource : content.renewal()) {
            for (ReportContent.Point point : resource.points()) {
                Row row = texts(renewal, line++, resource.resource(), resource.indicator(), point.period());
                number(row, 3, point.value(), resource.decimals());
                number(row, 4, point.percentOfTarget(), 0);
            }
        }
    }

    private static void surveys(Sheet surveys, ReportContent content) {
        texts(surveys, 0, "Enquête", "Répondants", "Question", "Réponses", "D'accord ou oui (%)");
        int line = 1;
        for (ReportContent.SurveyBlock survey : content.surveys()) {
            for (ReportContent.Highlight highlight : survey.highlights()) {
                Row row = texts(surveys, line++, survey.title());
                number(row, 1, BigDecimal.valueOf(survey.respondents()), 0);
                text(row, 2, highlight.question());
                number(row, 3, BigDecimal.valueOf(highlight.answered()), 0);
                number(row, 4, highlight.share(), Decimals.PERCENT_PRECISION);
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

    /**
     * How the chain was built: a line per workshop (participants by role, cards posted, hidden ones included, and
     * kept, what came from inhabitants), then a line for all of them.
     */
    private static void workshops(Sheet sheet, ReportContent content) {
        List<String> roles = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        content.workshopParticipants().forEach(role -> {
            roles.add(role.role());
            labels.add("Participants : " + role.label());
        });
        List<String> heads = new ArrayList<>(List.of("Atelier", "Date", "Durée (minutes)", "Participants"));
        heads.addAll(labels);
        heads.addAll(List.of("Cartes postées (masquées comprises)", "Cartes gardées dans la chaîne",
                "Cartes gardées venant d'habitants", "Éléments de la chaîne venant des habitants"));
        texts(sheet, 0, heads.toArray(String[]::new));
        int line = 1;
        for (ReportContent.WorkshopLine workshop : content.workshops()) {
            Row row = texts(sheet, line++, workshop.title(), workshop.date().toString());
            number(row, 2, BigDecimal.valueOf(workshop.durationMinutes()), 0);
            number(row, 3, BigDecimal.valueOf(workshop.participantCount()), 0);
            for (int i = 0; i < roles.size(); i++) {
                String role = roles.get(i);
                number(row, 4 + i, BigDecimal.valueOf(workshop.participants().stream()
                        .filter(count -> count.role().equals(role)).mapToInt(ReportContent.RoleCount::count).sum()), 0);
            }
            int next = 4 + roles.size();
            number(row, next, BigDecimal.valueOf(workshop.cardsPosted()), 0);
            number(row, next + 1, BigDecimal.valueOf(workshop.cardsKept()), 0);
            number(row, next + 2, BigDecimal.valueOf(workshop.keptFromInhabitants()), 0);
            text(row, next + 3, String.join(" ; ", workshop.elementsFromInhabitants()));
        }
        Row total = texts(sheet, line, "Tous les ateliers");
        number(total, 3, BigDecimal.valueOf(content.workshopParticipantCount()), 0);
        List<ReportContent.RoleCount> all = content.workshopParticipants();
        for (int i = 0; i < all.size(); i++) {
            number(total, 4 + i, BigDecimal.valueOf(all.get(i).count()), 0);
        }
        int next = 4 + roles.size();
        number(total, next, BigDecimal.valueOf(content.workshops().stream()
                .mapToInt(ReportContent.WorkshopLine::cardsPosted).sum()), 0);
        number(total, next + 1, BigDecimal.valueOf(content.workshops().stream()
                .mapToInt(ReportContent.WorkshopLine::cardsKept).sum()), 0);
        number(total, next + 2, BigDecimal.valueOf(content.keptFromInhabitants()), 0);
        text(total, next + 3, String.join(" ; ", content.elementsFromInhabitants()));
    }

    /** What the stakeholders said of the draft, and the answers: the version's review trail. */
    private static void reviewTrail(Sheet trail, ReportContent content, ZoneId zone) {
        texts(trail, 0, "Personne", "Partie", "Avis", "Commentaire", "Le", "Réponse des auteurs", "Réponse de",
                "Répondu le");
        int line = 1;
        for (ReportContent.ReviewLine review : content.reviewTrail()) {
            texts(trail, line++, review.reviewer(), review.section(), OPINIONS.get(review.opinion()), review.text(),
                    day(review.createdAt(), zone), review.answer(), review.answeredBy(), day(review.answeredAt(), zone));
        }
    }

    private static final Map<Opinion, String> OPINIONS = Map.of(Opinion.AGREE, "D'accord", Opinion.DISAGREE,
            "Pas d'accord", Opinion.COMMENT, "Commentaire");

    private static @Nullable String day(@Nullable Instant instant, ZoneId zone) {
        return instant == null ? null : LocalDate.ofInstant(instant, zone).toString();
    }
}
