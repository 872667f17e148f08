package fr.maillon.organisation.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.account.AccountService;
import fr.maillon.account.NewAccount;
import fr.maillon.account.OpenedAccount;
import fr.maillon.account.ServerBusyException;
import fr.maillon.organisation.Invitation;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** A one-time invitation link: open an account, or join with the one you are signed in with. */
@Controller
class InvitationController {

    private final OrganisationService organisations;
    private final AccountService accounts;

    InvitationController(OrganisationService organisations, AccountService accounts) {
        this.organisations = organisations;
        this.accounts = accounts;
    }

    @GetMapping("/invitations/{token}")
    String show(@PathVariable String token, Model model) {
        Invitation invitation = organisations.invitation(token);
        model.addAttribute("invitation", invitation);
        model.addAttribute("token", token);
        if (!model.containsAttribute("newAccountForm")) {
            model.addAttribute("newAccountForm", NewAccountForm.empty());
        }
        return "organisation/invitation";
    }

    @PostMapping("/invitations/{token}")
    String accept(@PathVariable String token, @ModelAttribute("newAccountForm") NewAccountForm form,
            BindingResult result, Model model, RedirectAttributes redirect, HttpServletRequest request,
            HttpServletResponse response) {
        if (accounts.findCurrentUser().isPresent()) {
            Invitation invitation = organisations.accept(token);
            redirect.addFlashAttribute("flash", "organisation.invitation.joined");
            return "redirect:" + destination(invitation);
        }
        Invitation invitation = organisations.invitation(token);
        if (form.password() != null && !form.password().equals(form.confirmation())) {
            result.rejectValue("confirmation", "account.password.mismatch");
        }
        if (!result.hasErrors()) {
            try {
                OpenedAccount opened = organisations.acceptWithNewAccount(token, new NewAccount(form.username(),
                        form.displayName(), form.password(), false));
                accounts.signIn(opened, request, response);
                redirect.addFlashAttribute("flash", "organisation.invitation.accountOpened");
                return "redirect:" + destination(invitation);
            }
            catch (ServerBusyException ex) {
                response.setStatus(429);
                FormErrors.reject(result, ex);
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return show(token, model);
    }

    /** Where the invitation leads: the page of the organisation joined. */
    private static String destination(Invitation invitation) {
        return (invitation.role().organisationType() == OrganisationType.STRUCTURE ? "/structures/"
                : "/organisations/") + invitation.organisationId();
    }
}
