package fr.maillon.chain.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import fr.maillon.chain.ChainService;
import fr.maillon.chain.DiagramService;

/** The diagram page, and the SVG file to download. */
@Controller
class DiagramController {

    private final DiagramService diagrams;
    private final ChainService chains;

    DiagramController(DiagramService diagrams, ChainService chains) {
        this.diagrams = diagrams;
        this.chains = chains;
    }

    @GetMapping("/evaluations/{evaluationId}/diagram")
    String show(@PathVariable long evaluationId, HttpServletRequest request, Locale locale, Model model) {
        model.addAttribute("chain", chains.chain(evaluationId));
        model.addAttribute("svg", diagrams.svg(evaluationId, request.getContextPath(), locale));
        return "chain/diagram";
    }

    @GetMapping("/evaluations/{evaluationId}/diagram.svg")
    ResponseEntity<String> download(@PathVariable long evaluationId, HttpServletRequest request, Locale locale) {
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("image/svg+xml;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("chaine-de-valeur-" + evaluationId + ".svg").build().toString())
                .body(diagrams.svg(evaluationId, request.getContextPath(), locale));
    }
}
