package fr.maillon.restitution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import fr.maillon.web.PdfRenderer;
import fr.maillon.web.QrCodes;
import fr.maillon.web.Texts;

/** A report's files: the PDF, drawn from the same template as its page, and the workbook of its figures. */
@Service
public class ReportFiles {

    private final TemplateEngine templates;
    private final PdfRenderer pdf;
    private final ApplicationContext application;
    private final String css;
    /** The workbook writes the review trail's days in the configured zone. */
    private final Clock clock;

    ReportFiles(TemplateEngine templates, PdfRenderer pdf, ApplicationContext application, Clock clock) {
        this.clock = clock;
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
        return pdf.render(html(content, importMark, true), baseUri);
    }

    /**
     * How easy the report's text is to read, as its PDF shows it: for the report in plain words, which
     * must read easily (short sentences, a good score, no jargon, no decimals).
     */
    public Readability readability(ReportContent content) {
        String text = html(content, null, true).replaceAll("(?s)<head>.*?</head>", "")
                .replaceAll("(?i)</?(p|h[1-6]|li|ul|ol|div|section|article|blockquote|tr|td|th|br)\\b[^>]*>", "\n")
                .replaceAll("<[^>]*>", "");
        return Readability.of(HtmlUtils.htmlUnescape(text));
    }

    /**
     * The inhabitants' poster (A3): the report's key messages and figures in plain words, and the QR
     * code of a survey to answer.
     * @param survey the public link of a survey the poster invites to answer (null: none)
     */
    public byte[] poster(ReportContent content, @Nullable String survey, String baseUri) {
        Context context = context(content, null);
        context.setVariable("survey", survey);
        context.setVariable("qr", survey == null ? null : QrCodes.svg(survey));
        return pdf.render(templates.process("report/poster", context), baseUri);
    }

    /** @param print whether for the PDF: the diagram's texts laid over it as real text, on landscape pages of their own */
    private String html(ReportContent content, @Nullable ImportMark importMark, boolean print) {
        Context context = context(content, importMark);
        if (print) {
            context.setVariable("print", true);
        }
        return templates.process(content.plainWords() ? "report/plain" : "report/document", context);
    }

    private Context context(ReportContent content, @Nullable ImportMark importMark) {
        Context context = new Context(Locale.FRENCH);
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(application, null));
        context.setVariable("content", content);
        context.setVariable("reportCss", css);
        context.setVariable("importMark", importMark);
        return context;
    }

    public byte[] workbook(ReportContent content) {
        return ReportWorkbook.write(content, clock.getZone());
    }

    /** The file's name: the title's slug and the version (or "brouillon"). */
    public static String filename(ReportContent content, String extension) {
        return Texts.slug(content.title(), 60) + (content.version() == 0 ? "-brouillon" : "-v" + content.version())
                + "." + extension;
    }
}
