package fr.maillon.organisation.web;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.StructureKind;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** The platform admin's pages: every organisation, and new structures, federations and CAF. */
@Controller
class AdminController {

    private final OrganisationService organisations;

    AdminController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @GetMapping("/admin/organisations")
    String list(Model model) {
        model.addAttribute("organisations", organisations.allOrganisations());
        return "organisation/admin";
    }

    /**
     * A new structure: first its kind (which sets the fields of its identity), then the form with
     * those fields. An unknown kind shows the choice again.
     */
    @GetMapping("/admin/structures/new")
    String newStructureForm(@RequestParam(required = false) String kind, Model model) {
        organisations.checkCanCreateOrganisations();
        StructureKind chosen = StructureForm.kindOf(kind);
        if (chosen == null) {
            model.addAttribute("kinds", StructureKind.values());
            return "organisation/structure-kind";
        }
        model.addAttribute("structureForm", StructureForm.empty(chosen));
        return newStructurePage(chosen, model);
    }

    @PostMapping("/admin/structures/new")
    String createStructure(@ModelAttribute("structureForm") StructureForm form, BindingResult result,
            @RequestParam(name = "kind", required = false) String kind, Model model, RedirectAttributes redirect) {
        organisations.checkCanCreateOrganisations();
        if (!result.hasErrors()) {
            try {
                long id = organisations.createStructure(form.toDraft());
                redirect.addFlashAttribute("flash", "organisation.structure.created");
                return "redirect:/organisations/" + id + "/members";
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return newStructurePage(StructureForm.kindOf(kind), model);
    }

    @GetMapping("/admin/networks/new")
    String newNetworkForm(Model model) {
        organisations.checkCanCreateOrganisations();
        model.addAttribute("networkForm", NetworkOrganisationForm.empty());
        return newNetworkPage(model);
    }

    @PostMapping("/admin/networks/new")
    String createNetwork(@ModelAttribute("networkForm") NetworkOrganisationForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        organisations.checkCanCreateOrganisations();
        if (!result.hasErrors()) {
            try {
                long id = organisations.createNetworkOrganisation(form.toDraft());
                redirect.addFlashAttribute("flash", "organisation.network.created");
                return "redirect:/organisations/" + id + "/members";
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return newNetworkPage(model);
    }

    private static String newStructurePage(@Nullable StructureKind kind, Model model) {
        OrganisationController.addStructureOptions(model);
        model.addAttribute("kindChosen", true);
        model.addAttribute("formKind", kind);
        return "organisation/structure-new";
    }

    private static String newNetworkPage(Model model) {
        model.addAttribute("networkTypes", OrganisationType.networks());
        return "organisation/network-new";
    }
}
