package fr.maillon.restitution.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.restitution.Report;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportFiles;
import fr.maillon.restitution.ReportService;
import fr.maillon.web.Downloads;
import fr.maillon.web.PublicUrl;

@RestController
@Tag(name = "Restitution", description = "Reports and their renderings")
class ReportApiController {


    private final ReportService reports;
    private final ReportFiles files;
    private final PublicUrl publicUrl;

    ReportApiController(ReportService reports, ReportFiles files, PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
        this.reports = reports;
        this.files = files;
    }

    @GetMapping("/api/v1/evaluations/{evaluationId}/reports")
    @Operation(summary = "The evaluation's reports, with their finalised versions")
    List<Report> list(@PathVariable long evaluationId) {
        return reports.reports(evaluationId);
    }

    @GetMapping("/api/v1/reports/{reportId}.pdf")
    @Operation(summary = "A report as a PDF: its last finalised version, or the one asked (0: the draft, members only)")
    ResponseEntity<byte[]> pdf(@PathVariable long reportId, @RequestParam(required = false) Integer version) {
        ReportContent content = reports.printed(reportId, version != null ? version
                : reports.report(reportId).lastVersion());
        return Downloads.attachment(files.pdf(content, reports.importMark(reportId, content.version()), publicUrl.base()),
                MediaType.APPLICATION_PDF, ReportFiles.filename(content, "pdf"));
    }

    @GetMapping("/api/v1/reports/{reportId}.xlsx")
    @Operation(summary = "Every figure of a report, as an XLSX workbook")
    ResponseEntity<byte[]> xlsx(@PathVariable long reportId, @RequestParam(required = false) Integer version) {
        ReportContent content = content(reportId, version);
        return Downloads.attachment(files.workbook(content), Downloads.XLSX, ReportFiles.filename(content, "xlsx"));
    }

    private ReportContent content(long reportId, Integer version) {
        return reports.content(reportId, version != null ? version : reports.report(reportId).lastVersion());
    }
}
