package fr.maillon.restitution.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import fr.maillon.chain.EvaluationService;
import fr.maillon.restitution.Report;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportExports;
import fr.maillon.restitution.ReportService;
import fr.maillon.restitution.ReviewService;
import fr.maillon.web.PdfRenderer;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/** Reports: the list and creation, a version as a page, a PDF and a workbook, narratives and finalising. */
@Controller
class ReportController {

    private final ReportService reports;
    private final EvaluationService evaluations;
    private final TemplateEngine templates;
    private final PdfRenderer pdf;
    private final ApplicationContext application;
    private final ReviewService reviews;

    ReportController(ReportService reports, EvaluationService evaluations, TemplateEngine templates, PdfRenderer pdf,
            ApplicationContext application, ReviewService reviews) {
        this.reviews = reviews;
        this.reports = reports;
        this.evaluations = evaluations;
        this.templates = templates;
        this.pdf = pdf;
        this.application = application;
    }

    @GetMapping("/evaluations/{evaluationId}/dashboard")
    String dashboard(@PathVariable long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("doc", reports.dashboard(evaluationId));
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

    @GetMapping("/reports/{reportId}")
    String report(@PathVariable long reportId, @RequestParam(defaultValue = "0") int version, Model model) {
        Report report = reports.report(reportId);
        model.addAttribute("report", report);
        model.addAttribute("doc", reports.content(reportId, version));
        model.addAttribute("canEdit", reports.canEdit(report));
        model.addAttribute("reviewers", reviews.reviewers(reportId));
        model.addAttribute("comments", reviews.comments(reportId));
        model.addAttribute("shares", reviews.shares(reportId));
        return "report/report";
    }

    @PostMapping("/reports/{reportId}/sections/{section}")
    String narrate(@PathVariable long reportId, @PathVariable ReportAudience.Section section,
            @RequestParam(required = false) String narrative, RedirectAttributes redirect) {
        try {
            reports.narrate(reportId, section, narrative);
            redirect.addFlashAttribute("flash", "restitution.report.narrativeSaved");
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
        Context context = new Context(Locale.FRENCH);
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(application, null));
        context.setVariable("content", content);
        context.setVariable("reportCss", css());
        byte[] document = pdf.render(templates.process("report/document", context),
                ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
        return download(document, MediaType.APPLICATION_PDF, filename(content, "pdf"));
    }

    @GetMapping("/reports/{reportId}/report.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable long reportId, @RequestParam(defaultValue = "0") int version) {
        ReportContent content = reports.content(reportId, version);
        return download(ReportExports.workbook(content), MediaType.parseMediaType(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), filename(content, "xlsx"));
    }

    private static String filename(ReportContent content, String extension) {
        return Texts.slug(content.title(), 60) + (content.version() == 0 ? "-brouillon" : "-v" + content.version())
                + "." + extension;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition
                .attachment().filename(filename, StandardCharsets.UTF_8).build().toString()).body(body);
    }

    private static String css() {
        try (InputStream input = new ClassPathResource("static/css/report.css").getInputStream()) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
