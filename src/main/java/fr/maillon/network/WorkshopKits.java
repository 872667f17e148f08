package fr.maillon.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import fr.maillon.web.PdfRenderer;

/** The workshop kits, one per step of the method, read once from their resource file; each printed as a PDF. */
@Component
public class WorkshopKits {

    private static final String RESOURCE = "network/workshop-kits.json";

    private final List<WorkshopKit> kits;
    private final java.util.Map<String, byte[]> rendered = new java.util.concurrent.ConcurrentHashMap<>();
    private final TemplateEngine templates;
    private final PdfRenderer pdf;
    private final ApplicationContext application;

    WorkshopKits(JsonMapper json, TemplateEngine templates, PdfRenderer pdf, ApplicationContext application) {
        this.templates = templates;
        this.pdf = pdf;
        this.application = application;
        try (InputStream input = new ClassPathResource(RESOURCE).getInputStream()) {
            this.kits = List.copyOf(json.readValue(input, new TypeReference<List<WorkshopKit>>() {
            }));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public List<WorkshopKit> all() {
        return kits;
    }

    public Optional<WorkshopKit> kit(String step) {
        return kits.stream().filter(kit -> kit.step().equals(step)).findFirst();
    }

    /** The kit's PDF, rendered once: kits are the same for every programme. */
    public byte[] pdf(WorkshopKit kit) {
        return rendered.computeIfAbsent(kit.step(), step -> render(kit));
    }

    private byte[] render(WorkshopKit kit) {
        Context context = new Context(Locale.FRENCH);
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(application, null));
        context.setVariable("kit", kit);
        return pdf.render(templates.process("network/kit", context), "/");
    }
}
