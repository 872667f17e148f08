package fr.maillon.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.account.AccountService;
import fr.maillon.account.IssuedApiToken;
import fr.maillon.account.ServerBusyException;
import fr.maillon.account.internal.SignedInSessions;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** "Mon compte": password change and personal API tokens. */
@Controller
class AccountController {

    private final AccountService accounts;
    private final SignedInSessions sessions;

    AccountController(AccountService accounts, SignedInSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GetMapping("/account")
    String show(Model model) {
        if (!model.containsAttribute("passwordForm")) {
            model.addAttribute("passwordForm", PasswordForm.empty());
        }
        if (!model.containsAttribute("tokenForm")) {
            model.addAttribute("tokenForm", TokenForm.empty());
        }
        model.addAttribute("tokens", accounts.tokens());
        return "account/account";
    }

    @PostMapping("/account/password")
    String changePassword(@Valid @ModelAttribute("passwordForm") PasswordForm form, BindingResult result,
            Model model, RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
        if (!result.hasFieldErrors("newPassword") && !result.hasFieldErrors("confirmation")
                && !form.newPassword().equals(form.confirmation())) {
            result.rejectValue("confirmation", "account.password.mismatch");
        }
        if (!result.hasErrors()) {
            try {
                accounts.changePassword(form.currentPassword(), form.newPassword(), form.revokesTokens());
                sessions.keepCurrent(request, response);
                redirect.addFlashAttribute("flash", form.revokesTokens() ? "account.password.changedAndTokensRevoked"
                        : "account.password.changed");
                return "redirect:/account";
            }
            catch (ServerBusyException ex) {
                response.setStatus(429);
                FormErrors.reject(result, ex);
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return show(model);
    }

    @PostMapping("/account/tokens")
    String createToken(@Valid @ModelAttribute("tokenForm") TokenForm form, BindingResult result, Model model) {
        if (!result.hasErrors()) {
            try {
                IssuedApiToken issued = accounts.issueToken(accounts.currentUser(), form.label(),
                        form.expiresInDays());
                model.addAttribute("issuedToken", issued);
                model.addAttribute("tokenForm", TokenForm.empty());
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        return show(model);
    }

    @PostMapping("/account/tokens/{tokenId}/revoke")
    String revokeToken(@PathVariable long tokenId, RedirectAttributes redirect) {
        accounts.revokeToken(tokenId);
        redirect.addFlashAttribute("flash", "account.token.revoked");
        return "redirect:/account";
    }
}
