package fr.maillon.network.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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

import fr.maillon.network.IssuedProgrammeInvitation;
import fr.maillon.network.ProgrammeService;
import fr.maillon.network.ProgressStep;
import fr.maillon.network.web.ProgrammeForms.InvitationForm;
import fr.maillon.network.web.ProgrammeForms.MilestoneForm;
import fr.maillon.network.web.ProgrammeForms.ProgrammeForm;
import fr.maillon.web.FormErrors;
import fr.maillon.web.PublicUrl;
import fr.maillon.web.RuleViolationException;

/** A programme's pages for its members (and its creation by a network's member): cohort, milestones, links, kits. */
@Controller
class ProgrammeController {

    private final ProgrammeService programmes;
    private final PublicUrl publicUrl;

    ProgrammeController(ProgrammeService programmes, PublicUrl publicUrl) {
        this.programmes = programmes;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/networks/{organisationId}/programmes/new")
    String newForm(@PathVariable long organisationId, Model model) {
        model.addAttribute("programmes", programmes.runBy(organisationId));
        model.addAttribute("networkId", organisationId);
        model.addAttribute("form", new ProgrammeForm("", ""));
        return "network/programme-new";
    }

    @PostMapping("/networks/{organisationId}/programmes")
    String create(@PathVariable long organisationId, @ModelAttribute("form") ProgrammeForm form,
            BindingResult result, Model model) {
        if (!result.hasErrors()) {
            try {
                long programmeId = programmes.create(organisationId, form.name(), form.description());
                return "redirect:/programmes/" + programmeId;
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        model.addAttribute("programmes", programmes.runBy(organisationId));
        model.addAttribute("networkId", organisationId);
        return "network/programme-new";
    }

    @GetMapping("/programmes/{programmeId}")
    String show(@PathVariable long programmeId, Model model) {
        return page(programmeId, model, new InvitationForm(""), new MilestoneForm("", null, ""));
    }

    @PostMapping("/programmes/{programmeId}/invitations")
    String invite(@PathVariable long programmeId, @ModelAttribute("invitationForm") InvitationForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        try {
            IssuedProgrammeInvitation issued = programmes.invite(programmeId, form.invitee());
            redirect.addFlashAttribute("invitationLink", publicUrl.link("/programme-invitations/" + issued.token()));
            redirect.addFlashAttribute("invitationFor", issued.invitation().invitee());
            return "redirect:/programmes/" + programmeId + "#invitations";
        }
        catch (RuleViolationException ex) {
            FormErrors.reject(result, ex);
            return page(programmeId, model, form, new MilestoneForm("", null, ""));
        }
    }

    @PostMapping("/programmes/{programmeId}/invitations/{invitationId}/cancel")
    String cancelInvitation(@PathVariable long programmeId, @PathVariable long invitationId,
            RedirectAttributes redirect) {
        programmes.cancelInvitation(programmeId, invitationId);
        redirect.addFlashAttribute("flash", "network.programme.invitation.cancelled");
        return "redirect:/programmes/" + programmeId + "#invitations";
    }

    @PostMapping("/programmes/{programmeId}/structures/{structureId}/remove")
    String removeStructure(@PathVariable long programmeId, @PathVariable long structureId,
            RedirectAttributes redirect) {
        programmes.removeStructure(programmeId, structureId);
        redirect.addFlashAttribute("flash", "network.programme.structure.removed");
        return "redirect:/programmes/" + programmeId + "#cohort";
    }

    @PostMapping("/programmes/{programmeId}/milestones")
    String addMilestone(@PathVariable long programmeId, @ModelAttribute("milestoneForm") MilestoneForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        try {
            programmes.addMilestone(programmeId, form.label(), step(form.step()), day(form.dueOn()));
            redirect.addFlashAttribute("flash", "network.programme.milestone.saved");
            return "redirect:/programmes/" + programmeId + "#milestones";
        }
        catch (RuleViolationException ex) {
            FormErrors.reject(result, ex);
            return page(programmeId, model, new InvitationForm(""), form);
        }
    }

    @PostMapping("/programmes/{programmeId}/milestones/{milestoneId}/delete")
    String deleteMilestone(@PathVariable long programmeId, @PathVariable long milestoneId,
            RedirectAttributes redirect) {
        programmes.deleteMilestone(programmeId, milestoneId);
        redirect.addFlashAttribute("flash", "network.programme.milestone.deleted");
        return "redirect:/programmes/" + programmeId + "#milestones";
    }

    @GetMapping("/programmes/{programmeId}/kits/{step}.pdf")
    ResponseEntity<byte[]> kit(@PathVariable long programmeId, @PathVariable String step) {
        byte[] pdf = programmes.kitPdf(programmeId, step);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("maillon-kit-" + step.toLowerCase(java.util.Locale.ROOT) + ".pdf",
                                StandardCharsets.UTF_8)
                        .build().toString())
                .body(pdf);
    }

    private String page(long programmeId, Model model, InvitationForm invitation, MilestoneForm milestone) {
        model.addAttribute("page", programmes.page(programmeId));
        model.addAttribute("steps", ProgressStep.values());
        if (!model.containsAttribute("invitationForm")) {
            model.addAttribute("invitationForm", invitation);
        }
        if (!model.containsAttribute("milestoneForm")) {
            model.addAttribute("milestoneForm", milestone);
        }
        return "network/programme";
    }

    /** An unknown step leaves none: the service names the field. */
    private static @Nullable ProgressStep step(@Nullable String step) {
        return Arrays.stream(ProgressStep.values()).filter(found -> found.name().equals(step)).findFirst()
                .orElse(null);
    }

    /** A day typed as the date field sends it; anything else leaves none, and the service names the field. */
    private static @Nullable LocalDate day(@Nullable String text) {
        if (text == null || text.isBlank() || text.length() > 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }
}
