package fr.maillon.account.web;

import jakarta.servlet.http.HttpSession;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fr.maillon.account.AccountService;
import fr.maillon.account.internal.LoginAttempts;

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
        Object lastUsername = session.getAttribute(LoginAttempts.LAST_USERNAME);
        session.removeAttribute(LoginAttempts.LAST_USERNAME);
        model.addAttribute("username", lastUsername == null ? "" : lastUsername);
        model.addAttribute("starting", availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
        return "account/login";
    }
}
