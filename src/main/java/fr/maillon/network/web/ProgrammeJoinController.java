package fr.maillon.network.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.network.ProgrammeInvitationUnusableException;
import fr.maillon.network.ProgrammeService;
import fr.maillon.network.web.ProgrammeForms.JoinForm;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** A structure's side of programmes: the invitation link it opens and joins through, its programmes, leaving. */
@Controller
class ProgrammeJoinController {

    private final ProgrammeService programmes;

    ProgrammeJoinController(ProgrammeService programmes) {
        this.programmes = programmes;
    }

    @GetMapping("/programme-invitations/{token}")
    String offer(@PathVariable String token, Model model) {
        model.addAttribute("offer", programmes.offer(token));
        model.addAttribute("token", token);
        model.addAttribute("form", new JoinForm("", ProgrammeService.SHARE_ALL));
        return "network/programme-join";
    }

    @PostMapping("/programme-invitations/{token}")
    String join(@PathVariable String token, @ModelAttribute("form") JoinForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        Long structureId = form.structureId() != null && form.structureId().strip().matches("[0-9]{1,18}")
                ? Long.valueOf(form.structureId().strip()) : null;
        if (structureId == null) {
            result.rejectValue("structureId", "network.programme.join.structure.required");
        }
        else {
            try {
                programmes.join(token, structureId, form.share());
                redirect.addFlashAttribute("flash", "network.programme.joined");
                return "redirect:/structures/" + structureId + "/programmes";
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex, Map.of("evaluationId", "share", "recipientId", "share"));
            }
        }
        model.addAttribute("offer", programmes.offer(token));
        model.addAttribute("token", token);
        return "network/programme-join";
    }

    /** A link withdrawn, expired, used or unknown: a page that says which and what to do, nothing changed. */
    @ExceptionHandler(ProgrammeInvitationUnusableException.class)
    ModelAndView unusable(ProgrammeInvitationUnusableException ex) {
        ModelAndView page = new ModelAndView("network/programme-invitation-unusable");
        page.addObject("reason", ex.messageKey());
        page.setStatus(ex.withdrawn() ? HttpStatus.GONE : HttpStatus.NOT_FOUND);
        return page;
    }

    @GetMapping("/structures/{structureId}/programmes")
    String joined(@PathVariable long structureId, Model model) {
        model.addAttribute("structureId", structureId);
        model.addAttribute("programmes", programmes.joined(structureId));
        model.addAttribute("removals", programmes.removals(structureId));
        return "network/structure-programmes";
    }

    @PostMapping("/structures/{structureId}/programmes/{programmeId}/leave")
    String leave(@PathVariable long structureId, @PathVariable long programmeId, RedirectAttributes redirect) {
        programmes.leave(programmeId, structureId);
        redirect.addFlashAttribute("flash", "network.programme.left");
        return "redirect:/structures/" + structureId + "/programmes";
    }
}
