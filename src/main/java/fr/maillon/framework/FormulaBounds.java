package fr.maillon.framework;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.config.FunctionDictionaryIfc;
import com.ezylang.evalex.config.MapBasedFunctionDictionary;
import com.ezylang.evalex.config.MapBasedOperatorDictionary;
import com.ezylang.evalex.config.OperatorDictionaryIfc;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.functions.FunctionIfc;
import com.ezylang.evalex.functions.FunctionParameterDefinition;
import com.ezylang.evalex.operators.OperatorIfc;
import com.ezylang.evalex.parser.Token;

/**
 * The bounds within which a formula is computed, so that one formula can never hold a thread: a
 * precision of 16 digits; every number met (a literal, an operand, an intermediate result) within
 * 10^100 in absolute value, smaller ones counted as zero; operand limits for the functions and
 * operators whose cost grows with an operand ({@code FACT}, {@code ^}, {@code ROUND}); the numeric
 * functions only (EvalEx's string and date functions, whose cost grows with their text, and
 * {@code RANDOM} are left out); and a deadline, with the thread's interruption, checked before
 * every operation. All of it through EvalEx's own configuration: its functions and operators are
 * wrapped, not rewritten.
 */
final class FormulaBounds {

    static final MathContext PRECISION = MathContext.DECIMAL64;
    /** Numbers met while computing stay within this, in absolute value. */
    static final BigDecimal LARGEST = new BigDecimal("1E+100");
    /** Numbers nearer zero than this count as zero (as floating-point numbers underflow). */
    static final BigDecimal SMALLEST = new BigDecimal("1E-100");
    /** A formula's result is a value like the collected ones: within their limit. */
    static final BigDecimal RESULT = new BigDecimal("99999999999999.9999");
    static final int FACTORIAL = 50;
    static final int EXPONENT = 100;
    static final int DECIMALS = 100;

    /** The functions a formula may use: EvalEx's numeric ones. */
    private static final List<String> FUNCTIONS = List.of("ABS", "AVERAGE", "CEILING", "COALESCE", "FACT", "FLOOR",
            "IF", "LOG", "LOG10", "MAX", "MIN", "NOT", "ROUND", "SQRT", "SUM", "SWITCH",
            "ACOS", "ACOSH", "ACOSR", "ACOT", "ACOTH", "ACOTR", "ASIN", "ASINH", "ASINR", "ATAN", "ATAN2",
            "ATAN2R", "ATANH", "ATANR", "COS", "COSH", "COSR", "COT", "COTH", "COTR", "CSC", "CSCH", "CSCR",
            "DEG", "RAD", "SIN", "SINH", "SINR", "SEC", "SECH", "SECR", "TAN", "TANH", "TANR");
    private static final List<String> PREFIX_OPERATORS = List.of("+", "-", "!");
    private static final List<String> INFIX_OPERATORS = List.of("+", "-", "*", "/", "^", "%", "=", "==", "!=", "<>",
            ">", ">=", "<", "<=", "&&", "||");

    static final ExpressionConfiguration CONFIGURATION = configuration();

    private FormulaBounds() {
    }

    /**
     * A bound crossed: {@code code} is the message code, {@code detail} its argument, {@code where}
     * the function or operator at fault.
     */
    static final class LimitException extends EvaluationException {

        private final String code;
        private final String detail;
        private final String where;

        LimitException(Token token, String code, String detail) {
            super(token, code + ": " + detail);
            this.code = code;
            this.detail = detail;
            this.where = FormulaBounds.where(token);
        }

        String where() {
            return where;
        }

        String code() {
            return code;
        }

        String detail() {
            return detail;
        }

        boolean overTime() {
            return code.equals("framework.formula.limit.time");
        }
    }

    /** An expression computed before a deadline ({@link System#nanoTime()}), its operations bounded. */
    static final class BoundedExpression extends Expression {

        private final long deadline;

        BoundedExpression(String formula, long deadline) {
            super(formula, CONFIGURATION);
            this.deadline = deadline;
        }

        void checkTime(Token token) throws LimitException {
            if (Thread.currentThread().isInterrupted() || System.nanoTime() - deadline > 0) {
                throw new LimitException(token, "framework.formula.limit.time", where(token));
            }
        }
    }

    /** The function (upper case) or operator a token names. */
    static String where(Token token) {
        return token.getType() == Token.TokenType.FUNCTION ? token.getValue().toUpperCase(Locale.ROOT)
                : token.getValue();
    }

    /** A deadline {@code budget} from now, in {@link System#nanoTime()} terms. */
    static long deadline(Duration budget) {
        long now = System.nanoTime();
        long nanos = budget.isNegative() ? 0 : budget.toNanos();
        // far budgets stay far: no overflow past Long.MAX_VALUE
        return nanos > Long.MAX_VALUE / 2 ? now + Long.MAX_VALUE / 2 : now + nanos;
    }

    static boolean passed(long deadline) {
        return Thread.currentThread().isInterrupted() || System.nanoTime() - deadline > 0;
    }

    /**
     * The number within bounds: zero if nearer zero than {@link #SMALLEST}; refused if larger than
     * {@link #LARGEST}. Compares exponents first, so a number like 1E-999999999 costs nothing.
     */
    static BigDecimal within(Token token, BigDecimal number) throws LimitException {
        if (number.signum() == 0) {
            return number;
        }
        BigDecimal magnitude = number.abs();
        if (magnitude.compareTo(LARGEST) > 0) {
            throw new LimitException(token, "framework.formula.limit.magnitude", where(token));
        }
        return magnitude.compareTo(SMALLEST) < 0 ? BigDecimal.ZERO : number;
    }

    /**
     * The limit that the operand at {@code position} of a function or operator is held to, beyond
     * {@link #within}; for the formula check on save, which applies it to constant operands.
     */
    static void checkOperand(Token token, String name, int position, BigDecimal operand) throws LimitException {
        switch (name) {
            case "FACT" -> {
                if (position == 0 && (operand.signum() < 0 || operand.compareTo(BigDecimal.valueOf(FACTORIAL)) > 0)) {
                    throw new LimitException(token, "framework.formula.limit.factorial", String.valueOf(FACTORIAL));
                }
            }
            case "^" -> {
                if (position == 1 && operand.abs().compareTo(BigDecimal.valueOf(EXPONENT)) > 0) {
                    throw new LimitException(token, "framework.formula.limit.power", String.valueOf(EXPONENT));
                }
            }
            case "ROUND" -> {
                if (position == 1 && operand.abs().compareTo(BigDecimal.valueOf(DECIMALS)) > 0) {
                    throw new LimitException(token, "framework.formula.limit.round", String.valueOf(DECIMALS));
                }
            }
            default -> {
                // no limit of its own
            }
        }
    }

    /** Checks the time, then the operands, computes, then checks the result. */
    private static EvaluationValue bounded(Expression expression, Token token, String name, Computation computation,
            EvaluationValue[] operands) throws EvaluationException {
        if (expression instanceof BoundedExpression bounded) {
            bounded.checkTime(token);
        }
        EvaluationValue[] checked = operands.clone();
        for (int i = 0; i < checked.length; i++) {
            if (checked[i].isNumberValue()) {
                BigDecimal operand = within(token, checked[i].getNumberValue());
                checkOperand(token, name, i, operand);
                if (operand != checked[i].getNumberValue()) {
                    checked[i] = expression.convertValue(operand);
                }
            }
        }
        EvaluationValue result;
        try {
            result = computation.compute(checked);
        }
        catch (ArithmeticException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            // not a number: a root of a negative number, an infinite logarithm...
            throw new EvaluationException(token, "Not a number: " + ex.getMessage());
        }
        if (result.isNumberValue()) {
            BigDecimal number = within(token, result.getNumberValue());
            return number == result.getNumberValue() ? result : expression.convertValue(number);
        }
        return result;
    }

    @FunctionalInterface
    private interface Computation {

        EvaluationValue compute(EvaluationValue[] operands) throws EvaluationException;
    }

    /** A function of EvalEx, bounded. */
    private record BoundedFunction(String name, FunctionIfc function) implements FunctionIfc {

        @Override
        public List<FunctionParameterDefinition> getFunctionParameterDefinitions() {
            return function.getFunctionParameterDefinitions();
        }

        @Override
        public EvaluationValue evaluate(Expression expression, Token functionToken, EvaluationValue... parameterValues)
                throws EvaluationException {
            return bounded(expression, functionToken, name,
                    checked -> function.evaluate(expression, functionToken, checked), parameterValues);
        }

        @Override
        public void validatePreEvaluation(Token token, EvaluationValue... parameterValues) throws EvaluationException {
            function.validatePreEvaluation(token, parameterValues);
        }

        @Override
        public boolean hasVarArgs() {
            return function.hasVarArgs();
        }

        @Override
        public boolean isParameterLazy(int parameterIndex) {
            return function.isParameterLazy(parameterIndex);
        }

        @Override
        public int getCountOfNonVarArgParameters() {
            return function.getCountOfNonVarArgParameters();
        }
    }

    /** An operator of EvalEx, bounded. */
    private record BoundedOperator(String name, OperatorIfc operator) implements OperatorIfc {

        @Override
        public int getPrecedence() {
            return operator.getPrecedence();
        }

        @Override
        public boolean isLeftAssociative() {
            return operator.isLeftAssociative();
        }

        @Override
        public boolean isPrefix() {
            return operator.isPrefix();
        }

        @Override
        public boolean isPostfix() {
            return operator.isPostfix();
        }

        @Override
        public boolean isInfix() {
            return operator.isInfix();
        }

        @Override
        public int getPrecedence(ExpressionConfiguration configuration) {
            return operator.getPrecedence(configuration);
        }

        @Override
        public boolean isOperandLazy() {
            return operator.isOperandLazy();
        }

        @Override
        public EvaluationValue evaluate(Expression expression, Token operatorToken, EvaluationValue... operands)
                throws EvaluationException {
            return bounded(expression, operatorToken, name,
                    checked -> operator.evaluate(expression, operatorToken, checked), operands);
        }
    }

    /** The names a formula may call, upper case. */
    static Set<String> functions() {
        return Set.copyOf(FUNCTIONS);
    }

    private static ExpressionConfiguration configuration() {
        ExpressionConfiguration standard = ExpressionConfiguration.defaultConfiguration();
        FunctionDictionaryIfc standardFunctions = standard.getFunctionDictionary();
        List<Map.Entry<String, FunctionIfc>> functions = new ArrayList<>();
        for (String name : FUNCTIONS) {
            functions.add(Map.entry(name, new BoundedFunction(name, standardFunctions.getFunction(name))));
        }
        OperatorDictionaryIfc standardOperators = standard.getOperatorDictionary();
        List<Map.Entry<String, OperatorIfc>> operators = new ArrayList<>();
        for (String name : PREFIX_OPERATORS) {
            operators.add(Map.entry(name, new BoundedOperator(name, standardOperators.getPrefixOperator(name))));
        }
        for (String name : INFIX_OPERATORS) {
            operators.add(Map.entry(name, new BoundedOperator(name, standardOperators.getInfixOperator(name))));
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, FunctionIfc>[] functionEntries = functions.toArray(Map.Entry[]::new);
        @SuppressWarnings("unchecked")
        Map.Entry<String, OperatorIfc>[] operatorEntries = operators.toArray(Map.Entry[]::new);
        return ExpressionConfiguration.builder()
                .mathContext(PRECISION)
                .functionDictionary(MapBasedFunctionDictionary.ofFunctions(functionEntries))
                .operatorDictionary(MapBasedOperatorDictionary.ofOperators(operatorEntries))
                .arraysAllowed(false)
                .structuresAllowed(false)
                .locale(Locale.ROOT)
                .build();
    }
}
