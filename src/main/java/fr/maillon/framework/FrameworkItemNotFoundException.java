package fr.maillon.framework;

import fr.maillon.web.NotFoundException;

/** An objective or an evaluative question that does not exist, or that the caller may not see. */
public class FrameworkItemNotFoundException extends NotFoundException {

    public FrameworkItemNotFoundException(long id) {
        super("framework.item.notFound", id);
    }
}
