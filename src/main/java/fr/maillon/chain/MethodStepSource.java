package fr.maillon.chain;

import java.util.List;

/**
 * What a module knows of an evaluation's steps through the method, read in one query of its own tables: the modules
 * above chain (the cadre, surveys, testimonies, the restitution) implement it as Spring beans, and
 * {@link MethodPathService} puts their reports together. Called for an evaluation the caller may read.
 */
public interface MethodStepSource {

    /** The order of this source's report among those on the same step (its primary action comes first). */
    int rank();

    List<StepProgress> progress(Evaluation evaluation);
}
