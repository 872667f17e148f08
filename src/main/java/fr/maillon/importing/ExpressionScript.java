package fr.maillon.importing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * LimeSurvey's ExpressionScript conditions written in XLSForm syntax, for the forms real surveys
 * use: comparisons ({@code ==}, {@code !=}, {@code <}, {@code >}, {@code <=}, {@code >=} and their
 * word forms {@code eq}, {@code ne}...), {@code and}/{@code or}/{@code !} ({@code &&}, {@code ||}),
 * parentheses, numbers, strings, {@code is_empty()}, and references to questions by code
 * ({@code Q1}, {@code Q1.NAOK}, {@code Q1_SQ001} for a multiple choice's option, SGQA codes). Read
 * by a tokenizer and a recursive-descent parser; anything else makes the expression untranslatable,
 * with the reason.
 */
final class ExpressionScript {

    /** What a code in an expression designates. */
    sealed interface Reference permits Question, Option {
    }

    /** A question, by its name in the questionnaire; a yes/no one is answered "Y" or "N" in LimeSurvey. */
    record Question(String name, boolean yesNo) implements Reference {

        Question(String name) {
            this(name, false);
        }
    }

    /** An option of a multiple choice question: {@code Q_SQ == "Y"} means it is selected. */
    record Option(String question, String code) implements Reference {
    }

    private enum Kind { NUMBER, STRING, NAME, OPERATOR, END }

    private record Token(Kind kind, String text) {
    }

    private final List<Token> tokens;
    private final Function<String, @Nullable Reference> references;
    /** The yes/no questions named so far, as written in XLSForm syntax. */
    private final Set<String> yesNo = new HashSet<>();
    private int position;

    private ExpressionScript(List<Token> tokens, Function<String, @Nullable Reference> references) {
        this.tokens = tokens;
        this.references = references;
    }

    /**
     * The expression in XLSForm syntax (null when it always holds: empty or {@code 1}), or a result
     * carrying the reason it cannot be written.
     */
    static XPathToXlsForm.Result convert(String expression, Function<String, @Nullable Reference> references) {
        String text = expression.strip();
        if (text.isEmpty() || text.equals("1")) {
            return new XPathToXlsForm.Result(null, null);
        }
        if (text.length() > XPathToXlsForm.MAX_LENGTH) {
            return new XPathToXlsForm.Result(null, "length");
        }
        try {
            ExpressionScript parser = new ExpressionScript(tokenize(text), references);
            String written = parser.or(0);
            if (parser.peek().kind != Kind.END) {
                throw new Untranslatable("syntax");
            }
            return new XPathToXlsForm.Result(written, null);
        }
        catch (Untranslatable ex) {
            return new XPathToXlsForm.Result(null, ex.getMessage());
        }
    }

    // --- tokenizer ----------------------------------------------------------------------------

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            }
            else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                if (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
                    // an SGQA code such as 282267X46X1435SH101
                    while (i < text.length() && isNamePart(text.charAt(i))) {
                        i++;
                    }
                    tokens.add(new Token(Kind.NAME, text.substring(start, i)));
                }
                else {
                    tokens.add(new Token(Kind.NUMBER, text.substring(start, i)));
                }
            }
            else if (c == '"' || c == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < text.length() && text.charAt(i) != c) {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                if (i >= text.length()) {
                    throw new Untranslatable("syntax");
                }
                i++;
                tokens.add(new Token(Kind.STRING, value.toString()));
            }
            else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && isNamePart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, text.substring(start, i)));
            }
            else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
                    tokens.add(new Token(Kind.OPERATOR, two));
                    i += 2;
                }
                else if ("()<>!,+-*/".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.OPERATOR, String.valueOf(c)));
                    i++;
                }
                else {
                    throw new Untranslatable(c == '=' ? "operator" : "syntax");
                }
            }
            if (tokens.size() > 2_000) {
                throw new Untranslatable("length");
            }
        }
        tokens.add(new Token(Kind.END, ""));
        return tokens;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '#';
    }

    // --- parser -------------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(position);
    }

    private boolean accept(String... operators) {
        Token token = peek();
        for (String operator : operators) {
            if ((token.kind == Kind.OPERATOR || token.kind == Kind.NAME)
                    && token.text.toLowerCase(Locale.ROOT).equals(operator)) {
                position++;
                return true;
            }
        }
        return false;
    }

    private void expect(String operator) {
        if (!accept(operator)) {
            throw new Untranslatable("syntax");
        }
    }

    private String or(int depth) {
        nesting(depth);
        String left = and(depth);
        while (accept("||", "or")) {
            left = left + " or " + and(depth);
        }
        return left;
    }

    private String and(int depth) {
        String left = not(depth);
        while (accept("&&", "and")) {
            left = wrapOr(left) + " and " + wrapOr(not(depth));
        }
        return left;
    }

    private static String wrapOr(String text) {
        return topLevel(text, " or ") ? "(" + text + ")" : text;
    }

    private String not(int depth) {
        if (accept("!", "not")) {
            return "not(" + not(depth + 1) + ")";
        }
        return comparison(depth);
    }

    private String comparison(int depth) {
        int start = position;
        Operand left = additive(depth);
        String operator = null;
        for (String[] pair : new String[][] { { "==", "=" }, { "eq", "=" }, { "!=", "!=" }, { "ne", "!=" },
                { "<=", "<=" }, { "le", "<=" }, { ">=", ">=" }, { "ge", ">=" }, { "<", "<" }, { "lt", "<" },
                { ">", ">" }, { "gt", ">" } }) {
            if (accept(pair[0])) {
                operator = pair[1];
                break;
            }
        }
        if (operator == null) {
            if (left.option != null) {
                throw new Untranslatable("construct");
            }
            return left.text;
        }
        Operand right = additive(depth);
        Option option = left.option != null ? left.option : right.option;
        if (option != null) {
            return selected(option, left.option != null ? right : left, operator);
        }
        if (position == start) {
            throw new Untranslatable("syntax");
        }
        return yesNo(left, right) + " " + operator + " " + yesNo(right, left);
    }

    /** A yes/no question's LimeSurvey value ("Y", "N") as Maillon's ('yes', 'no'), when compared with one. */
    private String yesNo(Operand operand, Operand other) {
        if (!yesNo.contains(other.text)) {
            return operand.text;
        }
        return operand.text.equals("'Y'") ? "'yes'" : operand.text.equals("'N'") ? "'no'" : operand.text;
    }

    /** {@code Q_SQ == "Y"}: the option is selected; {@code != "Y"} or {@code == ""}: it is not. */
    private static String selected(Option option, Operand value, String operator) {
        String selected = "selected(${" + option.question() + "}, '" + option.code() + "')";
        boolean yes = value.text.equals("'Y'");
        boolean empty = value.text.equals("''");
        if (operator.equals("=") && yes || operator.equals("!=") && empty) {
            return selected;
        }
        if (operator.equals("!=") && yes || operator.equals("=") && empty) {
            return "not(" + selected + ")";
        }
        throw new Untranslatable("construct");
    }

    private record Operand(String text, @Nullable Option option) {
    }

    private Operand additive(int depth) {
        Operand left = multiplicative(depth);
        while (true) {
            String operator = accept("+") ? "+" : accept("-") ? "-" : null;
            if (operator == null) {
                return left;
            }
            left = new Operand(plain(left) + " " + operator + " " + plain(multiplicative(depth)), null);
        }
    }

    private Operand multiplicative(int depth) {
        Operand left = unary(depth);
        while (true) {
            String operator = accept("*") ? "*" : accept("/") ? "div" : null;
            if (operator == null) {
                return left;
            }
            left = new Operand(plain(left) + " " + operator + " " + plain(unary(depth)), null);
        }
    }

    private static String plain(Operand operand) {
        if (operand.option != null) {
            throw new Untranslatable("construct");
        }
        return operand.text;
    }

    private Operand unary(int depth) {
        if (accept("-")) {
            return new Operand("-" + plain(unary(depth + 1)), null);
        }
        return primary(depth);
    }

    private Operand primary(int depth) {
        Token token = peek();
        if (accept("(")) {
            String inner = or(depth + 1);
            expect(")");
            return new Operand("(" + inner + ")", null);
        }
        position++;
        switch (token.kind) {
            case NUMBER:
                return new Operand(token.text, null);
            case STRING:
                return new Operand(token.text.contains("'") ? "\"" + token.text + "\"" : "'" + token.text + "'", null);
            case NAME:
                if (peek().kind == Kind.OPERATOR && peek().text.equals("(")) {
                    return function(token.text, depth);
                }
                return reference(token.text);
            default:
                throw new Untranslatable("syntax");
        }
    }

    private Operand function(String name, int depth) {
        expect("(");
        String function = name.toLowerCase(Locale.ROOT);
        if (function.equals("is_empty")) {
            Operand argument = additive(depth + 1);
            expect(")");
            if (argument.option != null) {
                return new Operand("not(selected(${" + argument.option.question() + "}, '" + argument.option.code()
                        + "'))", null);
            }
            return new Operand(argument.text + " = ''", null);
        }
        throw new Untranslatable("function");
    }

    private Operand reference(String code) {
        String base = code;
        int dot = code.indexOf('.');
        if (dot >= 0) {
            String suffix = code.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (!suffix.equals("naok") && !suffix.equals("value") && !suffix.equals("code")) {
                throw new Untranslatable("construct");
            }
            base = code.substring(0, dot);
        }
        if (base.equalsIgnoreCase("self") || base.equalsIgnoreCase("this")) {
            return new Operand(".", null);
        }
        Reference reference = references.apply(base);
        if (reference instanceof Question question) {
            if (question.yesNo()) {
                yesNo.add("${" + question.name() + "}");
            }
            return new Operand("${" + question.name() + "}", null);
        }
        if (reference instanceof Option option) {
            return new Operand("", option);
        }
        throw new Untranslatable("reference");
    }

    private static void nesting(int depth) {
        if (depth > 100) {
            throw new Untranslatable("length");
        }
    }

    /** Whether {@code text} holds {@code operator} outside parentheses and strings. */
    private static boolean topLevel(String text, String operator) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            }
            else if (c == '\'' || c == '"') {
                quote = c;
            }
            else if (c == '(') {
                depth++;
            }
            else if (c == ')') {
                depth--;
            }
            else if (depth == 0 && text.startsWith(operator, i)) {
                return true;
            }
        }
        return false;
    }

    private static final class Untranslatable extends RuntimeException {

        Untranslatable(String reason) {
            super(reason, null, false, false);
        }
    }
}
