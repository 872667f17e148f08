package fr.maillon.restitution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import fr.maillon.web.PdfRenderer;
import fr.maillon.web.Texts;

/** A report's files: the PDF, drawn from the same template as its page, and the workbook of its figures. */
@Service
public class ReportFiles {

    private final TemplateEngine templates;
    private final PdfRenderer pdf;
    private final ApplicationContext application;
    private final String css;

    ReportFiles(TemplateEngine templates, PdfRenderer pdf, ApplicationContext application) {
        this.templates = templates;
        this.pdf = pdf;
        this.application = application;
        try (InputStream input = new ClassPathResource("static/css/report.css").getInputStream()) {
            this.css = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** @param baseUri where the page's relative links point */
    public byte[] pdf(ReportContent content, String baseUri) {
        return pdf(content, null, baseUri);
    }

    /**
     * @param importMark the mark of an imported version, which heads every page
     * @param baseUri where the page's relative links point
     */
    public byte[] pdf(ReportContent content, @Nullable ImportMark importMark, String baseUri) {
        Context context = new Context(Locale.FRENCH);
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(application, null));
        context.setVariable("content", content);
        context.setVariable("reportCss", css);
        context.setVariable("importMark", importMark);
        // the PDF lays the diagram's texts over it as real text, on landscape pages of their own
        context.setVariable("print", true);
        return pdf.render(templates.process("report/document", context), baseUri);
    }

    public byte[] workbook(ReportContent content) {
        return ReportWorkbook.write(content);
    }

    /** The file's name: the title's slug and the version (or "brouillon"). */
    public static String filename(ReportContent content, String extension) {
        return Texts.slug(content.title(), 60) + (content.version() == 0 ? "-brouillon" : "-v" + content.version())
                + "." + extension;
    }
}
