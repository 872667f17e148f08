package fr.maillon.importing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.javarosa.xpath.XPathParseTool;
import org.javarosa.xpath.expr.XPathArithExpr;
import org.javarosa.xpath.expr.XPathBoolExpr;
import org.javarosa.xpath.expr.XPathCmpExpr;
import org.javarosa.xpath.expr.XPathEqExpr;
import org.javarosa.xpath.expr.XPathExpression;
import org.javarosa.xpath.expr.XPathFuncExpr;
import org.javarosa.xpath.expr.XPathNumNegExpr;
import org.javarosa.xpath.expr.XPathNumericLiteral;
import org.javarosa.xpath.expr.XPathPathExpr;
import org.javarosa.xpath.expr.XPathStep;
import org.javarosa.xpath.expr.XPathStringLiteral;
import org.javarosa.xpath.parser.XPathSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * An XForm expression (XPath over the form's nodes: {@code /data/grp/q}, {@code ../q}, {@code .})
 * written in XLSForm syntax ({@code ${q}}), parsed by JavaRosa's own XPath parser. Node paths are
 * resolved against the node the expression belongs to and named through {@code nameOfPath}; what
 * cannot be written (a path to no question, a predicate, a secondary instance, a variable, a union)
 * makes the whole expression untranslatable, with the reason.
 */
final class XPathToXlsForm {

    static final int MAX_LENGTH = 10_000;
    private static final int MAX_NESTING = 100;

    /** The expression in XLSForm syntax, or null with the reason it could not be written. */
    record Result(@Nullable String expression, @Nullable String reason) {
    }

    private final Function<String, @Nullable String> nameOfPath;
    private final String context;

    private XPathToXlsForm(Function<String, @Nullable String> nameOfPath, String context) {
        this.nameOfPath = nameOfPath;
        this.context = context;
    }

    /**
     * Writes {@code xpath}, met on the node at {@code context} (an absolute path such as
     * {@code /data/grp/q}), in XLSForm syntax.
     */
    static Result convert(String xpath, String context, Function<String, @Nullable String> nameOfPath) {
        if (xpath.length() > MAX_LENGTH || nesting(xpath) > MAX_NESTING) {
            return new Result(null, "length");
        }
        XPathExpression parsed;
        try {
            parsed = XPathParseTool.parseXPath(xpath);
        }
        catch (XPathSyntaxException | RuntimeException ex) {
            return new Result(null, "syntax");
        }
        try {
            return new Result(new XPathToXlsForm(nameOfPath, context).write(parsed, 0), null);
        }
        catch (Untranslatable ex) {
            return new Result(null, ex.getMessage());
        }
    }

    /** An absolute path resolved from {@code context} through a relative one's steps, or null. */
    static @Nullable String resolve(String context, String relative) {
        if (relative.startsWith("/")) {
            return normalise(relative);
        }
        return normalise(context + "/" + relative);
    }

    private static @Nullable String normalise(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            int colon = part.indexOf(':');
            parts.add(colon >= 0 ? part.substring(colon + 1) : part);
        }
        return "/" + String.join("/", parts);
    }

    private static int nesting(String text) {
        int depth = 0;
        int deepest = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            }
            else if (c == ')' || c == ']') {
                depth--;
            }
        }
        return deepest;
    }

    private String write(XPathExpression expression, int outer) {
        int precedence = precedence(expression);
        String text;
        if (expression instanceof XPathBoolExpr bool) {
            text = binary(bool.a, bool.op == XPathBoolExpr.AND ? "and" : "or", bool.b, precedence);
        }
        else if (expression instanceof XPathEqExpr eq) {
            text = binary(eq.a, eq.isEqual() ? "=" : "!=", eq.b, precedence);
        }
        else if (expression instanceof XPathCmpExpr cmp) {
            text = binary(cmp.a, switch (cmp.op) {
                case XPathCmpExpr.LT -> "<";
                case XPathCmpExpr.GT -> ">";
                case XPathCmpExpr.LTE -> "<=";
                default -> ">=";
            }, cmp.b, precedence);
        }
        else if (expression instanceof XPathArithExpr arith) {
            text = binary(arith.a, switch (arith.op) {
                case XPathArithExpr.ADD -> "+";
                case XPathArithExpr.SUBTRACT -> "-";
                case XPathArithExpr.MULTIPLY -> "*";
                case XPathArithExpr.DIVIDE -> "div";
                default -> "mod";
            }, arith.b, precedence);
        }
        else if (expression instanceof XPathNumNegExpr negative) {
            text = "-" + write(negative.a, precedence);
        }
        else if (expression instanceof XPathFuncExpr function) {
            text = function(function);
        }
        else if (expression instanceof XPathNumericLiteral number) {
            text = number(number.d);
        }
        else if (expression instanceof XPathStringLiteral string) {
            text = string.s.contains("'") ? "\"" + string.s + "\"" : "'" + string.s + "'";
        }
        else if (expression instanceof XPathPathExpr path) {
            text = path(path);
        }
        else {
            throw new Untranslatable("construct");
        }
        return precedence < outer ? "(" + text + ")" : text;
    }

    private String binary(XPathExpression a, String operator, XPathExpression b, int precedence) {
        return write(a, precedence) + " " + operator + " " + write(b, precedence + 1);
    }

    private String function(XPathFuncExpr function) {
        if (function.id.namespace != null || function.id.name.equals("instance") || function.id.name.equals("current")
                || function.id.name.equals("indexed-repeat")) {
            throw new Untranslatable("function");
        }
        List<String> arguments = new ArrayList<>();
        for (XPathExpression argument : function.args) {
            arguments.add(write(argument, 0));
        }
        return function.id.name + "(" + String.join(", ", arguments) + ")";
    }

    private String path(XPathPathExpr path) {
        if (path.init_context == XPathPathExpr.INIT_CONTEXT_EXPR) {
            throw new Untranslatable("path");
        }
        StringBuilder relative = new StringBuilder();
        for (XPathStep step : path.steps) {
            if (step.predicates != null && step.predicates.length > 0) {
                throw new Untranslatable("predicate");
            }
            String part = switch (step.axis) {
                case XPathStep.AXIS_SELF -> ".";
                case XPathStep.AXIS_PARENT -> "..";
                case XPathStep.AXIS_CHILD -> {
                    if (step.test != XPathStep.TEST_NAME) {
                        throw new Untranslatable("path");
                    }
                    yield step.name.name;
                }
                default -> throw new Untranslatable("path");
            };
            relative.append('/').append(part);
        }
        String absolute = path.init_context == XPathPathExpr.INIT_CONTEXT_ROOT ? normalise(relative.toString())
                : normalise(context + relative);
        if (absolute == null) {
            throw new Untranslatable("reference");
        }
        if (absolute.equals(normalise(context)) && path.init_context == XPathPathExpr.INIT_CONTEXT_RELATIVE) {
            return ".";
        }
        String name = nameOfPath.apply(absolute);
        if (name == null) {
            throw new Untranslatable("reference");
        }
        return "${" + name + "}";
    }

    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new Untranslatable("number");
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    private static int precedence(XPathExpression expression) {
        if (expression instanceof XPathBoolExpr bool) {
            return bool.op == XPathBoolExpr.OR ? 1 : 2;
        }
        if (expression instanceof XPathEqExpr) {
            return 3;
        }
        if (expression instanceof XPathCmpExpr) {
            return 4;
        }
        if (expression instanceof XPathArithExpr arith) {
            return arith.op == XPathArithExpr.ADD || arith.op == XPathArithExpr.SUBTRACT ? 5 : 6;
        }
        return expression instanceof XPathNumNegExpr ? 7 : 8;
    }

    /** Why an expression cannot be written: a word the readers turn into a message. */
    private static final class Untranslatable extends RuntimeException {

        Untranslatable(String reason) {
            super(reason, null, false, false);
        }
    }
}
