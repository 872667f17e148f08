package fr.maillon.organisation.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Structure;

@RestController
@RequestMapping("/api/v1/structures")
@Tag(name = "Structures", description = "Centres sociaux, espaces de vie sociale and associations")
class StructureApiController {

    private final OrganisationService organisations;

    StructureApiController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @GetMapping
    @Operation(summary = "The structures the caller may read")
    List<Structure> list() {
        return organisations.readableStructures();
    }

    @GetMapping("/{structureId}")
    @Operation(summary = "A structure's identity card")
    Structure show(@PathVariable long structureId) {
        return organisations.structure(structureId);
    }
}
