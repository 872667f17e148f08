package fr.maillon.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import fr.maillon.account.AccountService;
import fr.maillon.account.internal.LastUsername;
import fr.maillon.account.internal.SignInRefusedException;

@Controller
class LoginController {

    private final AccountService accounts;
    private final ApplicationAvailability availability;

    LoginController(AccountService accounts, ApplicationAvailability availability) {
        this.accounts = accounts;
        this.availability = availability;
    }

    /** The form, with the name typed at the last failed attempt (its cookie then cleared); no session written. */
    @GetMapping("/login")
    String loginForm(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (accounts.findCurrentUser().isPresent()) {
            return "redirect:/";
        }
        return form(LastUsername.takeBack(request, response), model);
    }

    private String form(String username, Model model) {
        model.addAttribute("username", username.length() > 100 ? "" : username);
        model.addAttribute("starting", availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
        return "account/login";
    }

    /**
     * The form again when a sign-in was refused before any check (too many failures, or too many
     * sign-ins at once): the sign-in filter forwards here, with status 429 already set.
     */
    @RequestMapping(SignInRefusedException.PAGE)
    String refused(HttpServletRequest request, Model model) {
        if (!(request.getAttribute(SignInRefusedException.REQUEST_ATTRIBUTE) instanceof SignInRefusedException refused)) {
            return "redirect:/login";
        }
        model.addAttribute("refusal", refused.reason() == SignInRefusedException.Reason.THROTTLED
                ? "account.login.throttled" : "account.login.busy");
        model.addAttribute("retryAfter", refused.retryAfterSeconds());
        String typed = request.getParameter("username");
        return form(typed == null ? "" : typed, model);
    }
}
