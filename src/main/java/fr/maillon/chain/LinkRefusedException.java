package fr.maillon.chain;

import java.util.List;

import fr.maillon.web.RuleViolationException;

/** A link the method does not draw: the violations say why and what to do, the advice carries the offers. */
public class LinkRefusedException extends RuleViolationException {

    private final transient LinkAdvice advice;

    public LinkRefusedException(List<Violation> violations, LinkAdvice advice) {
        super(violations);
        this.advice = advice;
    }

    public LinkAdvice advice() {
        return advice;
    }
}
