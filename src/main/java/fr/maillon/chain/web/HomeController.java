package fr.maillon.chain.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fr.maillon.chain.EvaluationService;

/** The home page: the caller's structures and the evaluations she may read. */
@Controller
class HomeController {

    private final EvaluationService evaluations;

    HomeController(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("overview", evaluations.overview());
        return "chain/home";
    }
}
