package fr.maillon.network.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.network.NetworkProgress;
import fr.maillon.network.Programme;
import fr.maillon.network.ProgrammeService;
import fr.maillon.network.ProgressQuery;
import fr.maillon.network.ProgressService;

@RestController
@Tag(name = "Réseaux", description = "What federations and CAF see of the structures of their territory")
class ProgressApiController {

    private final ProgressService progress;
    private final ProgrammeService programmes;

    ProgressApiController(ProgressService progress, ProgrammeService programmes) {
        this.progress = progress;
        this.programmes = programmes;
    }

    @GetMapping("/api/v1/networks/{organisationId}/progress")
    @Operation(summary = "Each structure of the territory (or the programme's cohort), its shared evaluations and "
            + "their steps through the method with state and date, and the milestones it is late for; a structure "
            + "that shares nothing gives its name only. Fifty structures a page: without page, the first; total and "
            + "pages say how many there are (read page=2 and on for the others). region or departement (INSEE codes, "
            + "among places) keep the structures of one région or département")
    NetworkProgress progress(@PathVariable long organisationId, @RequestParam(required = false) String region,
            @RequestParam(required = false) String departement, @RequestParam(defaultValue = "1") int page) {
        return progress.progress(organisationId, new ProgressQuery(region, departement, page));
    }

    @GetMapping("/api/v1/networks/{organisationId}/programmes")
    @Operation(summary = "The programmes the network runs")
    List<Programme> programmes(@PathVariable long organisationId) {
        return programmes.runBy(organisationId);
    }
}
