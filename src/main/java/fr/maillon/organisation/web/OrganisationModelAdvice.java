package fr.maillon.organisation.web;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import fr.maillon.organisation.Membership;
import fr.maillon.organisation.OrganisationService;

/** Gives every page the signed-in person's organisations, for the header. */
@ControllerAdvice(annotations = Controller.class)
class OrganisationModelAdvice {

    private final OrganisationService organisations;

    OrganisationModelAdvice(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @ModelAttribute("navMemberships")
    List<Membership> navMemberships() {
        return organisations.myMemberships();
    }
}
