package fr.maillon.restitution.web;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.FrameworkCycleService;
import fr.maillon.restitution.Narrative;
import fr.maillon.restitution.Report;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportFiles;
import fr.maillon.restitution.ReportService;
import fr.maillon.restitution.ReviewService;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.Downloads;
import fr.maillon.web.FormErrors;
import fr.maillon.web.PublicUrl;
import fr.maillon.web.RuleViolationException;

/** Reports: the list and creation, a version as a page, a PDF and a workbook, narratives and finalising. */
@Controller
class ReportController {

    private final ReportService reports;
    private final EvaluationService evaluations;
    private final ReportFiles files;
    private final ReviewService reviews;
    private final PublicUrl publicUrl;
    private final FrameworkCycleService cycles;

    ReportController(ReportService reports, EvaluationService evaluations, ReportFiles files, ReviewService reviews,
            PublicUrl publicUrl, FrameworkCycleService cycles) {
        this.cycles = cycles;
        this.reviews = reviews;
        this.publicUrl = publicUrl;
        this.files = files;
        this.reports = reports;
        this.evaluations = evaluations;
    }

    @GetMapping("/evaluations/{evaluationId}/dashboard")
    String dashboard(@PathVariable long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("doc", reports.dashboard(evaluationId));
        model.addAttribute("previousCycle", cycles.previousCycle(evaluationId).orElse(null));
        return "report/dashboard";
    }

    @GetMapping("/evaluations/{evaluationId}/reports")
    String list(@PathVariable long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("reports", reports.reports(evaluationId));
        model.addAttribute("audiences", ReportAudience.values());
        return "report/list";
    }

    @PostMapping("/evaluations/{evaluationId}/reports")
    String create(@PathVariable long evaluationId, @RequestParam(required = false) ReportAudience audience,
            @RequestParam(required = false) String title, RedirectAttributes redirect) {
        try {
            return "redirect:/reports/" + reports.create(evaluationId, audience, title);
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", ex.violations().get(0).code());
            return "redirect:/evaluations/" + evaluationId + "/reports";
        }
    }

    /** A version of a report; those outside the structure read its finalised versions only. */
    @GetMapping("/reports/{reportId}")
    String report(@PathVariable long reportId, @RequestParam(defaultValue = "0") int version, Model model) {
        Report report = reports.report(reportId);
        if (version == 0 && !reports.isMember(report) && report.lastVersion() > 0) {
            return "redirect:/reports/" + reportId + "?version=" + report.lastVersion();
        }
        return reportPage(report, version, model);
    }

    private String reportPage(Report report, int version, Model model) {
        long reportId = report.id();
        boolean canEdit = reports.canEdit(report);
        model.addAttribute("narrativeVersions", canEdit && version == 0 ? reports.narrativeVersions(reportId) : Map.of());
        model.addAttribute("report", report);
        model.addAttribute("doc", reports.content(reportId, version));
        model.addAttribute("importMark", reports.importMark(reportId, version));
        model.addAttribute("canEdit", canEdit);
        model.addAttribute("reviewers", reviews.reviewers(reportId));
        model.addAttribute("today", reviews.today());
        model.addAttribute("reviewExpiry", reviews.defaultReviewExpiry());
        model.addAttribute("comments", reviews.comments(reportId));
        model.addAttribute("shares", reviews.shares(reportId));
        return "report/report";
    }

    /**
     * Saves a section's narrative; when someone saved it meanwhile, the report page again (200) with
     * that section's form showing what was typed, the stored text and who saved it when.
     */
    @PostMapping("/reports/{reportId}/sections/{section}")
    String narrate(@PathVariable long reportId, @PathVariable ReportAudience.Section section,
            @ModelAttribute("narrativeForm") NarrativeForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        try {
            reports.narrate(reportId, section, form.narrative(), form.version());
            redirect.addFlashAttribute("flash", "restitution.report.narrativeSaved");
        }
        catch (ConcurrentEditException ex) {
            FormErrors.conflict(result, model, ex, NarrativeForm.of(ex.stored(Narrative.class)));
            model.addAttribute("conflictSection", section);
            return reportPage(reports.report(reportId), 0, model);
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", "restitution.report.narrativeRefused");
        }
        return "redirect:/reports/" + reportId + "#section-" + section;
    }

    @PostMapping("/reports/{reportId}/finalise")
    String finalise(@PathVariable long reportId, RedirectAttributes redirect) {
        int version = reports.finalise(reportId);
        redirect.addFlashAttribute("flash", "restitution.report.finalised");
        return "redirect:/reports/" + reportId + "?version=" + version;
    }

    @GetMapping("/reports/{reportId}/report.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long reportId, @RequestParam(defaultValue = "0") int version) {
        ReportContent content = reports.content(reportId, version);
        return Downloads.attachment(files.pdf(content, reports.importMark(reportId, version), publicUrl.base()),
                MediaType.APPLICATION_PDF, ReportFiles.filename(content, "pdf"));
    }

    @GetMapping("/reports/{reportId}/report.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable long reportId, @RequestParam(defaultValue = "0") int version) {
        ReportContent content = reports.content(reportId, version);
        return Downloads.attachment(files.workbook(content), Downloads.XLSX, ReportFiles.filename(content, "xlsx"));
    }

}
