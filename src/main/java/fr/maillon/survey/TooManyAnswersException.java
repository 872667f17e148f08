package fr.maillon.survey;

/** A client that has posted its share of answers for the hour. */
public class TooManyAnswersException extends RuntimeException {

    public TooManyAnswersException() {
        super("too many answers from this client");
    }
}
