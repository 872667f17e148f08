package fr.maillon.framework;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a refused formula was likely meant to be: the corrected formula when every fault found has
 * a fix ({@code null} otherwise), and one hint per fault (a message code and its arguments): {@code x}
 * or {@code ×} for {@code *}, {@code ÷} for {@code /}, a decimal comma, unbalanced parentheses, an
 * unknown code and the closest codes of the evaluation.
 */
public record FormulaFix(@Nullable String formula, List<Hint> hints) {

    public FormulaFix {
        hints = List.copyOf(hints);
    }

    public record Hint(String code, Object... arguments) {
    }
}
