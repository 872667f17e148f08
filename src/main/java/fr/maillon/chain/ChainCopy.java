package fr.maillon.chain;

import java.util.Map;

/**
 * A next cycle just started: the previous evaluation, the new one, and for each stakeholder and
 * chain element of the previous evaluation the id of its copy in the new one, for the modules that
 * copy what hangs on them (the cadre's objectives and indicators) in the same transaction.
 */
public record ChainCopy(Evaluation previous, Evaluation next, Map<Long, Long> stakeholderIds,
        Map<Long, Long> elementIds) {

    public ChainCopy {
        stakeholderIds = Map.copyOf(stakeholderIds);
        elementIds = Map.copyOf(elementIds);
    }
}
