package fr.maillon.chain.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.chain.ActorMapService;
import fr.maillon.chain.BalanceService;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.DiagramService;
import fr.maillon.chain.InteractionDraft;
import fr.maillon.chain.Link;
import fr.maillon.chain.LinkDraft;
import fr.maillon.chain.ResourceValuation;
import fr.maillon.chain.StakeholderBalance;
import fr.maillon.chain.StakeholderDraft;
import fr.maillon.chain.ValueChain;
import fr.maillon.web.Versions;

@RestController
@RequestMapping("/api/v1/evaluations/{evaluationId}")
@Tag(name = "Chaîne de valeur", description = "Stakeholders, resources, activities, outputs, effects, links, "
        + "interactions; balances, valuation and the diagram")
class ChainApiController {

    private final ChainService chains;
    private final BalanceService balances;
    private final DiagramService diagrams;
    private final ActorMapService actorMaps;

    ChainApiController(ChainService chains, BalanceService balances, DiagramService diagrams,
            ActorMapService actorMaps) {
        this.chains = chains;
        this.balances = balances;
        this.diagrams = diagrams;
        this.actorMaps = actorMaps;
    }

    @GetMapping("/chain")
    @Operation(summary = "The whole value chain of the evaluation")
    ValueChain chain(@PathVariable long evaluationId) {
        return chains.chain(evaluationId);
    }

    @PostMapping("/stakeholders")
    @Operation(summary = "Add a stakeholder")
    ResponseEntity<Map<String, Long>> addStakeholder(@PathVariable long evaluationId,
            @RequestBody StakeholderDraft draft) {
        return created(evaluationId, chains.addStakeholder(evaluationId, draft));
    }

    @PutMapping("/stakeholders/{stakeholderId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change a stakeholder", description = Versions.PUT_DESCRIPTION)
    @ApiResponse(responseCode = "409", description = Versions.CONFLICT_DESCRIPTION)
    void updateStakeholder(@PathVariable long evaluationId, @PathVariable long stakeholderId,
            @Parameter(description = Versions.IF_MATCH_DESCRIPTION)
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody StakeholderDraft draft) {
        chains.updateStakeholder(evaluationId, stakeholderId, draft, Versions.fromIfMatch(ifMatch));
    }

    @DeleteMapping("/stakeholders/{stakeholderId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a stakeholder and its interactions")
    void deleteStakeholder(@PathVariable long evaluationId, @PathVariable long stakeholderId) {
        chains.deleteStakeholder(evaluationId, stakeholderId);
    }

    @PostMapping("/elements")
    @Operation(summary = "Add a resource, an activity, an output or an effect")
    ResponseEntity<Map<String, Long>> addElement(@PathVariable long evaluationId,
            @RequestBody ChainElementDraft draft) {
        return created(evaluationId, chains.addElement(evaluationId, draft));
    }

    @PutMapping("/elements/{elementId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change an element (its kind stays)", description = Versions.PUT_DESCRIPTION)
    @ApiResponse(responseCode = "409", description = Versions.CONFLICT_DESCRIPTION)
    void updateElement(@PathVariable long evaluationId, @PathVariable long elementId,
            @Parameter(description = Versions.IF_MATCH_DESCRIPTION)
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody ChainElementDraft draft) {
        chains.updateElement(evaluationId, elementId, draft, Versions.fromIfMatch(ifMatch));
    }

    @DeleteMapping("/elements/{elementId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an element with its links and interactions")
    void deleteElement(@PathVariable long evaluationId, @PathVariable long elementId) {
        chains.deleteElement(evaluationId, elementId);
    }

    @PostMapping("/links")
    @Operation(summary = "Link two elements (resource→activity, support→primary activity, activity→output, "
            + "activity→effect, output→effect, effect→resource), optionally with its hypothesis")
    ResponseEntity<Map<String, Long>> addLink(@PathVariable long evaluationId, @RequestBody LinkDraft draft) {
        return created(evaluationId, chains.addLink(evaluationId, draft));
    }

    @GetMapping("/links/{linkId}")
    @Operation(summary = "A link with its hypothesis (status, justification, evidence) and its version")
    ResponseEntity<Link> link(@PathVariable long evaluationId, @PathVariable long linkId) {
        Link link = chains.link(evaluationId, linkId);
        return ResponseEntity.ok().eTag(Versions.etag(link.version())).body(link);
    }

    @PutMapping("/links/{linkId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change a link's rationale and hypothesis: status (CONFIRMEE, EN_PARTIE, NON_CONFIRMEE, "
            + "NON_TESTEE), justification, evidence; its ends stay", description = "The link as a whole: a field left "
                    + "out is emptied (no status: NON_TESTEE), so send what GET gave with your changes. "
                    + Versions.PUT_DESCRIPTION)
    @ApiResponse(responseCode = "409", description = Versions.CONFLICT_DESCRIPTION)
    void updateLink(@PathVariable long evaluationId, @PathVariable long linkId,
            @Parameter(description = Versions.IF_MATCH_DESCRIPTION)
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody LinkDraft draft) {
        chains.updateLink(evaluationId, linkId, draft, Versions.fromIfMatch(ifMatch));
    }

    @DeleteMapping("/links/{linkId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a link")
    void deleteLink(@PathVariable long evaluationId, @PathVariable long linkId) {
        chains.deleteLink(evaluationId, linkId);
    }

    @PostMapping("/interactions")
    @Operation(summary = "Add a stakeholder's interaction with an activity: its cost and its benefit")
    ResponseEntity<Map<String, Long>> addInteraction(@PathVariable long evaluationId,
            @RequestBody InteractionDraft draft) {
        return created(evaluationId, chains.addInteraction(evaluationId, draft));
    }

    @PutMapping("/interactions/{interactionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change an interaction", description = Versions.PUT_DESCRIPTION)
    @ApiResponse(responseCode = "409", description = Versions.CONFLICT_DESCRIPTION)
    void updateInteraction(@PathVariable long evaluationId, @PathVariable long interactionId,
            @Parameter(description = Versions.IF_MATCH_DESCRIPTION)
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody InteractionDraft draft) {
        chains.updateInteraction(evaluationId, interactionId, draft, Versions.fromIfMatch(ifMatch));
    }

    @DeleteMapping("/interactions/{interactionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an interaction")
    void deleteInteraction(@PathVariable long evaluationId, @PathVariable long interactionId) {
        chains.deleteInteraction(evaluationId, interactionId);
    }

    @GetMapping("/balance")
    @Operation(summary = "Per stakeholder: what it brings and what it gets, by unit and in €")
    List<StakeholderBalance> balance(@PathVariable long evaluationId) {
        return balances.balances(evaluationId);
    }

    @GetMapping("/resources")
    @Operation(summary = "The resources valued in €: by kind, by provider, and the share support activities use")
    ResourceValuation resources(@PathVariable long evaluationId) {
        return balances.valuation(evaluationId);
    }

    @GetMapping(path = "/diagram.svg", produces = "image/svg+xml;charset=UTF-8")
    @Operation(summary = "The value-chain diagram")
    String diagram(@PathVariable long evaluationId, HttpServletRequest request, Locale locale) {
        return diagrams.svg(evaluationId, request.getContextPath(), locale);
    }

    @GetMapping(path = "/actors.svg", produces = "image/svg+xml;charset=UTF-8")
    @Operation(summary = "The actor map: the stakeholders in rings (communauté d'action, partners, territory), "
            + "what each brings and receives, and the complementarities between them")
    String actors(@PathVariable long evaluationId, HttpServletRequest request, Locale locale) {
        return actorMaps.svg(evaluationId, request.getContextPath(), locale);
    }

    private static ResponseEntity<Map<String, Long>> created(long evaluationId, long id) {
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + evaluationId + "/chain")).body(Map.of("id", id));
    }
}
