package fr.maillon.framework;

import java.util.List;

/** The evaluative questions an indicator answers, and the chain elements it is attached to. */
public record IndicatorLinks(long indicatorId, List<Long> questionIds, List<Long> elementIds) {

    public IndicatorLinks {
        questionIds = questionIds == null ? List.of() : List.copyOf(questionIds);
        elementIds = elementIds == null ? List.of() : List.copyOf(elementIds);
    }
}
