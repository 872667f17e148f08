package fr.maillon.survey.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyNotFoundException;
import fr.maillon.survey.SurveyService;
import fr.maillon.survey.Wave;
import fr.maillon.web.PdfRenderer;
import fr.maillon.web.PublicUrl;
import fr.maillon.web.QrCodes;
import fr.maillon.web.Texts;

/** What a survey gives to print: the QR code of a wave's link, and the questionnaire on paper. */
@Controller
class SurveyPrintController {

    private final SurveyService surveys;
    private final TemplateEngine templates;
    private final PdfRenderer pdf;
    private final PublicUrl publicUrl;

    SurveyPrintController(SurveyService surveys, TemplateEngine templates, PdfRenderer pdf, PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
        this.surveys = surveys;
        this.templates = templates;
        this.pdf = pdf;
    }

    @GetMapping("/surveys/{surveyId}/waves/{waveId}/qr.png")
    ResponseEntity<byte[]> png(@PathVariable long surveyId, @PathVariable long waveId) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .header(HttpHeaders.CONTENT_DISPOSITION, inline("qr-code.png"))
                .body(QrCodes.png(link(wave(surveyId, waveId)), 12));
    }

    @GetMapping(path = "/surveys/{surveyId}/waves/{waveId}/qr.svg", produces = "image/svg+xml;charset=UTF-8")
    ResponseEntity<String> svg(@PathVariable long surveyId, @PathVariable long waveId) {
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, inline("qr-code.svg"))
                .body(QrCodes.svg(link(wave(surveyId, waveId))));
    }

    /** The questionnaire to print, with the wave's link and QR code for those who would rather answer online. */
    @GetMapping("/surveys/{surveyId}/paper.pdf")
    ResponseEntity<byte[]> paper(@PathVariable long surveyId, @RequestParam(required = false) Long wave,
            Locale locale) {
        Survey survey = surveys.distributable(surveyId);
        Wave chosen = wave == null ? survey.waves().get(0) : survey.wave(wave)
                .orElseThrow(() -> new SurveyNotFoundException(wave));
        String link = link(chosen);
        Context context = new Context(locale);
        context.setVariable("survey", survey);
        context.setVariable("link", link);
        context.setVariable("qr", "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodes.png(link, 4)));
        String xhtml = templates.process("survey/print", context);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(Texts.slug(survey.title(), 60) + ".pdf", StandardCharsets.UTF_8).build().toString())
                .body(pdf.render(xhtml, publicUrl.base()));
    }

    /**
     * Cards to hand out to the people a survey follows: each with its code, and a QR code opening the
     * wave's form with the code already typed (a closed wave's link leads to the open one).
     */
    @GetMapping("/surveys/{surveyId}/cards.pdf")
    ResponseEntity<byte[]> cards(@PathVariable long surveyId, @RequestParam(required = false) Long wave,
            @RequestParam(defaultValue = "1") int from, @RequestParam(defaultValue = "24") int count, Locale locale) {
        Survey survey = surveys.distributable(surveyId);
        Wave chosen = wave == null ? survey.waves().get(0) : survey.wave(wave)
                .orElseThrow(() -> new SurveyNotFoundException(wave));
        List<String> codes = surveys.cardCodes(surveyId, from, count);
        List<Map<String, Object>> cards = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String link = link(chosen) + "?code=" + codes.get(i).replace("-", "");
            cards.add(Map.of("number", from + i, "code", codes.get(i), "qr", "data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(QrCodes.png(link, 3))));
        }
        Context context = new Context(locale);
        context.setVariable("survey", survey);
        context.setVariable("link", link(chosen));
        context.setVariable("cards", cards);
        String xhtml = templates.process("survey/cards", context);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(Texts.slug(survey.title(), 60) + "-cartes.pdf", StandardCharsets.UTF_8).build()
                        .toString())
                .body(pdf.render(xhtml, publicUrl.base()));
    }

    private Wave wave(long surveyId, long waveId) {
        return surveys.distributable(surveyId).wave(waveId).orElseThrow(() -> new SurveyNotFoundException(waveId));
    }

    /** The wave's public link, at the configured public address. */
    private String link(Wave wave) {
        return publicUrl.link("/s/" + wave.token());
    }

    private static String inline(String filename) {
        return ContentDisposition.inline().filename(filename).build().toString();
    }
}
