package fr.maillon.network.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import fr.maillon.network.ProgressService;
import fr.maillon.network.ProgressStep;

/** A network's page that follows each structure of its territory through the method's steps. */
@Controller
class ProgressController {

    private final ProgressService progress;

    ProgressController(ProgressService progress) {
        this.progress = progress;
    }

    @GetMapping("/networks/{organisationId}/progress")
    String show(@PathVariable long organisationId, Model model) {
        model.addAttribute("progress", progress.progress(organisationId));
        model.addAttribute("steps", ProgressStep.values());
        return "network/progress";
    }
}
