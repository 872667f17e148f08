package fr.maillon.framework;

/**
 * Why a result has no value, rather than a wrong one: no data for the period, an input of the
 * formula without a value ({@code detail} names it), a division by zero, a formula in error, a
 * formula out of the bounds of computation ({@code detail} names the function, operator or
 * indicator at fault), or a computation stopped for lack of time.
 */
public record NoValue(Reason reason, String detail) {

    public enum Reason {
        NO_DATA, MISSING_INPUT, DIVISION_BY_ZERO, FORMULA_ERROR, OUT_OF_BOUNDS, TIME_BUDGET
    }
}
