package fr.maillon.survey;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.javarosa.core.model.condition.EvaluationContext;
import org.javarosa.core.model.condition.IFunctionHandler;
import org.javarosa.core.model.data.DecimalData;
import org.javarosa.core.model.data.IntegerData;
import org.javarosa.core.model.data.StringData;
import org.javarosa.core.model.instance.FormInstance;
import org.javarosa.core.model.instance.TreeElement;
import org.javarosa.core.model.instance.TreeReference;
import org.javarosa.xpath.XPathArityException;
import org.javarosa.xpath.XPathUnhandledException;
import org.javarosa.xpath.XPathParseTool;
import org.javarosa.xpath.expr.XPathBinaryOpExpr;
import org.javarosa.xpath.expr.XPathExpression;
import org.javarosa.xpath.expr.XPathFilterExpr;
import org.javarosa.xpath.expr.XPathFuncExpr;
import org.javarosa.xpath.expr.XPathPathExpr;
import org.javarosa.xpath.expr.XPathQName;
import org.javarosa.xpath.expr.XPathStep;
import org.javarosa.xpath.expr.XPathUnaryOpExpr;
import org.jspecify.annotations.Nullable;

import fr.maillon.web.RuleViolationException.Violation;

/**
 * The logic of a questionnaire: {@code relevant} and {@code constraint} expressions in XLSForm
 * syntax, evaluated by ODK's own engine (JavaRosa) over a flat instance {@code /data/<code>}, the
 * same XPath the public page evaluates in the browser (Enketo's openrosa-xpath-evaluator).
 *
 * <p>Only {@code ${name}} is rewritten, to {@code /data/name}, as pyxform does; the rest is XPath
 * 1.0 with ODK's functions ({@code selected()}, {@code count-selected()}, {@code string-length()},
 * {@code regex()}…). Values are typed like ODK's: a number or a level is a number, a multiple
 * choice its codes separated by spaces, yes/no {@code yes} or {@code no}, an unanswered question
 * empty. Expressions are bounded ({@value #MAX_LENGTH} characters, {@value #MAX_DEPTH} levels of
 * brackets, checked before parsing), parsed once per survey version, and a {@code regex()} stops
 * after {@link #REGEX_BUDGET_NANOS} nanoseconds.
 */
public final class SurveyLogic {

    public static final int MAX_LENGTH = 2000;
    public static final int MAX_DEPTH = 50;
    static final long REGEX_BUDGET_NANOS = 50_000_000L;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)\\}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    private static final String REGEX = "maillon-regex";
    private static final int CACHED_SURVEYS = 1_000;
    private static final Map<Long, SurveyLogic> CACHE = new ConcurrentHashMap<>();

    /** What an expression says, parsed once; absent for a survey's question or section without one. */
    private final Map<String, XPathExpression> parsed;
    private final List<String> fingerprint;

    private SurveyLogic(Map<String, XPathExpression> parsed, List<String> fingerprint) {
        this.parsed = parsed;
        this.fingerprint = fingerprint;
    }

    /** The survey's expressions, parsed once for each version of them. */
    public static SurveyLogic of(Survey survey) {
        List<String> fingerprint = fingerprint(survey);
        SurveyLogic cached = CACHE.get(survey.id());
        if (cached != null && cached.fingerprint.equals(fingerprint)) {
            return cached;
        }
        Map<String, XPathExpression> parsed = new HashMap<>();
        for (String expression : fingerprint) {
            if (expression != null && !parsed.containsKey(expression)) {
                parse(expression).ifPresent(xpath -> parsed.put(expression, xpath));
            }
        }
        SurveyLogic logic = new SurveyLogic(parsed, fingerprint);
        if (CACHE.size() >= CACHED_SURVEYS) {
            CACHE.clear();
        }
        CACHE.put(survey.id(), logic);
        return logic;
    }

    private static List<String> fingerprint(Survey survey) {
        List<String> expressions = new ArrayList<>();
        survey.questions().forEach(question -> {
            expressions.add(question.code());
            expressions.add(question.relevant());
            expressions.add(question.constraint());
        });
        survey.sections().forEach(section -> expressions.add(section.relevant()));
        return expressions;
    }

    // --- syntax -------------------------------------------------------------------------------

    /** The XPath an expression is evaluated as: {@code ${name}} becomes {@code /data/name}. */
    public static String xpath(String expression) {
        return REFERENCE.matcher(expression).replaceAll(match -> Matcher.quoteReplacement("/data/" + match.group(1)));
    }

    /** The names an expression refers to as {@code ${name}}, in order, once each. */
    public static Set<String> references(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = REFERENCE.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The expression with each {@code ${old}} written {@code ${new}} (a question renamed). */
    public static String rename(String expression, Map<String, String> names) {
        return REFERENCE.matcher(expression).replaceAll(match -> Matcher.quoteReplacement("${"
                + names.getOrDefault(match.group(1), match.group(1)) + "}"));
    }

    /** Whether a name can be a question's code: an XML name of 64 characters at most. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The expression parsed by JavaRosa, or empty when it is too long, too deep or not XPath. */
    public static Optional<XPathExpression> parse(String expression) {
        if (expression.length() > MAX_LENGTH || depth(expression) > MAX_DEPTH) {
            return Optional.empty();
        }
        try {
            XPathExpression parsed = XPathParseTool.parseXPath(xpath(expression));
            if (parsed == null) {
                return Optional.empty();
            }
            bound(parsed);
            return Optional.of(parsed);
        }
        catch (Exception | StackOverflowError ex) {
            return Optional.empty();
        }
    }

    /** How deep brackets nest, counted before parsing (outside quoted strings). */
    static int depth(String expression) {
        int depth = 0;
        int deepest = 0;
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            }
            else if (c == '\'' || c == '"') {
                quote = c;
            }
            else if (c == '(' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            }
            else if (c == ')' || c == ']') {
                depth--;
            }
        }
        return deepest;
    }

    /**
     * What is wrong with an expression, as violations of {@code field}: too long, too deep, a
     * reference to no question of {@code names}, not XPath, or a function ODK does not know.
     */
    public static List<Violation> check(@Nullable String expression, String field, Set<String> names) {
        if (expression == null) {
            return List.of();
        }
        if (expression.length() > MAX_LENGTH) {
            return List.of(new Violation(field, "survey.logic.tooLong", MAX_LENGTH));
        }
        if (depth(expression) > MAX_DEPTH) {
            return List.of(new Violation(field, "survey.logic.tooDeep", shorten(expression), MAX_DEPTH));
        }
        List<Violation> violations = new ArrayList<>();
        for (String name : references(expression)) {
            if (!names.contains(name)) {
                violations.add(new Violation(field, "survey.logic.unknown", name, shorten(expression)));
            }
        }
        if (!violations.isEmpty()) {
            return violations;
        }
        Optional<XPathExpression> parsed = parse(expression);
        if (parsed.isEmpty()) {
            return List.of(new Violation(field, "survey.logic.syntax", shorten(expression)));
        }
        Instance instance = new Instance(names);
        try {
            instance.evaluate(parsed.get(), null);
        }
        catch (XPathUnhandledException | XPathArityException ex) {
            return List.of(new Violation(field, "survey.logic.function", shorten(expression)));
        }
        catch (RuntimeException ex) {
            // other errors depend on the answers (a text where a date is expected): not the expression's
        }
        return List.of();
    }

    private static String shorten(String expression) {
        return expression.length() <= 120 ? expression : expression.substring(0, 117) + "…";
    }

    /** Renames regex() so that Maillon's own, bounded in time, evaluates it. */
    private static void bound(XPathExpression expression) {
        if (expression instanceof XPathFuncExpr function) {
            if ("regex".equals(function.id.toString())) {
                function.id = new XPathQName(REGEX);
            }
            for (XPathExpression argument : function.args) {
                bound(argument);
            }
        }
        else if (expression instanceof XPathBinaryOpExpr binary) {
            bound(binary.a);
            bound(binary.b);
        }
        else if (expression instanceof XPathUnaryOpExpr unary) {
            bound(unary.a);
        }
        else if (expression instanceof XPathFilterExpr filter) {
            bound(filter.x);
            for (XPathExpression predicate : filter.predicates) {
                bound(predicate);
            }
        }
        else if (expression instanceof XPathPathExpr path) {
            if (path.filtExpr != null) {
                bound(path.filtExpr);
            }
            for (XPathStep step : path.steps) {
                for (XPathExpression predicate : step.predicates) {
                    bound(predicate);
                }
            }
        }
    }

    // --- evaluation ---------------------------------------------------------------------------

    /**
     * A filled questionnaire as XPath sees it: one node per question, /data/code, typed like ODK's.
     * Made for one response; not shared between threads.
     */
    public static final class Instance {

        private final FormInstance instance;
        private final Map<String, TreeElement> nodes = new HashMap<>();
        private final Set<String> codes = new java.util.HashSet<>();

        private Instance(Set<String> names) {
            TreeElement root = new TreeElement("data");
            for (String name : names) {
                TreeElement node = new TreeElement(name);
                root.addChild(node);
                nodes.put(name, node);
            }
            instance = new FormInstance(root);
        }

        /** An empty instance with a node for each question (and for each "Autre" text, code_other). */
        public static Instance of(Survey survey) {
            Instance instance = new Instance(names(survey));
            survey.questions().forEach(question -> instance.codes.add(question.code()));
            return instance;
        }

        /** Sets a question's value (null: unanswered). */
        public void set(Question question, @Nullable Object value) {
            TreeElement node = nodes.get(question.code());
            if (node != null) {
                node.setValue(data(question, value));
            }
        }

        /** Sets the text of a question's "Autre" choice. */
        public void setOther(Question question, @Nullable String text) {
            String name = question.code() + "_" + Question.OTHER;
            TreeElement node = nodes.get(name);
            if (node != null && !codes.contains(name)) {
                node.setValue(text == null || text.isEmpty() ? null : new StringData(text));
            }
        }

        private static org.javarosa.core.model.data.@Nullable IAnswerData data(Question question,
                @Nullable Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof List<?> list) {
                return list.isEmpty() ? null : new StringData(String.join(" ", list.stream().map(String::valueOf)
                        .toList()));
            }
            if (value instanceof Boolean bool) {
                return new StringData(bool ? "yes" : "no");
            }
            if (value instanceof Integer integer) {
                return new IntegerData(integer);
            }
            if (value instanceof BigDecimal number) {
                return new DecimalData(number.doubleValue());
            }
            String text = String.valueOf(value);
            return text.isEmpty() ? null : new StringData(text);
        }

        /** The expression's value, {@code .} being {@code code}'s node (null: /data). */
        Object evaluate(XPathExpression expression, @Nullable String code) {
            TreeReference context = TreeReference.rootRef().extendRef("data", 0);
            if (code != null && nodes.containsKey(code)) {
                context = context.extendRef(code, 0);
            }
            EvaluationContext root = new EvaluationContext(instance);
            root.addFunctionHandler(new BoundedRegex(System.nanoTime() + REGEX_BUDGET_NANOS));
            return expression.eval(instance, new EvaluationContext(root, context));
        }
    }

    /** The names an instance of the survey holds: its codes, and code_other for each "Autre" text. */
    public static Set<String> names(Survey survey) {
        Set<String> names = new LinkedHashSet<>();
        survey.questions().forEach(question -> names.add(question.code()));
        survey.questions().stream().filter(Question::takesOther)
                .forEach(question -> names.add(question.code() + "_" + Question.OTHER));
        return names;
    }

    /**
     * Whether an expression holds, {@code .} being {@code code}: an expression that cannot be
     * evaluated with these answers (a type error) counts as holding, as no answer can change it.
     */
    public boolean holds(@Nullable String expression, Instance instance, @Nullable String code) {
        if (expression == null) {
            return true;
        }
        XPathExpression xpath = parsed.get(expression);
        if (xpath == null) {
            xpath = parse(expression).orElse(null);
            if (xpath == null) {
                return true;
            }
        }
        try {
            return XPathFuncExpr.toBoolean(instance.evaluate(xpath, code));
        }
        catch (RegexTooSlowException ex) {
            return false;
        }
        catch (RuntimeException ex) {
            return true;
        }
    }

    /** Whether a question is asked: its simple condition, its expression and its sections' expressions hold. */
    public boolean relevant(Survey survey, Question question, Map<Long, Object> answers, Instance instance) {
        if (!AnswerReader.shown(question, answers) || !holds(question.relevant(), instance, question.code())) {
            return false;
        }
        return survey.ancestors(question.sectionId()).stream()
                .allMatch(section -> holds(section.relevant(), instance, null));
    }

    /** Whether a question's answer, already in the instance, meets its constraint. */
    public boolean accepted(Question question, Instance instance) {
        return holds(question.constraint(), instance, question.code());
    }

    /** A regex() that gives up after its budget of time: a pattern that backtracks without end is refused. */
    private static final class BoundedRegex implements IFunctionHandler {

        private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
        private final long deadline;

        BoundedRegex(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public String getName() {
            return REGEX;
        }

        @Override
        public List<Class<?>[]> getPrototypes() {
            return new ArrayList<>();
        }

        @Override
        public boolean rawArgs() {
            return true;
        }

        @Override
        public Object eval(Object[] args, EvaluationContext context) {
            if (args.length != 2) {
                throw new XPathArityException("regex", "2 arguments", args.length);
            }
            String text = XPathFuncExpr.toString(args[0]);
            String pattern = XPathFuncExpr.toString(args[1]);
            Pattern compiled;
            try {
                if (PATTERNS.size() > 10_000) {
                    PATTERNS.clear();
                }
                compiled = PATTERNS.computeIfAbsent(pattern, Pattern::compile);
            }
            catch (PatternSyntaxException ex) {
                return Boolean.FALSE;
            }
            return compiled.matcher(new Deadline(text, deadline)).find();
        }
    }

    private static final class RegexTooSlowException extends RuntimeException {

        RegexTooSlowException() {
            super("regex() took too long", null, false, false);
        }
    }

    /** A text that stops a regular expression reading it past a deadline. */
    private record Deadline(CharSequence text, long deadline) implements CharSequence {

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (System.nanoTime() > deadline) {
                throw new RegexTooSlowException();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SurveyLogic logic && Objects.equals(fingerprint, logic.fingerprint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }
}
