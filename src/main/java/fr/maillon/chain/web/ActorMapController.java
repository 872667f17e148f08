package fr.maillon.chain.web;

import java.util.List;
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

import fr.maillon.chain.ActorMap;
import fr.maillon.chain.ActorRing;
import fr.maillon.chain.ActorMapService;

/** The actor map's page, and its SVG to download or print. */
@Controller
class ActorMapController {

    private final ActorMapService maps;

    ActorMapController(ActorMapService maps) {
        this.maps = maps;
    }

    @GetMapping("/evaluations/{evaluationId}/actors")
    String show(@PathVariable long evaluationId, HttpServletRequest request, Locale locale, Model model) {
        ActorMap map = maps.map(evaluationId);
        model.addAttribute("map", map);
        model.addAttribute("svg", maps.svg(map, request.getContextPath(), locale));
        model.addAttribute("lines", maps.describe(map, locale));
        model.addAttribute("maps", maps);
        model.addAttribute("rings", List.of(ActorRing.values()));
        return "chain/actors";
    }

    @GetMapping("/evaluations/{evaluationId}/actors.svg")
    ResponseEntity<String> download(@PathVariable long evaluationId, HttpServletRequest request, Locale locale) {
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("image/svg+xml;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("carte-des-acteurs-" + evaluationId + ".svg").build().toString())
                .body(maps.svg(evaluationId, request.getContextPath(), locale));
    }
}
