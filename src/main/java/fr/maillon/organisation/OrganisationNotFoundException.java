package fr.maillon.organisation;

import fr.maillon.web.NotFoundException;

public class OrganisationNotFoundException extends NotFoundException {

    public OrganisationNotFoundException(Object id) {
        super("organisation.notFound", id);
    }
}
