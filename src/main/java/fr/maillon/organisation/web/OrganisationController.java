package fr.maillon.organisation.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.organisation.ManagementMode;
import fr.maillon.organisation.OrganisationPage;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Structure;
import fr.maillon.organisation.StructureKind;
import fr.maillon.organisation.TerritoryType;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** An organisation's page, and a structure's identity card. */
@Controller
class OrganisationController {

    private final OrganisationService organisations;

    OrganisationController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @GetMapping("/organisations/{organisationId}")
    String show(@PathVariable long organisationId, Model model) {
        OrganisationPage page = organisations.organisationPage(organisationId);
        if (page.organisation().type() == OrganisationType.STRUCTURE) {
            return "redirect:/structures/" + organisationId;
        }
        model.addAttribute("page", page);
        return "organisation/organisation";
    }

    @GetMapping("/structures/{structureId}/edit")
    String editForm(@PathVariable long structureId, Model model) {
        Structure structure = organisations.structureForEdit(structureId);
        model.addAttribute("structureForm", StructureForm.of(structure));
        model.addAttribute("formKind", structure.kind());
        return editPage(structureId, model);
    }

    @PostMapping("/structures/{structureId}/edit")
    String update(@PathVariable long structureId, @ModelAttribute("structureForm") StructureForm form,
            BindingResult result, @RequestParam(name = "kind", required = false) String kind, Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                organisations.updateStructure(structureId, form.toDraft(), form.version());
                redirect.addFlashAttribute("flash", "organisation.structure.saved");
                return "redirect:/structures/" + structureId;
            }
            catch (ConcurrentEditException ex) {
                FormErrors.conflict(result, model, ex, StructureForm.of(ex.stored(Structure.class)));
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        StructureKind stored = organisations.structureForEdit(structureId).kind();
        StructureKind sent = StructureForm.kindOf(kind);
        model.addAttribute("formKind", sent != null ? sent : stored);
        return editPage(structureId, model);
    }

    private static String editPage(long structureId, Model model) {
        model.addAttribute("structureId", structureId);
        addStructureOptions(model);
        return "organisation/structure-form";
    }

    static void addStructureOptions(Model model) {
        model.addAttribute("kinds", StructureKind.values());
        model.addAttribute("managementModes", ManagementMode.values());
        model.addAttribute("territoryTypes", TerritoryType.values());
    }
}
