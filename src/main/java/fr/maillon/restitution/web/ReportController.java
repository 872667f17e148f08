package fr.maillon.restitution.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.FrameworkCycleService;
import fr.maillon.restitution.AnnotationService;
import fr.maillon.restitution.Report;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportFiles;
import fr.maillon.restitution.ReportService;
import fr.maillon.restitution.VerdictService;
import fr.maillon.web.Downloads;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.PublicUrl;
import fr.maillon.web.RuleViolationException;

/** Reports: the list and creation, a version as a page, a PDF and a workbook, and finalising (texts: NarrativeController). */
@Controller
class ReportController {

    private final ReportService reports;
    private final EvaluationService evaluations;
    private final ReportFiles files;
    private final ReportPage page;
    private final PublicUrl publicUrl;
    private final VerdictService verdicts;
    private final FrameworkCycleService cycles;
    private final AnnotationService annotations;

    ReportController(ReportService reports, EvaluationService evaluations, ReportFiles files, ReportPage page,
            PublicUrl publicUrl, VerdictService verdicts, FrameworkCycleService cycles, AnnotationService annotations) {
        this.annotations = annotations;
        this.verdicts = verdicts;
        this.cycles = cycles;
        this.page = page;
        this.publicUrl = publicUrl;
        this.files = files;
        this.reports = reports;
        this.evaluations = evaluations;
    }

    @GetMapping("/evaluations/{evaluationId}/dashboard")
    String dashboard(@PathVariable long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("doc", reports.dashboard(evaluationId));
        model.addAttribute("verdicts", verdicts.verdicts(evaluationId));
        cycles.previousCycle(evaluationId).ifPresent(previous -> {
            model.addAttribute("previousCycle", previous);
            model.addAttribute("previousVerdicts", verdicts.verdicts(previous.evaluation().id()));
        });
        return "report/dashboard";
    }

    @GetMapping("/evaluations/{evaluationId}/reports")
    String list(@PathVariable long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("reports", reports.reports(evaluationId));
        model.addAttribute("audiences", reports.audiences(evaluationId));
        model.addAttribute("annotations", annotations.annotations(evaluationId));
        return "report/list";
    }

    /** A new report; refused, the list again (200) with the title and public chosen, and why. */
    @PostMapping("/evaluations/{evaluationId}/reports")
    String create(@PathVariable long evaluationId, @RequestParam(required = false) ReportAudience audience,
            @RequestParam(required = false) String title, Model model) {
        try {
            return "redirect:/reports/" + reports.create(evaluationId, audience, title);
        }
        catch (RuleViolationException ex) {
            model.addAttribute("newTitle", title);
            model.addAttribute("newAudience", audience);
            model.addAttribute("newError", ex.violations().get(0));
            return list(evaluationId, model);
        }
    }

    /** A version of a report; those outside the structure read its finalised versions only. */
    @GetMapping("/reports/{reportId}")
    String report(@PathVariable long reportId, @RequestParam(defaultValue = "0") int version, Model model) {
        Report report = reports.report(reportId);
        if (version == 0 && !reports.isMember(report) && report.lastVersion() > 0) {
            return "redirect:/reports/" + reportId + "?version=" + report.lastVersion();
        }
        return page.show(report, version, model);
    }

    /**
     * Freezes the draft; while a text is a placeholder or a "pas d'accord" has no answer, refused:
     * the draft page lists them, with a box to answer each disagreement.
     */
    @PostMapping("/reports/{reportId}/finalise")
    String finalise(@PathVariable long reportId, RedirectAttributes redirect) {
        try {
            int version = reports.finalise(reportId);
            redirect.addFlashAttribute("flash", "restitution.report.finalised");
            return "redirect:/reports/" + reportId + "?version=" + version;
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", "restitution.finalise.refused");
            return "redirect:/reports/" + reportId + "#checklist";
        }
    }

    @GetMapping("/reports/{reportId}/report.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long reportId, @RequestParam(defaultValue = "0") int version) {
        ReportContent content = reports.printed(reportId, version);
        return Downloads.attachment(files.pdf(content, reports.importMark(reportId, version), publicUrl.base()),
                MediaType.APPLICATION_PDF, ReportFiles.filename(content, "pdf"));
    }

    /** The inhabitants' poster (A3), with the QR code of a survey to answer when the caller hands one out. */
    @GetMapping("/reports/{reportId}/poster.pdf")
    ResponseEntity<byte[]> poster(@PathVariable long reportId, @RequestParam(defaultValue = "0") int version) {
        ReportContent content = reports.content(reportId, version);
        if (!content.plainWords()) {
            throw new NotFoundException("restitution.report.notFound", reportId);
        }
        String survey = reports.posterSurveyPath(reportId);
        return Downloads.attachment(files.poster(content, survey == null ? null : publicUrl.link(survey),
                publicUrl.base()), MediaType.APPLICATION_PDF, ReportFiles.filename(content, "pdf")
                        .replaceFirst("\\.pdf$", "-affiche.pdf"));
    }

    @GetMapping("/reports/{reportId}/report.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable long reportId, @RequestParam(defaultValue = "0") int version) {
        ReportContent content = reports.content(reportId, version);
        return Downloads.attachment(files.workbook(content), Downloads.XLSX, ReportFiles.filename(content, "xlsx"));
    }

}
