package fr.maillon.survey;

/** A survey as its public link shows it: the questionnaire, the wave, and whether it takes answers now. */
public record PublicSurvey(Survey survey, Wave wave, State state) {

    public enum State {
        OPEN, NOT_YET, CLOSED
    }

    public boolean open() {
        return state == State.OPEN;
    }
}
