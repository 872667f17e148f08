package fr.maillon.organisation.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import fr.maillon.organisation.OrganisationService;

/** A structure's access log: what the platform admins read of its data, for its admins. */
@Controller
class AccessLogController {

    private final OrganisationService organisations;

    AccessLogController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @GetMapping("/structures/{structureId}/access-log")
    String show(@PathVariable long structureId, Model model) {
        model.addAttribute("entries", organisations.accessLog(structureId));
        model.addAttribute("organisation", organisations.organisation(structureId));
        return "organisation/access-log";
    }
}
