package fr.maillon.account.web;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fr.maillon.account.AccountService;
import fr.maillon.account.internal.LoginAttempts;

@Controller
class LoginController {

    private final AccountService accounts;

    LoginController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/login")
    String loginForm(HttpSession session, Model model) {
        if (accounts.findCurrentUser().isPresent()) {
            return "redirect:/";
        }
        Object lastUsername = session.getAttribute(LoginAttempts.LAST_USERNAME);
        session.removeAttribute(LoginAttempts.LAST_USERNAME);
        model.addAttribute("username", lastUsername == null ? "" : lastUsername);
        return "account/login";
    }
}
