package fr.maillon.agrement.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.agrement.AgrementFile;
import fr.maillon.agrement.AgrementFileService;
import fr.maillon.agrement.AgrementPart;
import fr.maillon.agrement.CommissionNote;
import fr.maillon.agrement.FilePart;
import fr.maillon.agrement.KeyResults;
import fr.maillon.agrement.PartState;
import fr.maillon.chain.StepText;
import fr.maillon.organisation.StructureKind;
import fr.maillon.web.Downloads;
import fr.maillon.web.PublicUrl;

/**
 * The dossier d'agrément of a projet social through the API: the file as JSON (its parts, their state, what fills
 * them and what is left to do, in sentences with the page they link to, the structure's texts) and the note for the
 * commission as PDF. Whoever may not read the evaluation, or an evaluation without a file, gets 404.
 */
@RestController
@Tag(name = "Dossier d'agrément", description = "The CAF's file for the agrément renewal of a projet social")
class AgrementApiController {

    private final AgrementFileService files;
    private final CommissionNote note;
    private final PublicUrl publicUrl;
    private final MessageSource messages;

    AgrementApiController(AgrementFileService files, CommissionNote note, PublicUrl publicUrl,
            MessageSource messages) {
        this.files = files;
        this.note = note;
        this.publicUrl = publicUrl;
        this.messages = messages;
    }

    /** The file: the structure, the evaluation, whether it is complete, its parts and the key results. */
    record FileJson(long evaluationId, String evaluationTitle, LocalDate periodStart, LocalDate periodEnd,
            long structureId, String structureName, StructureKind structureKind, LocalDate on, boolean complete,
            int partsDone, List<AgrementPart> toComplete, boolean canEdit, List<PartJson> parts, KeyResults results,
            String notePdf) {
    }

    /**
     * A part: its state, the sentences saying what fills it and what is left to do (each with the page it links to),
     * the structure's text, and whether the structure marked it "sans objet".
     */
    record PartJson(AgrementPart part, String label, PartState state, List<Sentence> filledBy, List<Sentence> toDo,
            @Nullable String text, boolean markedNotApplicable) {
    }

    /** A sentence in the caller's language, and the page (a path of this instance) it links to, if any. */
    record Sentence(String text, @Nullable String path) {
    }

    @GetMapping("/api/v1/evaluations/{evaluationId}/agrement")
    @Operation(summary = "The dossier d'agrément of a projet social: each part (diagnostic, participation, projet "
            + "familles, objectives, evaluation of the previous projet) with its state (PRESENT, PARTIAL, MISSING, "
            + "NOT_APPLICABLE), what fills it, what is left to do and the structure's text; the key results; 404 for "
            + "an evaluation one may not read or that has no file")
    FileJson file(@PathVariable long evaluationId) {
        AgrementFile file = files.file(evaluationId);
        Locale locale = LocaleContextHolder.getLocale();
        List<PartJson> parts = file.parts().stream().map(part -> part(part, locale)).toList();
        return new FileJson(file.evaluation().id(), file.evaluation().title(), file.evaluation().periodStart(),
                file.evaluation().periodEnd(), file.structure().id(), file.structure().name(),
                file.structure().kind(), file.on(), file.complete(), file.doneCount(),
                file.toComplete().stream().map(FilePart::part).toList(), file.canEdit(), parts, file.results(),
                "/api/v1/evaluations/" + evaluationId + "/agrement/note.pdf");
    }

    @GetMapping("/api/v1/evaluations/{evaluationId}/agrement/note.pdf")
    @Operation(summary = "The note for the commission d'action sociale (PDF, in French); 404 as for the file")
    ResponseEntity<byte[]> notePdf(@PathVariable long evaluationId) {
        AgrementFile file = files.file(evaluationId);
        return Downloads.attachment(note.pdf(file, publicUrl.base()), MediaType.APPLICATION_PDF,
                CommissionNote.filename(file));
    }

    private PartJson part(FilePart part, Locale locale) {
        return new PartJson(part.part(), messages.getMessage("agrement.part." + part.part(), null, locale),
                part.state(), sentences(part.filledBy(), locale), sentences(part.toDo(), locale), part.note(),
                part.markedNotApplicable());
    }

    private List<Sentence> sentences(List<StepText> texts, Locale locale) {
        return texts.stream().map(text -> new Sentence(messages.getMessage(text.messageKey(), text.argumentArray(),
                locale), text.path())).toList();
    }
}
