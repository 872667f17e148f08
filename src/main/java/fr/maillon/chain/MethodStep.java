package fr.maillon.chain;

/**
 * The six steps of the method, in the order a structure goes through them (METHOD.md, "The steps"). Collecting is
 * done by any of its means (indicator values, survey answers, testimonies): one of them is enough for the step to
 * count as done; every other step is done when all that the modules report on it is done.
 */
public enum MethodStep {
    FRAMING(false), CHAIN(false), FRAMEWORK(false), COLLECTION(true), ANALYSIS(false), RESTITUTION(false);

    private final boolean doneByAnyMeans;

    MethodStep(boolean doneByAnyMeans) {
        this.doneByAnyMeans = doneByAnyMeans;
    }

    public boolean doneByAnyMeans() {
        return doneByAnyMeans;
    }
}
