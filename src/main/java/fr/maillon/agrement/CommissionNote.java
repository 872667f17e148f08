package fr.maillon.agrement;

import java.util.Locale;

import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Service;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import fr.maillon.web.PdfRenderer;
import fr.maillon.web.Texts;

/**
 * The "note pour la commission" (the CAF's commission d'action sociale decides the renewal): the structure's
 * identity, the parts of its file with their state, the key results and the missing parts, as a PDF of a few
 * pages drawn with the fonts Maillon ships.
 */
@Service
public class CommissionNote {

    private final AgrementFileService files;
    private final TemplateEngine templates;
    private final PdfRenderer pdf;
    private final ApplicationContext application;

    CommissionNote(AgrementFileService files, TemplateEngine templates, PdfRenderer pdf,
            ApplicationContext application) {
        this.files = files;
        this.templates = templates;
        this.pdf = pdf;
        this.application = application;
    }

    /** The note of an evaluation the caller may read (404 otherwise), in French. */
    public byte[] pdf(long evaluationId, String baseUri) {
        return pdf(files.file(evaluationId), baseUri);
    }

    public byte[] pdf(AgrementFile file, String baseUri) {
        Context context = new Context(Locale.FRENCH);
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(application, null));
        context.setVariable("file", file);
        return pdf.render(templates.process("agrement/note", context), baseUri);
    }

    public static String filename(AgrementFile file) {
        return "note-commission-" + Texts.slug(file.structure().name(), 50) + "-" + file.on() + ".pdf";
    }
}
