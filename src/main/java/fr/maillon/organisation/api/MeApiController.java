package fr.maillon.organisation.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.organisation.Me;
import fr.maillon.organisation.OrganisationService;

@RestController
@Tag(name = "Compte", description = "Who the caller is")
class MeApiController {

    private final OrganisationService organisations;

    MeApiController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @GetMapping("/api/v1/me")
    @Operation(summary = "The caller, and the structures and networks she is a member of, with her role in each")
    Me me() {
        return organisations.me();
    }
}
