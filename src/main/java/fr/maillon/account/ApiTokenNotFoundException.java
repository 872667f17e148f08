package fr.maillon.account;

import fr.maillon.web.NotFoundException;

public class ApiTokenNotFoundException extends NotFoundException {

    public ApiTokenNotFoundException(long id) {
        super("account.token.notFound", id);
    }
}
