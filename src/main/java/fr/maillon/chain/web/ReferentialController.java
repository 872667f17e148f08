package fr.maillon.chain.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.ReferentialService;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** The référentiels a structure files its effects under, and its own lists. */
@Controller
class ReferentialController {

    private final ReferentialService referentials;
    private final OrganisationService organisations;

    ReferentialController(ReferentialService referentials, OrganisationService organisations) {
        this.referentials = referentials;
        this.organisations = organisations;
    }

    public record ReferentialForm(String name, String dimensions) {
    }

    @GetMapping("/structures/{structureId}/referentials")
    String list(@PathVariable long structureId, Model model) {
        if (!model.containsAttribute("referentialForm")) {
            model.addAttribute("referentialForm", new ReferentialForm("", ""));
        }
        model.addAttribute("structure", organisations.structure(structureId));
        model.addAttribute("referentials", referentials.referentials(structureId));
        model.addAttribute("canChange", referentials.canChange(structureId));
        return "chain/referentials";
    }

    /** Hides a référentiel from the structure's offer ({@code hidden=true}), or shows it again. */
    @PostMapping("/structures/{structureId}/referentials/{referentialId}/hidden")
    String hide(@PathVariable long structureId, @PathVariable long referentialId,
            @RequestParam(defaultValue = "true") boolean hidden, RedirectAttributes redirect) {
        try {
            referentials.setHidden(structureId, referentialId, hidden);
            redirect.addFlashAttribute("flash", hidden ? "chain.referential.hidden" : "chain.referential.shown");
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", ex.violations().get(0).code());
        }
        return "redirect:/structures/" + structureId + "/referentials";
    }

    @PostMapping("/structures/{structureId}/referentials")
    String create(@PathVariable long structureId, @ModelAttribute("referentialForm") ReferentialForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        try {
            referentials.create(structureId, form.name(), form.dimensions());
            redirect.addFlashAttribute("flash", "chain.referential.created");
            return "redirect:/structures/" + structureId + "/referentials";
        }
        catch (RuleViolationException ex) {
            FormErrors.reject(result, ex);
        }
        return list(structureId, model);
    }
}
