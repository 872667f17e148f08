package fr.maillon.network.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.network.AgrementCalendar;
import fr.maillon.network.AnnualSummary;
import fr.maillon.network.Comparison;
import fr.maillon.network.EntryFigures;
import fr.maillon.network.NetworkHome;
import fr.maillon.network.NetworkService;

@RestController
@Tag(name = "Réseaux", description = "What federations and CAF see of the structures of their territory")
class NetworkApiController {

    private final NetworkService network;

    NetworkApiController(NetworkService network) {
        this.network = network;
    }

    @GetMapping("/api/v1/networks/{organisationId}")
    @Operation(summary = "The territory's structures, what each shares, and the library entries they measure")
    NetworkHome home(@PathVariable long organisationId) {
        return network.home(organisationId);
    }

    @GetMapping("/api/v1/networks/{organisationId}/indicators/{entryId}")
    @Operation(summary = "A library entry across the territory: aggregates per period (groups under 3 hidden) "
            + "and each sharing structure's values, for one period or (without period) for all")
    EntryFigures entry(@PathVariable long organisationId, @PathVariable long entryId,
            @RequestParam(required = false) String period) {
        return network.entry(organisationId, entryId, period, period == null);
    }

    @GetMapping("/api/v1/networks/{organisationId}/structures/{structureId}/comparison")
    @Operation(summary = "One sharing structure beside the other structures of the territory")
    List<Comparison> compare(@PathVariable long organisationId, @PathVariable long structureId) {
        return network.compare(organisationId, structureId);
    }

    @GetMapping("/api/v1/networks/{organisationId}/summary")
    @Operation(summary = "The year in the shape of the observatory's socle; without `year`, the latest year "
            + "with shared figures, as the page opens")
    AnnualSummary summary(@PathVariable long organisationId, @RequestParam(required = false) Integer year) {
        return network.summary(organisationId, year != null ? year : network.lastYear(organisationId));
    }

    @GetMapping("/api/v1/networks/{organisationId}/calendar")
    @Operation(summary = "The agrément renewals of the sharing structures, with their milestones")
    AgrementCalendar calendar(@PathVariable long organisationId) {
        return network.calendar(organisationId);
    }

    @GetMapping("/api/v1/structures/{structureId}/peers")
    @Operation(summary = "The structure's results beside its peers of the same département, aggregated only")
    List<Comparison> peers(@PathVariable long structureId) {
        return network.peers(structureId);
    }
}
