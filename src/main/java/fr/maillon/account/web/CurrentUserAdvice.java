package fr.maillon.account.web;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import fr.maillon.account.AccountService;
import fr.maillon.account.CurrentUser;

/** Gives every page the signed-in person, for the header. */
@ControllerAdvice(annotations = Controller.class)
class CurrentUserAdvice {

    private final AccountService accounts;

    CurrentUserAdvice(AccountService accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute("currentUser")
    @Nullable CurrentUser currentUser() {
        return accounts.findCurrentUser().orElse(null);
    }
}
