package fr.maillon.restitution.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import fr.maillon.restitution.AnnotationService;
import fr.maillon.restitution.NarrativeEdit;
import fr.maillon.restitution.NarrativesConflictException;
import fr.maillon.restitution.Report;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportChecks;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportFiles;
import fr.maillon.restitution.ReportService;
import fr.maillon.restitution.ReviewService;
import fr.maillon.web.RuleViolationException;

/**
 * The page of a report's version; for its draft, also the checklist before finalising, the boxes
 * of the sections' texts and the review. Shared by the controllers that show it again after a
 * refused save.
 */
@Component
class ReportPage {

    private final ReportService reports;
    private final ReportChecks checks;
    private final ReviewService reviews;
    private final ReportFiles files;
    private final AnnotationService annotations;

    ReportPage(ReportService reports, ReportChecks checks, ReviewService reviews, ReportFiles files,
            AnnotationService annotations) {
        this.files = files;
        this.annotations = annotations;
        this.reports = reports;
        this.checks = checks;
        this.reviews = reviews;
    }

    /** The page; the boxes of the texts show the stored ones unless the model holds what was typed. */
    String show(Report report, int version, Model model) {
        long reportId = report.id();
        boolean canEdit = reports.canEdit(report);
        ReportContent doc = reports.content(reportId, version);
        if (canEdit && version == 0 && !model.containsAttribute("narrativeEntries")) {
            Map<ReportAudience.Section, Integer> versions = reports.narrativeVersions(reportId);
            model.addAttribute("narrativeEntries", doc.audience().sections().stream().map(section -> entry(section,
                    doc.narrative(section), versions.getOrDefault(section, 0), null, null, null)).toList());
        }
        model.addAttribute("report", report);
        model.addAttribute("doc", doc);
        model.addAttribute("checklist", version == 0 ? checks.checklist(report, doc) : null);
        model.addAttribute("importMark", reports.importMark(reportId, version));
        model.addAttribute("canEdit", canEdit);
        model.addAttribute("reviewers", reviews.reviewers(reportId));
        model.addAttribute("today", reviews.today());
        model.addAttribute("reviewExpiry", reviews.defaultReviewExpiry());
        model.addAttribute("comments", reviews.comments(reportId));
        model.addAttribute("shares", reviews.shares(reportId));
        model.addAttribute("annotations", annotations.onReport(reportId));
        if (doc.plainWords() && version == 0 && canEdit) {
            model.addAttribute("readability", files.readability(doc));
        }
        return "report/report";
    }

    static NarrativeEntry entry(ReportAudience.Section section, @Nullable String text, int version,
            @Nullable String read, NarrativesConflictException.@Nullable Conflict conflict,
            RuleViolationException.@Nullable Violation error) {
        String shown = text == null ? "" : text;
        return new NarrativeEntry(section, shown, version, read != null ? read : NarrativeEdit.digest(shown), conflict,
                error);
    }
}
