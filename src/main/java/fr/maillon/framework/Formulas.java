package fr.maillon.framework;

import java.math.BigDecimal;
import java.text.Normalizer;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.parser.ASTNode;
import com.ezylang.evalex.parser.ParseException;
import com.ezylang.evalex.parser.Token;

import fr.maillon.framework.FormulaBounds.BoundedExpression;
import fr.maillon.framework.FormulaBounds.LimitException;
import fr.maillon.web.Texts;

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

    /** Codes this far from an unknown one (edits, once both are folded), or closer, are offered in its place. */
    private static final int CLOSE_CODE = 3;
    /** At most this many closest codes are named. */
    private static final int CLOSEST = 3;

    /**
     * The fixes of the usual slips in a refused formula: {@code x}, {@code X}, {@code ×} or {@code ·} for
     * {@code *}; {@code ÷} for {@code /}; a decimal comma outside a function's arguments; parentheses left
     * open or closed once too often; a code of none of the evaluation's indicators (the closest ones are
     * named, and the closest put in its place when it is the only one that close).
     * @param known every indicator code of the evaluation
     */
    public static FormulaFix fix(String formula, Collection<String> known) {
        List<FormulaFix.Hint> hints = new ArrayList<>();
        String text = Normalizer.normalize(formula, Normalizer.Form.NFC);
        StringBuilder fixed = new StringBuilder(text.length() + 4);
        Deque<Boolean> parentheses = new ArrayDeque<>();
        boolean operandBefore = false;
        boolean identifierBefore = false;
        boolean times = false;
        boolean extraClose = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                String word = text.substring(i, end);
                if ((word.equals("x") || word.equals("X")) && operandBefore && operandAfter(text, end)) {
                    fixed.append('*');
                    times = times || hints.add(new FormulaFix.Hint("framework.formula.fix.times", word));
                    operandBefore = false;
                    identifierBefore = false;
                }
                else {
                    fixed.append(word);
                    operandBefore = true;
                    identifierBefore = true;
                }
                i = end;
                continue;
            }
            if (Character.isDigit(c)) {
                int end = i;
                while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                boolean inFunction = !parentheses.isEmpty() && parentheses.peek();
                if (!inFunction && end + 1 < text.length() && text.charAt(end) == ','
                        && Character.isDigit(text.charAt(end + 1))) {
                    int decimals = end + 1;
                    while (decimals < text.length() && Character.isDigit(text.charAt(decimals))) {
                        decimals++;
                    }
                    String number = text.substring(i, decimals);
                    String point = number.replace(',', '.');
                    hints.add(new FormulaFix.Hint("framework.formula.fix.decimal", number, point));
                    fixed.append(point);
                    end = decimals;
                }
                else {
                    fixed.append(text, i, end);
                }
                operandBefore = true;
                identifierBefore = false;
                i = end;
                continue;
            }
            switch (c) {
                case '×', '·', '∙', '✕' -> {
                    fixed.append('*');
                    times = times || hints.add(new FormulaFix.Hint("framework.formula.fix.times", String.valueOf(c)));
                }
                case '÷', '∶' -> {
                    fixed.append('/');
                    hints.add(new FormulaFix.Hint("framework.formula.fix.divide", String.valueOf(c)));
                }
                case '−', '–' -> fixed.append('-');
                case '(' -> {
                    parentheses.push(identifierBefore);
                    fixed.append(c);
                }
                case ')' -> {
                    if (parentheses.isEmpty()) {
                        extraClose = true;
                    }
                    else {
                        parentheses.pop();
                        fixed.append(c);
                    }
                }
                default -> fixed.append(c);
            }
            if (!Character.isWhitespace(c)) {
                operandBefore = c == ')';
                identifierBefore = false;
            }
            i++;
        }
        if (extraClose) {
            hints.add(new FormulaFix.Hint("framework.formula.fix.extraClose"));
        }
        if (!parentheses.isEmpty()) {
            hints.add(new FormulaFix.Hint("framework.formula.fix.close", parentheses.size()));
            fixed.append(")".repeat(parentheses.size()));
        }
        String corrected = fixed.toString();
        boolean complete = true;
        Set<String> used;
        try {
            used = variables(corrected);
        }
        catch (InvalidFormulaException ex) {
            return new FormulaFix(null, hints);
        }
        for (String code : used) {
            if (known.contains(code)) {
                continue;
            }
            List<String> closest = closest(code, known);
            if (closest.isEmpty()) {
                complete = false;
                hints.add(new FormulaFix.Hint("framework.formula.fix.noCode", code));
            }
            else {
                hints.add(new FormulaFix.Hint("framework.formula.fix.code", code, String.join(", ", closest),
                        closest.size()));
                if (closest.size() == 1 || distance(code, closest.get(0)) < distance(code, closest.get(1))) {
                    corrected = corrected.replaceAll("(?<![\\p{L}\\p{N}_])" + Pattern.quote(code) + "(?![\\p{L}\\p{N}_])",
                            Matcher.quoteReplacement(closest.get(0)));
                }
                else {
                    complete = false;
                }
            }
        }
        return new FormulaFix(complete && !corrected.equals(formula.strip()) ? corrected : null, hints);
    }

    private static boolean operandAfter(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == from && i < text.length() && text.charAt(i) != '(') {
            return false;
        }
        return i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                || text.charAt(i) == '(');
    }

    /** The known codes closest to {@code code}, closest first, within {@link #CLOSE_CODE} edits once folded. */
    static List<String> closest(String code, Collection<String> known) {
        return known.stream().filter(candidate -> distance(code, candidate) <= Math.min(CLOSE_CODE,
                Math.max(1, code.length() / 3))).sorted((a, b) -> {
                    int order = Integer.compare(distance(code, a), distance(code, b));
                    return order != 0 ? order : a.compareTo(b);
                }).limit(CLOSEST).toList();
    }

    /** The Levenshtein distance between two codes, accents and case aside. */
    static int distance(String a, String b) {
        String left = Texts.fold(a);
        String right = Texts.fold(b);
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int j = 0; j <= right.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= right.length(); j++) {
                int substitution = previous[j - 1] + (left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
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
