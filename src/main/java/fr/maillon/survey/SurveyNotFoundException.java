package fr.maillon.survey;

import fr.maillon.web.NotFoundException;

public class SurveyNotFoundException extends NotFoundException {

    public SurveyNotFoundException(long id) {
        super("survey.notFound", id);
    }
}
