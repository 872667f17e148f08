package fr.maillon.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Turns an XHTML page (from a Thymeleaf template) into a PDF, its SVG drawn by Batik and its fonts
 * embedded: DejaVu Sans
 * ships with Maillon, so that a PDF looks the same whatever the server has installed.
 */
@Component
public class PdfRenderer {

    private static final String FONT = "fonts/DejaVuSans.ttf";
    private static final String BOLD = "fonts/DejaVuSans-Bold.ttf";

    /** @param baseUri where relative links and images of the page are read from */
    public byte[] render(String xhtml, String baseUri) {
        try (ByteArrayOutputStream output = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.useFont(() -> stream(FONT), "DejaVu Sans", 400, PdfRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(() -> stream(BOLD), "DejaVu Sans", 700, PdfRendererBuilder.FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, baseUri);
            builder.toStream(output);
            builder.run();
            return output.toByteArray();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static InputStream stream(String font) {
        try {
            return new ClassPathResource(font).getInputStream();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
