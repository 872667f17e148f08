package fr.maillon.framework;

import fr.maillon.web.NotFoundException;

public class IndicatorNotFoundException extends NotFoundException {

    public IndicatorNotFoundException(long id) {
        super("framework.indicator.notFound", id);
    }
}
