package fr.maillon.survey;

/**
 * How a question's answers feed an indicator, per wave: the share (in %) of respondents who agree
 * or strongly agree, who chose a choice or said yes; the count of those; the mean or sum of a
 * number; or the number of respondents.
 */
public enum Statistic {
    AGREE_SHARE, CHOICE_SHARE, CHOICE_COUNT, YES_SHARE, YES_COUNT, MEAN, SUM, RESPONSES;

    public boolean needsChoice() {
        return this == CHOICE_SHARE || this == CHOICE_COUNT;
    }

    public boolean fits(QuestionKind kind) {
        return switch (this) {
            case AGREE_SHARE -> kind == QuestionKind.AGREEMENT;
            case CHOICE_SHARE, CHOICE_COUNT -> kind.hasChoices();
            case YES_SHARE, YES_COUNT -> kind == QuestionKind.YES_NO;
            case MEAN -> kind == QuestionKind.NUMBER || kind == QuestionKind.AGREEMENT;
            case SUM -> kind == QuestionKind.NUMBER;
            case RESPONSES -> true;
        };
    }
}
