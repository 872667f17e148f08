package fr.maillon.survey;

/** The kinds of questions; an agreement question has five levels, from 1 (pas du tout d'accord) to 5. */
public enum QuestionKind {
    SINGLE, MULTIPLE, AGREEMENT, NUMBER, YES_NO, SHORT_TEXT, LONG_TEXT;

    public boolean hasChoices() {
        return this == SINGLE || this == MULTIPLE;
    }

    /** Whether answers can be counted by value (choices, levels, yes/no): those can break results down. */
    public boolean categorical() {
        return this == SINGLE || this == MULTIPLE || this == AGREEMENT || this == YES_NO;
    }
}
