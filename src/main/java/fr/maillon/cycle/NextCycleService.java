package fr.maillon.cycle;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.ChainCopy;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.NextCycleDraft;
import fr.maillon.framework.FrameworkCycleService;

/** Starts the next cycle of an evaluation: the chain copies its part, then the cadre, in one transaction. */
@Service
public class NextCycleService {

    private final EvaluationService evaluations;
    private final FrameworkCycleService cadres;

    NextCycleService(EvaluationService evaluations, FrameworkCycleService cadres) {
        this.evaluations = evaluations;
        this.cadres = cadres;
    }

    /** What the form proposes: the next period of the same length, and the title with the new years. */
    public NextCycleDraft proposal(long evaluationId) {
        return evaluations.nextCycleProposal(evaluationId);
    }

    /**
     * The id of the new evaluation. Structure editors only; a title of 1 to 200 characters and a period starting
     * after the previous one ends; an evaluation has one next cycle at most. On any refusal nothing is written.
     */
    @Transactional
    public long start(long evaluationId, NextCycleDraft draft) {
        ChainCopy copy = evaluations.startNextCycle(evaluationId, draft);
        cadres.copyInto(copy);
        return copy.next().id();
    }
}
