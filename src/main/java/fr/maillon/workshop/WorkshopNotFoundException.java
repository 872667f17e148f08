package fr.maillon.workshop;

import fr.maillon.web.NotFoundException;

/** No such workshop, or not the caller's to see; a join code or projector link that leads nowhere. */
public class WorkshopNotFoundException extends NotFoundException {

    public WorkshopNotFoundException(Object id) {
        super("workshop.notFound", id);
    }
}
