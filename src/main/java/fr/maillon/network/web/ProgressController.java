package fr.maillon.network.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import fr.maillon.network.ProgressQuery;
import fr.maillon.network.ProgressService;
import fr.maillon.network.ProgressStep;

/**
 * A network's page that follows each structure of its territory through the method's steps. Its form chooses one
 * place ({@code place}: {@code region-84}, {@code departement-26}, or empty for all); its page links carry
 * {@code region}, {@code departement} and {@code page}, as the API does.
 */
@Controller
class ProgressController {

    private final ProgressService progress;

    ProgressController(ProgressService progress) {
        this.progress = progress;
    }

    @GetMapping("/networks/{organisationId}/progress")
    String show(@PathVariable long organisationId, @RequestParam(required = false) String place,
            @RequestParam(required = false) String region, @RequestParam(required = false) String departement,
            @RequestParam(defaultValue = "1") int page, Model model) {
        ProgressQuery query = place == null ? new ProgressQuery(region, departement, page) : ProgressQuery.of(place);
        model.addAttribute("progress", progress.progress(organisationId, query));
        model.addAttribute("steps", ProgressStep.values());
        return "network/progress";
    }
}
