package fr.maillon.framework;

import java.util.List;
import java.util.Objects;

/** The evaluative questions an indicator answers, and the chain elements it is attached to (empty ids ignored). */
public record IndicatorLinks(long indicatorId, List<Long> questionIds, List<Long> elementIds) {

    public IndicatorLinks {
        questionIds = questionIds == null ? List.of() : questionIds.stream().filter(Objects::nonNull).toList();
        elementIds = elementIds == null ? List.of() : elementIds.stream().filter(Objects::nonNull).toList();
    }
}
