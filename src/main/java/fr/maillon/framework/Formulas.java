package fr.maillon.framework;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.parser.ASTNode;
import com.ezylang.evalex.parser.ParseException;
import com.ezylang.evalex.parser.Token;

import fr.maillon.framework.FormulaBounds.BoundedExpression;
import fr.maillon.framework.FormulaBounds.LimitException;

/**
 * Formula indicators: expressions over other indicators' codes, read by EvalEx (no hand-written
 * parser, no script engine). A formula is checked when it is saved: it must parse, use only the
 * numeric functions, name only known indicators, not depend on itself through any chain of
 * formulas, and stay within the bounds of {@link FormulaBounds} wherever its operands are written
 * in it ({@code FACT(5000000)}, {@code x ^ 1000000}, {@code 10 ^ 100 * x} are refused).
 */
public final class Formulas {

    private Formulas() {
    }

    /** Time enough to compute a formula's constant parts on save, many times over. */
    private static final Duration CHECK_BUDGET = Duration.ofSeconds(2);

    /** The indicator codes a formula uses. */
    public static Set<String> variables(String formula) {
        try {
            Expression expression = new Expression(formula, FormulaBounds.CONFIGURATION);
            expression.validate();
            return new TreeSet<>(expression.getUsedVariables());
        }
        catch (ParseException ex) {
            throw unreadable(ex);
        }
    }

    private static InvalidFormulaException unreadable(ParseException ex) {
        if (ex.getMessage() != null && ex.getMessage().startsWith("Undefined function")) {
            return new InvalidFormulaException("framework.formula.function", ex.getTokenString());
        }
        return new InvalidFormulaException("framework.formula.syntax",
                (ex.getStartPosition() + 1) + " « " + ex.getTokenString() + " »");
    }

    /**
     * Checks that a formula stays within bounds wherever that can be known without its inputs'
     * values: each part of it that holds no indicator code is computed, and the operands written
     * in it are held to their function's or operator's limits (the exponent of {@code x ^ 1000000}).
     */
    static void checkBounds(String formula) {
        BoundedExpression expression = new BoundedExpression(formula, FormulaBounds.deadline(CHECK_BUDGET));
        try {
            Set<String> variables = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            variables.addAll(expression.getUsedVariables());
            ASTNode root = expression.getAbstractSyntaxTree();
            if (constant(expression, root, variables)) {
                BigDecimal result = number(expression, root);
                if (result != null && result.abs().compareTo(FormulaBounds.RESULT) > 0) {
                    throw new InvalidFormulaException("framework.formula.limit.result", "");
                }
            }
        }
        catch (ParseException ex) {
            throw unreadable(ex);
        }
        catch (LimitException ex) {
            throw new InvalidFormulaException(ex.code(), ex.detail());
        }
    }

    /** Whether the node holds no indicator code; checks its constant operands on the way. */
    private static boolean constant(BoundedExpression expression, ASTNode node, Set<String> variables)
            throws LimitException {
        Token token = node.getToken();
        List<ASTNode> operands = node.getParameters();
        boolean[] constants = new boolean[operands.size()];
        boolean all = true;
        for (int i = 0; i < operands.size(); i++) {
            constants[i] = constant(expression, operands.get(i), variables);
            all &= constants[i];
        }
        switch (token.getType()) {
            case NUMBER_LITERAL -> {
                FormulaBounds.within(token, EvaluationValue.numberOfString(token.getValue(), FormulaBounds.PRECISION)
                        .getNumberValue());
                return true;
            }
            case STRING_LITERAL -> {
                return true;
            }
            case VARIABLE_OR_CONSTANT -> {
                return !variables.contains(token.getValue());
            }
            case FUNCTION, PREFIX_OPERATOR, POSTFIX_OPERATOR, INFIX_OPERATOR -> {
                String name = token.getType() == Token.TokenType.FUNCTION ? token.getValue().toUpperCase(Locale.ROOT)
                        : token.getValue();
                for (int i = 0; i < operands.size(); i++) {
                    if (constants[i]) {
                        BigDecimal operand = number(expression, operands.get(i));
                        if (operand != null) {
                            FormulaBounds.checkOperand(token, name, i, FormulaBounds.within(token, operand));
                        }
                    }
                }
                return all;
            }
            default -> {
                return false;
            }
        }
    }

    /** The value of a constant part, if it is a number and can be computed (1/0 cannot). */
    private static @Nullable BigDecimal number(BoundedExpression expression, ASTNode node) throws LimitException {
        try {
            EvaluationValue value = expression.evaluateSubtree(node);
            return value.isNumberValue() ? value.getNumberValue() : null;
        }
        catch (LimitException ex) {
            throw ex;
        }
        catch (EvaluationException | RuntimeException ex) {
            // not a matter of bounds: computed, and given no value, when the formula is
            return null;
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
        checkBounds(formula);
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
