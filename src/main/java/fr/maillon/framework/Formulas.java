package fr.maillon.framework;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.ezylang.evalex.Expression;
import com.ezylang.evalex.parser.ParseException;

/**
 * Formula indicators: expressions over other indicators' codes, read by EvalEx (no hand-written
 * parser, no script engine). A formula is checked when it is saved: it must parse, name only known
 * indicators, and not depend on itself through any chain of formulas.
 */
public final class Formulas {

    private Formulas() {
    }

    /** The indicator codes a formula uses. */
    public static Set<String> variables(String formula) {
        try {
            Expression expression = new Expression(formula);
            expression.validate();
            return new TreeSet<>(expression.getUsedVariables());
        }
        catch (ParseException ex) {
            throw new InvalidFormulaException("framework.formula.syntax",
                    (ex.getStartPosition() + 1) + " « " + ex.getTokenString() + " »");
        }
    }

    /**
     * Checks a formula for the indicator {@code code} against the others' formulas.
     * @param formulas every formula indicator's expression, by code, the checked one excepted
     * @param known every indicator code of the framework
     */
    public static void check(String code, String formula, Map<String, String> formulas, Collection<String> known) {
        Set<String> used = variables(formula);
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new InvalidFormulaException("framework.formula.unknown", String.join(", ", unknown));
        }
        Map<String, Set<String>> dependencies = new HashMap<>();
        formulas.forEach((other, expression) -> {
            if (!other.equals(code)) {
                dependencies.put(other, variables(expression));
            }
        });
        dependencies.put(code, used);
        cycle(dependencies, code).ifPresent(cycle -> {
            throw new InvalidFormulaException("framework.formula.cycle", String.join(" → ", cycle));
        });
    }

    /** A cycle through {@code start}, as the codes met along it ending with {@code start} again. */
    static Optional<List<String>> cycle(Map<String, Set<String>> dependencies, String start) {
        Deque<String> path = new ArrayDeque<>();
        path.add(start);
        return search(dependencies, start, start, path, new HashSet<>());
    }

    private static Optional<List<String>> search(Map<String, Set<String>> dependencies, String start, String current,
            Deque<String> path, Set<String> visited) {
        for (String next : dependencies.getOrDefault(current, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return Optional.of(cycle);
            }
            if (visited.add(next)) {
                path.addLast(next);
                Optional<List<String>> found = search(dependencies, start, next, path, visited);
                if (found.isPresent()) {
                    return found;
                }
                path.removeLast();
            }
        }
        return Optional.empty();
    }
}
