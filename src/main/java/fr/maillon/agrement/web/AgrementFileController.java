package fr.maillon.agrement.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.agrement.AgrementFile;
import fr.maillon.agrement.AgrementFileService;
import fr.maillon.agrement.AgrementPart;
import fr.maillon.agrement.CommissionNote;
import fr.maillon.agrement.FilePart;
import fr.maillon.web.Downloads;
import fr.maillon.web.FormErrors;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.PublicUrl;
import fr.maillon.web.RuleViolationException;

/**
 * The dossier d'agrément of a projet social: the file's page, the form of a part's text, the note for the
 * commission (PDF), and a network's calendar of its structures' files.
 */
@Controller
class AgrementFileController {

    private final AgrementFileService files;
    private final CommissionNote note;
    private final PublicUrl publicUrl;

    AgrementFileController(AgrementFileService files, CommissionNote note, PublicUrl publicUrl) {
        this.files = files;
        this.note = note;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/evaluations/{evaluationId}/agrement")
    String show(@PathVariable long evaluationId, Model model) {
        model.addAttribute("file", files.file(evaluationId));
        return "agrement/file";
    }

    @GetMapping("/evaluations/{evaluationId}/agrement/{part}/edit")
    String editForm(@PathVariable long evaluationId, @PathVariable String part, Model model) {
        AgrementPart which = part(part);
        FilePart shown = files.editable(evaluationId).part(which);
        model.addAttribute("noteForm", new NoteForm(shown.note(), shown.markedNotApplicable()));
        return formPage(evaluationId, which, model);
    }

    @PostMapping("/evaluations/{evaluationId}/agrement/{part}/edit")
    String update(@PathVariable long evaluationId, @PathVariable String part,
            @ModelAttribute("noteForm") NoteForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        AgrementPart which = part(part);
        if (!result.hasErrors()) {
            try {
                files.saveNote(evaluationId, which, form.text(), form.markedNotApplicable());
                redirect.addFlashAttribute("flash", "agrement.note.saved");
                return "redirect:/evaluations/" + evaluationId + "/agrement#part-" + which.path();
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return formPage(evaluationId, which, model);
    }

    @GetMapping("/evaluations/{evaluationId}/agrement/note.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long evaluationId) {
        AgrementFile file = files.file(evaluationId);
        return Downloads.attachment(note.pdf(file, publicUrl.base()), MediaType.APPLICATION_PDF,
                CommissionNote.filename(file));
    }

    @GetMapping("/networks/{organisationId}/agrement")
    String network(@PathVariable long organisationId, Model model) {
        model.addAttribute("files", files.networkFiles(organisationId));
        return "agrement/network";
    }

    private String formPage(long evaluationId, AgrementPart part, Model model) {
        model.addAttribute("file", files.editable(evaluationId));
        model.addAttribute("part", part);
        return "agrement/part-form";
    }

    private static AgrementPart part(String name) {
        return AgrementPart.fromPath(name).orElseThrow(() -> new NotFoundException("agrement.part.notFound", name));
    }
}
