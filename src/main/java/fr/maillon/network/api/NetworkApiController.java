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
import fr.maillon.network.TerritoryFigures;

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
            + "and each sharing structure's values, for one period or (without period) for all; whole structures' "
            + "evaluations only; validated=true counts signed-off years only")
    EntryFigures entry(@PathVariable long organisationId, @PathVariable long entryId,
            @RequestParam(required = false) String period, @RequestParam(defaultValue = "false") boolean validated) {
        return network.entry(organisationId, entryId, period, period == null, validated);
    }

    @GetMapping("/api/v1/networks/{organisationId}/territories")
    @Operation(summary = "A library entry for one year by region and département (without entry: the first; "
            + "without year: the latest with figures); groups under 3 structures hidden, and their neighbours "
            + "where a subtraction would give them back")
    TerritoryFigures territories(@PathVariable long organisationId, @RequestParam(required = false) Long entry,
            @RequestParam(required = false) Integer year) {
        return network.territories(organisationId, entry, year);
    }

    @GetMapping("/api/v1/networks/{organisationId}/structures/{structureId}/comparison")
    @Operation(summary = "One sharing structure beside the other structures of the territory "
            + "(validated=true: signed-off years only)")
    List<Comparison> compare(@PathVariable long organisationId, @PathVariable long structureId,
            @RequestParam(defaultValue = "false") boolean validated) {
        return network.compare(organisationId, structureId, validated);
    }

    @GetMapping("/api/v1/networks/{organisationId}/summary")
    @Operation(summary = "The year in the shape of the observatory's socle; without `year`, the latest year "
            + "with shared figures, as the page opens (validated=true: signed-off data only)")
    AnnualSummary summary(@PathVariable long organisationId, @RequestParam(required = false) Integer year,
            @RequestParam(defaultValue = "false") boolean validated) {
        return network.summaryPage(organisationId, year, validated).summary();
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
