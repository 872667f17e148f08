package fr.maillon.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import fr.maillon.account.AccountService;
import fr.maillon.account.internal.SignInRefusedException;
import fr.maillon.account.internal.SignInThrottle;

@Controller
class LoginController {

    private final AccountService accounts;
    private final ApplicationAvailability availability;

    LoginController(AccountService accounts, ApplicationAvailability availability) {
        this.accounts = accounts;
        this.availability = availability;
    }

    @GetMapping("/login")
    String loginForm(HttpSession session, Model model) {
        if (accounts.findCurrentUser().isPresent()) {
            return "redirect:/";
        }
        Object lastUsername = session.getAttribute(SignInThrottle.LAST_USERNAME);
        session.removeAttribute(SignInThrottle.LAST_USERNAME);
        model.addAttribute("username", lastUsername == null ? "" : lastUsername);
        model.addAttribute("starting", availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
        return "account/login";
    }

    /**
     * The form again when a sign-in was refused before any check (too many failures, or too many
     * sign-ins at once): the sign-in filter forwards here, with status 429 already set.
     */
    @RequestMapping(SignInRefusedException.PAGE)
    String refused(HttpServletRequest request, HttpSession session, Model model) {
        if (!(request.getAttribute(SignInRefusedException.REQUEST_ATTRIBUTE) instanceof SignInRefusedException refused)) {
            return "redirect:/login";
        }
        model.addAttribute("refusal", refused.reason() == SignInRefusedException.Reason.THROTTLED
                ? "account.login.throttled" : "account.login.busy");
        model.addAttribute("retryAfter", refused.retryAfterSeconds());
        return loginForm(session, model);
    }
}
