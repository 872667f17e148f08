package fr.maillon.network.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.network.IssuedProgrammeInvitation;
import fr.maillon.network.Programme;
import fr.maillon.network.ProgrammeMilestone;
import fr.maillon.network.ProgrammeService;
import fr.maillon.network.ProgrammeService.MilestoneDraft;
import fr.maillon.web.PublicUrl;

/**
 * Running a programme from another tool: creating it, inviting structures (and withdrawing a link), removing a
 * structure from its cohort, setting its milestones.
 */
@RestController
@Tag(name = "Programmes", description = "Programmes a network runs: a cohort of structures invited by link, "
        + "shared milestones")
class ProgrammeApiController {

    private final ProgrammeService programmes;
    private final PublicUrl publicUrl;

    ProgrammeApiController(ProgrammeService programmes, PublicUrl publicUrl) {
        this.programmes = programmes;
        this.publicUrl = publicUrl;
    }

    @Schema(name = "ProgrammeRequest")
    record ProgrammeRequest(
            @Schema(description = "Its name (1 to 200 characters)", maxLength = 200) @Nullable String name,
            @Schema(description = "What it is (up to 2,000 characters)", maxLength = 2000) @Nullable String description) {
    }

    @Schema(name = "InvitationRequest")
    record InvitationRequest(
            @Schema(description = "The structure invited, as the link's list shows it (1 to 120 characters)",
                    maxLength = 120) @Nullable String invitee) {
    }

    /** A new invitation: the link to give the structure, shown this once (only its fingerprint is kept). */
    record IssuedInvitation(long id, String invitee, OffsetDateTime expiresAt, String link) {
    }

    @PostMapping("/api/v1/networks/{organisationId}/programmes")
    @Operation(summary = "Create a programme the network runs (its members); the caller becomes its member")
    @ApiResponse(responseCode = "201", description = "Created; the body is the programme, with its id")
    @ApiResponse(responseCode = "422", description = "A field out of its bounds; its errors name it")
    @ApiResponse(responseCode = "404", description = "Not a member of this network")
    ResponseEntity<Programme> create(@PathVariable long organisationId,
            @RequestBody(required = false) @Nullable ProgrammeRequest request) {
        ProgrammeRequest given = request == null ? new ProgrammeRequest(null, null) : request;
        long id = programmes.create(organisationId, given.name(), given.description());
        Programme programme = programmes.runBy(organisationId).stream().filter(found -> found.id() == id)
                .findFirst().orElseThrow();
        return ResponseEntity.created(URI.create("/programmes/" + id)).body(programme);
    }

    @PostMapping("/api/v1/programmes/{programmeId}/invitations")
    @Operation(summary = "Make a one-time invitation link for a structure (the programme's members): valid 30 days, "
            + "used once by an administrator of the structure, who chooses what to share; the link is given this "
            + "once")
    @ApiResponse(responseCode = "201", description = "Made; the body holds the link")
    @ApiResponse(responseCode = "422", description = "The invitee's name is missing or too long")
    @ApiResponse(responseCode = "404", description = "Not a member of this programme")
    ResponseEntity<IssuedInvitation> invite(@PathVariable long programmeId,
            @RequestBody(required = false) @Nullable InvitationRequest request) {
        IssuedProgrammeInvitation issued = programmes.invite(programmeId, request == null ? null : request.invitee());
        return ResponseEntity.status(201).body(new IssuedInvitation(issued.invitation().id(),
                issued.invitation().invitee(), issued.invitation().expiresAt(),
                publicUrl.link("/programme-invitations/" + issued.token())));
    }

    @DeleteMapping("/api/v1/programmes/{programmeId}/invitations/{invitationId}")
    @Operation(summary = "Withdraw an invitation link not used yet (the programme's members): it stops working at "
            + "once, and says it was withdrawn when opened")
    @ApiResponse(responseCode = "204", description = "Withdrawn")
    @ApiResponse(responseCode = "404", description = "Not a member of this programme, or no such link waiting "
            + "(used, withdrawn already, expired, or another programme's)")
    ResponseEntity<Void> cancelInvitation(@PathVariable long programmeId, @PathVariable long invitationId) {
        programmes.cancelInvitation(programmeId, invitationId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/programmes/{programmeId}/structures/{structureId}")
    @Operation(summary = "Remove a structure from the programme's cohort (the programme's members): as when it "
            + "leaves, every share it made with the programme ends; its members read that the programme removed it")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "Not a member of this programme, or the structure is not in "
            + "its cohort")
    ResponseEntity<Void> removeStructure(@PathVariable long programmeId, @PathVariable long structureId) {
        programmes.removeStructure(programmeId, structureId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/programmes/{programmeId}/milestones")
    @Operation(summary = "The programme's milestones, by day (its members)")
    List<ProgrammeMilestone> milestones(@PathVariable long programmeId) {
        return programmes.milestones(programmeId);
    }

    @PutMapping("/api/v1/programmes/{programmeId}/milestones")
    @Operation(summary = "Replace the programme's milestones by the list sent (its members; 24 at most; an empty "
            + "list removes them all): each a label, a step (CHAIN, QUESTIONS, INDICATORS, COLLECTION, "
            + "CONTRIBUTIONS, VERDICTS, REVIEW, FINALISED) and a day (yyyy-MM-dd)")
    @ApiResponse(responseCode = "200", description = "Replaced; the body is the new list")
    @ApiResponse(responseCode = "422", description = "A line refused (nothing changed); its errors name line and "
            + "field, as $[1].dueOn")
    @ApiResponse(responseCode = "404", description = "Not a member of this programme")
    List<ProgrammeMilestone> replaceMilestones(@PathVariable long programmeId,
            @RequestBody(required = false) @Nullable List<MilestoneDraft> milestones) {
        return programmes.replaceMilestones(programmeId, milestones);
    }
}
