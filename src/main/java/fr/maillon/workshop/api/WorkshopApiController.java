package fr.maillon.workshop.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.chain.EffectTarget;
import fr.maillon.web.PublicUrl;
import fr.maillon.workshop.Card;
import fr.maillon.workshop.CardKind;
import fr.maillon.workshop.CardState;
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopDraft;
import fr.maillon.workshop.WorkshopService;

@RestController
@Tag(name = "Ateliers", description = "Live workshops of an evaluation: opening one (its join code and addresses) and reading its cards")
class WorkshopApiController {

    private final WorkshopService workshops;
    private final PublicUrl publicUrl;
    private final MessageSource messages;
    private final Clock clock;

    WorkshopApiController(WorkshopService workshops, PublicUrl publicUrl, MessageSource messages, Clock clock) {
        this.workshops = workshops;
        this.publicUrl = publicUrl;
        this.messages = messages;
        this.clock = clock;
    }

    /** What opening a workshop takes; every field may be left out. */
    @Schema(name = "WorkshopRequest")
    record WorkshopRequest(
            @Schema(description = "Its title; « Atelier du <today> » when left out", maxLength = WorkshopService.MAX_TITLE)
            @Nullable String title,
            @Schema(description = "How long it stays open, in minutes (15 to 720; 180 when left out)")
            @Nullable Integer durationMinutes,
            @Schema(description = "How many cards each participant may post (1 to 50; 15 when left out)")
            @Nullable Integer cardLimit) {
    }

    /** An opened workshop: the code to project, the addresses to give out, and when it closes by itself. */
    record OpenedWorkshop(long id, String code, String joinUrl, String projectorUrl, Instant opensAt, Instant closesAt,
            int cardLimit) {
    }

    /** A card as its editors see it: hidden and merged ones too, with the role of who posted it (none: the facilitator). */
    record CardView(long id, CardKind kind, @Nullable EffectTarget target, String text, CardState state,
            @Nullable Long mergedInto, @Nullable Long elementId, @Nullable ParticipantRole role, int dots,
            Instant postedAt) {

        static CardView of(Card card) {
            return new CardView(card.id(), card.kind(), card.target(), card.text(), card.state(), card.mergedIntoId(),
                    card.elementId(), card.role(), card.dots(), card.postedAt());
        }
    }

    @PostMapping("/api/v1/evaluations/{evaluationId}/workshops")
    @Operation(summary = "Open a workshop on the evaluation (its editors): participants join at joinUrl, "
            + "the room's screen shows projectorUrl")
    @ApiResponse(responseCode = "201", description = "Opened")
    @ApiResponse(responseCode = "422", description = "A field out of its bounds; its errors name it")
    ResponseEntity<OpenedWorkshop> open(@PathVariable long evaluationId,
            @Parameter(description = "Optional: title, durationMinutes, cardLimit")
            @RequestBody(required = false) @Nullable WorkshopRequest request) {
        WorkshopRequest given = request == null ? new WorkshopRequest(null, null, null) : request;
        String title = given.title() == null || given.title().isBlank() ? defaultTitle() : given.title();
        Workshop workshop = workshops.open(evaluationId,
                new WorkshopDraft(title, given.durationMinutes(), given.cardLimit()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new OpenedWorkshop(workshop.id(), workshop.code(),
                publicUrl.link("/w/" + workshop.code()), publicUrl.link("/w/p/" + workshop.projectorToken()),
                workshop.openedAt(), workshop.closesAt(), workshop.cardLimit()));
    }

    @GetMapping("/api/v1/workshops/{workshopId}/cards")
    @Operation(summary = "Every card of a workshop, hidden and merged ones too, in the order they were posted "
            + "(editors of its structure)")
    List<CardView> cards(@PathVariable long workshopId) {
        return workshops.cards(workshopId).stream().map(CardView::of).toList();
    }

    /** « Atelier du 12 mars 2026 », the day in the configured zone, in French (the site's first language). */
    private String defaultTitle() {
        LocalDate today = LocalDate.now(clock);
        return messages.getMessage("workshop.list.defaultTitle", new Object[] { String.valueOf(today.getDayOfMonth()),
                today.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH)) }, Locale.FRENCH);
    }
}
