package fr.maillon.organisation.web;

import java.util.Arrays;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.organisation.IssuedInvitation;
import fr.maillon.organisation.Organisation;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;
import fr.maillon.web.FormErrors;
import fr.maillon.web.PublicUrl;
import fr.maillon.web.RuleViolationException;

/** An organisation's members and invitations: its admins and the platform admin. */
@Controller
class MemberController {

    private final OrganisationService organisations;
    private final PublicUrl publicUrl;

    MemberController(OrganisationService organisations, PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
        this.organisations = organisations;
    }

    @GetMapping("/organisations/{organisationId}/members")
    String list(@PathVariable long organisationId, Model model) {
        if (!model.containsAttribute("invitationForm")) {
            model.addAttribute("invitationForm", InvitationForm.empty());
        }
        Organisation organisation = organisations.organisation(organisationId);
        model.addAttribute("organisation", organisation);
        model.addAttribute("members", organisations.members(organisationId));
        model.addAttribute("invitations", organisations.pendingInvitations(organisationId));
        model.addAttribute("roles", Arrays.stream(Role.values())
                .filter(role -> role.organisationType() == organisation.type()).toList());
        return "organisation/members";
    }

    @PostMapping("/organisations/{organisationId}/invitations")
    String invite(@PathVariable long organisationId, @ModelAttribute("invitationForm") InvitationForm form,
            BindingResult result, Model model) {
        if (!result.hasErrors()) {
            try {
                IssuedInvitation issued = organisations.invite(organisationId, form.role(), form.invitee());
                model.addAttribute("issuedInvitation", issued.invitation());
                model.addAttribute("invitationLink", publicUrl.link("/invitations/" + issued.token()));
                model.addAttribute("invitationForm", InvitationForm.empty());
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return list(organisationId, model);
    }

    @PostMapping("/organisations/{organisationId}/invitations/{invitationId}/cancel")
    String cancelInvitation(@PathVariable long organisationId, @PathVariable long invitationId,
            RedirectAttributes redirect) {
        organisations.cancelInvitation(organisationId, invitationId);
        redirect.addFlashAttribute("flash", "organisation.invitation.cancelled");
        return "redirect:/organisations/" + organisationId + "/members";
    }

    @PostMapping("/organisations/{organisationId}/members/{userId}/remove")
    String removeMember(@PathVariable long organisationId, @PathVariable long userId, RedirectAttributes redirect) {
        try {
            organisations.removeMember(organisationId, userId);
            redirect.addFlashAttribute("flash", "organisation.member.removed");
        }
        catch (RuleViolationException ex) {
            redirect.addFlashAttribute("flash", ex.violations().get(0).code());
        }
        return "redirect:/organisations/" + organisationId + "/members";
    }
}
