package fr.maillon.survey;

/** An answer sent to a wave that does not take answers (not yet open, or closed). */
public class SurveyClosedException extends RuntimeException {

    private final transient PublicSurvey survey;

    public SurveyClosedException(PublicSurvey survey) {
        super("survey wave " + survey.wave().id() + " is " + survey.state());
        this.survey = survey;
    }

    public PublicSurvey survey() {
        return survey;
    }
}
