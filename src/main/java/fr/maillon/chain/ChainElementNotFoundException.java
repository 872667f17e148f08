package fr.maillon.chain;

import fr.maillon.web.NotFoundException;

public class ChainElementNotFoundException extends NotFoundException {

    public ChainElementNotFoundException(long id) {
        super("chain.element.notFound", id);
    }
}
