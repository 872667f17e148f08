package fr.maillon.chain;

import fr.maillon.web.NotFoundException;

public class EvaluationNotFoundException extends NotFoundException {

    public EvaluationNotFoundException(long id) {
        super("chain.evaluation.notFound", id);
    }
}
