package fr.maillon.importing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.javarosa.xpath.XPathParseTool;
import org.javarosa.xpath.expr.XPathExpression;
import org.javarosa.xpath.expr.XPathFuncExpr;
import org.javarosa.xpath.expr.XPathPathExpr;
import org.javarosa.xpath.expr.XPathStep;
import org.javarosa.xpath.expr.XPathStringLiteral;
import org.javarosa.xpath.parser.XPathSyntaxException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import org.springframework.context.MessageSource;

import fr.maillon.survey.Choice;
import fr.maillon.survey.FormDefinition;
import fr.maillon.survey.QuestionKind;
import fr.maillon.web.RuleViolationException;

/**
 * A questionnaire from an ODK XForm (the XML that ODK Central, KoboToolbox and pyxform produce):
 * its body's groups and questions in order, their binds ({@code type}, {@code relevant},
 * {@code constraint} with {@code jr:constraintMsg}, {@code required}), labels and hints from the
 * itext translations (French leads, else the asked language, else the form's default, else the
 * first; English kept as the translation), choices inline or from a secondary instance, and pyxform's
 * {@code or_other}. Expressions are parsed by JavaRosa's XPath parser and written in XLSForm syntax,
 * node paths becoming {@code ${name}}.
 *
 * <p>A repeat becomes a section whose questions are asked once (listed as not kept as a repeat);
 * dates, places, media, notes, calculations and what JavaRosa's XPath cannot be written as are
 * listed with their line and name. The XML is read without document type declarations and with
 * bounded depth (see {@link SafeXml}).
 */
public class XFormReader {

    private static final String JAVAROSA = "http://openrosa.org/javarosa";
    private static final Set<String> CONTROLS = Set.of("input", "select1", "select", "range", "trigger", "upload",
            "rank", "secret", "odk:rank");

    private final MessageSource messages;

    public XFormReader(MessageSource messages) {
        this.messages = messages;
    }

    public FormRead read(byte[] content, @Nullable String leadLanguage) {
        SafeXml.Parsed parsed = SafeXml.read(content);
        return new Reading(parsed, new FormReading(messages), leadLanguage).read();
    }

    /** One file's reading. */
    private static final class Reading {

        private final SafeXml.Parsed parsed;
        private final FormReading reading;
        private final @Nullable String asked;
        private final Map<String, Element> binds = new HashMap<>();
        private final Map<String, Element> instances = new HashMap<>();
        private final Map<String, Map<String, Element>> translations = new LinkedHashMap<>();
        private final Map<String, String> names = new HashMap<>();
        private final Set<String> inBody = new HashSet<>();
        private @Nullable String lead;
        private @Nullable String english;
        private String root = "/data";

        Reading(SafeXml.Parsed parsed, FormReading reading, @Nullable String asked) {
            this.parsed = parsed;
            this.reading = reading;
            this.asked = asked;
        }

        FormRead read() {
            Element html = parsed.document().getDocumentElement();
            Element head = SafeXml.child(html, "head");
            Element model = head == null ? null : SafeXml.child(head, "model");
            Element body = SafeXml.child(html, "body");
            if (!"html".equals(html.getLocalName()) || model == null || body == null) {
                throw new RuleViolationException("file", "import.xform.notXForm");
            }
            Element main = null;
            String defaultLanguage = null;
            for (Element element : SafeXml.children(model)) {
                switch (element.getLocalName()) {
                    case "instance" -> {
                        if (element.hasAttribute("id") && main != null) {
                            instances.put(element.getAttribute("id"), element);
                        }
                        else if (main == null) {
                            main = element;
                        }
                    }
                    case "itext" -> {
                        for (Element translation : SafeXml.children(element)) {
                            String language = translation.getAttribute("lang").strip();
                            if (translation.getAttribute("default").contains("true")) {
                                defaultLanguage = language;
                            }
                            Map<String, Element> texts = translations.computeIfAbsent(language,
                                    key -> new HashMap<>());
                            for (Element text : SafeXml.children(translation)) {
                                texts.putIfAbsent(text.getAttribute("id"), text);
                            }
                        }
                    }
                    default -> {
                        // submission, actions and the like say nothing of the questions
                    }
                }
            }
            Element data = main == null ? null : firstChild(main);
            if (data == null) {
                throw new RuleViolationException("file", "import.xform.notXForm");
            }
            root = "/" + data.getLocalName();
            for (Element bind : SafeXml.children(model)) {
                if (bind.getLocalName().equals("bind") && !bind.getAttribute("nodeset").isBlank()) {
                    String path = XPathToXlsForm.resolve(root, bind.getAttribute("nodeset").strip());
                    if (path != null) {
                        binds.putIfAbsent(path, bind);
                    }
                }
            }
            List<String> languages = new ArrayList<>(translations.keySet());
            lead = FormReading.lead(languages, asked, defaultLanguage);
            english = FormReading.english(languages, lead);

            Set<String> taken = new HashSet<>();
            name(body, root, taken);
            List<FormDefinition.Item> items = items(body, root);
            for (Map.Entry<String, Element> bind : binds.entrySet()) {
                if (!inBody.contains(bind.getKey()) && bind.getValue().hasAttribute("calculate")
                        && !bind.getKey().contains("/meta/") && !bind.getKey().endsWith("/meta")) {
                    reading.notKept(parsed.line(bind.getValue()), last(bind.getKey()), "import.form.calculate");
                }
            }
            if (items.isEmpty()) {
                throw new RuleViolationException("file", "import.form.empty");
            }
            Element titleElement = head == null ? null : SafeXml.child(head, "title");
            String title = reading.bounded(titleElement == null ? "" : titleElement.getTextContent(),
                    FormReading.MAX_TITLE, titleElement == null ? 0 : parsed.line(titleElement), "title");
            if (title.isEmpty()) {
                title = data.hasAttribute("id") ? data.getAttribute("id") : data.getLocalName();
            }
            return new FormRead(FileFormat.XFORM, new FormDefinition(title, null, items), reading.notKept(),
                    FormReading.leadFirst(languages, lead));
        }

        /** First pass: every question's name, unique, in the body's order. */
        private void name(Element container, String context, Set<String> taken) {
            for (Element element : SafeXml.children(container)) {
                String kind = element.getLocalName();
                if (kind.equals("group") || kind.equals("repeat")) {
                    String path = ref(element, context);
                    if (path != null && !names.containsKey(path)) {
                        names.put(path, FormReading.xmlName(last(path), taken));
                    }
                    name(element, path == null ? context : path, taken);
                }
                else if (CONTROLS.contains(kind)) {
                    String path = ref(element, context);
                    if (path != null && !names.containsKey(path)) {
                        names.put(path, FormReading.xmlName(last(path), taken));
                        inBody.add(path);
                    }
                }
            }
        }

        /** Second pass: the items of a group or of the body. */
        private List<FormDefinition.Item> items(Element container, String context) {
            List<FormDefinition.Item> items = new ArrayList<>();
            for (Element element : SafeXml.children(container)) {
                String kind = element.getLocalName();
                if (kind.equals("group") || kind.equals("repeat")) {
                    group(element, context, items);
                }
                else if (CONTROLS.contains(kind)) {
                    FormDefinition.Field field = field(element, context);
                    if (field != null) {
                        items.add(field);
                    }
                }
            }
            return orOther(items);
        }

        private void group(Element element, String context, List<FormDefinition.Item> items) {
            String path = ref(element, context);
            int line = parsed.line(element);
            Element repeat = element.getLocalName().equals("repeat") ? element : null;
            List<Element> inside = SafeXml.children(element).stream().filter(child -> !child.getLocalName().equals("label"))
                    .toList();
            if (repeat == null && inside.size() == 1 && inside.get(0).getLocalName().equals("repeat")) {
                repeat = inside.get(0);
            }
            Texts label = texts(SafeXml.child(element, "label"), path == null ? context : path);
            if (path == null && label.lead == null) {
                items.addAll(items(element, context));
                return;
            }
            String groupPath = path == null ? context : path;
            String name = path == null ? "groupe_" + line : names.getOrDefault(path, last(path));
            if (repeat != null) {
                reading.notKept(line, name, "import.form.repeat");
            }
            List<FormDefinition.Item> children = repeat != null && repeat != element
                    ? items(repeat, ref(repeat, groupPath) == null ? groupPath : ref(repeat, groupPath))
                    : items(element, groupPath);
            if (children.isEmpty()) {
                return;
            }
            String relevant = path == null ? null : expression(binds.get(path), "relevant", path, name);
            String title = reading.bounded(label.lead == null ? name : label.lead, FormReading.MAX_TITLE, line, name);
            String titleEn = label.english == null ? null
                    : reading.bounded(label.english, FormReading.MAX_TITLE, line, name);
            items.add(new FormDefinition.Group(name, title, titleEn, relevant,
                    matrix(element.getAttribute("appearance"), children), children));
        }

        /** A table-list group whose questions are single choices over one scale is a matrix. */
        private static boolean matrix(String appearance, List<FormDefinition.Item> items) {
            if (!appearance.contains("table-list") || items.size() < 2) {
                return false;
            }
            FormDefinition.Field first = items.get(0) instanceof FormDefinition.Field field ? field : null;
            return first != null && items.stream().allMatch(item -> item instanceof FormDefinition.Field field
                    && field.kind() == QuestionKind.SINGLE && field.choices().equals(first.choices()));
        }

        private FormDefinition.@Nullable Field field(Element element, String context) {
            String path = ref(element, context);
            int line = parsed.line(element);
            if (path == null) {
                reading.notKept(line, element.getLocalName(), "import.xform.noRef");
                return null;
            }
            String name = names.getOrDefault(path, last(path));
            Element bind = binds.get(path);
            String type = bind == null ? "string" : bind.getAttribute("type").replaceFirst("^[a-z]+:", "").strip();
            type = type.isEmpty() ? "string" : type;
            String control = element.getLocalName();
            QuestionKind kind;
            BigDecimal minimum = null;
            BigDecimal maximum = null;
            if ((control.equals("select1") || control.equals("select"))
                    && List.of(element.getAttribute("appearance").split("\\s+")).contains("label")) {
                // the header row pyxform adds to a table-list group: the choices' labels, nothing to answer
                reading.notKept(line, name, "import.xform.labelRow");
                return null;
            }
            if (control.equals("select1") || control.equals("select")) {
                kind = control.equals("select1") ? QuestionKind.SINGLE : QuestionKind.MULTIPLE;
            }
            else if (control.equals("range")) {
                kind = QuestionKind.NUMBER;
                minimum = number(element.getAttribute("start"));
                maximum = number(element.getAttribute("end"));
            }
            else if (control.equals("input") && bind != null && bind.getAttribute("readonly").contains("true")
                    && !bind.hasAttribute("calculate")) {
                reading.notKept(line, name, "import.form.note");
                return null;
            }
            else if (control.equals("input") && (type.equals("string") || type.isEmpty())) {
                kind = element.getAttribute("appearance").contains("multiline") ? QuestionKind.LONG_TEXT
                        : QuestionKind.SHORT_TEXT;
            }
            else if (control.equals("input") && (type.equals("int") || type.equals("integer")
                    || type.equals("decimal"))) {
                kind = QuestionKind.NUMBER;
            }
            else {
                reading.notKept(line, name, "import.form.type", control.equals("input") ? type : control);
                return null;
            }
            List<Choice> choices = kind.hasChoices() ? choices(element, path, name) : List.of();
            if (kind.hasChoices() && (choices.isEmpty() || choices.size() > FormReading.MAX_CHOICES)) {
                reading.notKept(line, name, "import.form.choices", choices.size(), FormReading.MAX_CHOICES);
                return null;
            }
            Texts label = texts(SafeXml.child(element, "label"), path);
            Texts hint = texts(SafeXml.child(element, "hint"), path);
            boolean required = false;
            if (bind != null && !bind.getAttribute("required").isBlank()) {
                String value = bind.getAttribute("required").strip();
                required = value.equals("true()") || value.equals("true");
                if (!required && !value.equals("false()") && !value.equals("false")) {
                    reading.notKept(line, name, "import.form.requiredIf", value);
                }
            }
            String relevant = expression(bind, "relevant", path, name);
            String constraint = expression(bind, "constraint", path, name);
            Texts message = constraint == null || bind == null ? new Texts(null, null)
                    : message(bind.getAttributeNS(JAVAROSA, "constraintMsg"), path);
            reading.question();
            return new FormDefinition.Field(name, kind,
                    reading.bounded(label.lead == null ? name : label.lead, FormReading.MAX_TEXT, line, name),
                    reading.boundedOrNull(label.english, FormReading.MAX_TEXT, line, name),
                    reading.boundedOrNull(hint.lead, FormReading.MAX_TEXT, line, name),
                    reading.boundedOrNull(hint.english, FormReading.MAX_TEXT, line, name), required, relevant,
                    constraint, reading.boundedOrNull(message.lead, FormReading.MAX_TEXT, line, name),
                    reading.boundedOrNull(message.english, FormReading.MAX_TEXT, line, name), minimum, maximum,
                    choices, false);
        }

        /** A bind's expression in XLSForm syntax, or null (noted) when it has none or cannot be written. */
        private @Nullable String expression(@Nullable Element bind, String attribute, String path, String name) {
            if (bind == null || bind.getAttribute(attribute).isBlank()) {
                return null;
            }
            String xpath = bind.getAttribute(attribute).strip();
            XPathToXlsForm.Result result = XPathToXlsForm.convert(xpath, path, names::get);
            if (result.expression() == null) {
                reading.notKept(parsed.line(bind), name, "import.form.expression." + attribute,
                        xpath.length() > 300 ? xpath.substring(0, 300) + "…" : xpath,
                        reading.reason(result.reason()));
                return null;
            }
            return result.expression();
        }

        private List<Choice> choices(Element select, String path, String name) {
            List<Choice> choices = new ArrayList<>();
            Set<String> codes = new HashSet<>();
            for (Element item : SafeXml.children(select)) {
                if (item.getLocalName().equals("item")) {
                    Element value = SafeXml.child(item, "value");
                    String code = value == null ? "" : FormReading.choiceCode(value.getTextContent());
                    if (!code.isEmpty() && codes.add(code)) {
                        Texts label = texts(SafeXml.child(item, "label"), path);
                        choices.add(new Choice(code, label.lead == null ? code : label.lead, label.english));
                    }
                }
                else if (item.getLocalName().equals("itemset")) {
                    itemset(item, path, name, choices, codes);
                }
            }
            return choices;
        }

        /** Choices from a secondary instance ({@code instance('list')/root/item}); a filter is noted. */
        private void itemset(Element itemset, String path, String name, List<Choice> choices, Set<String> codes) {
            int line = parsed.line(itemset);
            XPathExpression nodeset;
            try {
                nodeset = XPathParseTool.parseXPath(itemset.getAttribute("nodeset"));
            }
            catch (XPathSyntaxException | RuntimeException ex) {
                reading.notKept(line, name, "import.xform.itemset", itemset.getAttribute("nodeset"));
                return;
            }
            if (!(nodeset instanceof XPathPathExpr expression) || expression.filtExpr == null
                    || !(expression.filtExpr.x instanceof XPathFuncExpr function)
                    || !function.id.name.equals("instance") || function.args.length != 1
                    || !(function.args[0] instanceof XPathStringLiteral id) || !instances.containsKey(id.s)) {
                reading.notKept(line, name, "import.xform.itemset", itemset.getAttribute("nodeset"));
                return;
            }
            List<Element> nodes = List.of(instances.get(id.s));
            boolean filtered = false;
            for (XPathStep step : expression.steps) {
                filtered |= step.predicates != null && step.predicates.length > 0;
                if (step.axis != XPathStep.AXIS_CHILD || step.test != XPathStep.TEST_NAME) {
                    reading.notKept(line, name, "import.xform.itemset", itemset.getAttribute("nodeset"));
                    return;
                }
                List<Element> next = new ArrayList<>();
                for (Element node : nodes) {
                    for (Element child : SafeXml.children(node)) {
                        if (child.getLocalName().equals(step.name.name)) {
                            next.add(child);
                        }
                    }
                }
                nodes = next;
            }
            if (filtered) {
                reading.notKept(line, name, "import.xform.filter", itemset.getAttribute("nodeset"));
            }
            Element valueElement = SafeXml.child(itemset, "value");
            Element labelElement = SafeXml.child(itemset, "label");
            String valueRef = valueElement == null ? "name" : valueElement.getAttribute("ref").strip();
            String labelRef = labelElement == null ? "label" : labelElement.getAttribute("ref").strip();
            String itextRef = labelRef.startsWith("jr:itext(") ? labelRef.substring(9, labelRef.length() - 1).strip()
                    : null;
            for (Element node : nodes) {
                Element value = SafeXml.child(node, valueRef);
                String code = value == null ? "" : FormReading.choiceCode(value.getTextContent());
                if (code.isEmpty() || !codes.add(code)) {
                    continue;
                }
                String label;
                String labelEn = null;
                if (itextRef != null) {
                    Element idNode = SafeXml.child(node, itextRef);
                    String textId = idNode == null ? "" : idNode.getTextContent().strip();
                    label = itext(textId, lead, path);
                    for (String language : translations.keySet()) {
                        label = label != null ? label : itext(textId, language, path);
                    }
                    labelEn = itext(textId, english, path);
                }
                else {
                    Element labelNode = SafeXml.child(node, labelRef);
                    label = labelNode == null ? null : labelNode.getTextContent().strip();
                }
                choices.add(new Choice(code, label == null || label.isEmpty() ? code : label, labelEn));
            }
        }

        /**
         * pyxform's {@code or_other}: a choice named {@code other} followed by a text question asked
         * when it is selected becomes the "Autre" choice of the question, with its own text.
         */
        private static List<FormDefinition.Item> orOther(List<FormDefinition.Item> items) {
            List<FormDefinition.Item> result = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                FormDefinition.Item item = items.get(i);
                if (item instanceof FormDefinition.Field select && select.kind().hasChoices() && i + 1 < items.size()
                        && items.get(i + 1) instanceof FormDefinition.Field text
                        && (text.kind() == QuestionKind.SHORT_TEXT || text.kind() == QuestionKind.LONG_TEXT)
                        && text.relevant() != null
                        && text.relevant().replace(" ", "").equals("selected(${" + select.name() + "},'other')")
                        && select.choices().stream().anyMatch(choice -> choice.code().equals("other"))) {
                    List<Choice> choices = select.choices().stream().filter(choice -> !choice.code().equals("other"))
                            .toList();
                    result.add(new FormDefinition.Field(select.name(), select.kind(), select.label(),
                            select.labelEn(), select.hint(), select.hintEn(), select.required(), select.relevant(),
                            select.constraint(), select.constraintMessage(), select.constraintMessageEn(),
                            select.minimum(), select.maximum(), choices, true));
                    i++;
                    continue;
                }
                result.add(item);
            }
            return result;
        }

        /** A label or hint in the leading language and in English (itext, or the element's own text). */
        private Texts texts(@Nullable Element element, String context) {
            if (element == null) {
                return new Texts(null, null);
            }
            String ref = element.getAttribute("ref").strip();
            if (ref.startsWith("jr:itext(")) {
                String id = ref.substring(9, ref.length() - 1).strip().replaceAll("^['\"]|['\"]$", "");
                String text = itext(id, lead, context);
                for (String language : translations.keySet()) {
                    text = text != null ? text : itext(id, language, context);
                }
                return new Texts(text, itext(id, english, context));
            }
            String text = render(element, context);
            return new Texts(text.isEmpty() ? null : text, null);
        }

        private Texts message(String attribute, String context) {
            String value = attribute.strip();
            if (value.startsWith("jr:itext(")) {
                String id = value.substring(9, value.length() - 1).strip().replaceAll("^['\"]|['\"]$", "");
                return new Texts(itext(id, lead, context), itext(id, english, context));
            }
            return new Texts(value.isEmpty() ? null : value, null);
        }

        private @Nullable String itext(String id, @Nullable String language, String context) {
            if (language == null) {
                return null;
            }
            Element text = translations.getOrDefault(language, Map.of()).get(id);
            if (text == null) {
                return null;
            }
            Element chosen = null;
            for (Element value : SafeXml.children(text)) {
                String form = value.getAttribute("form");
                if (form.isEmpty() || chosen == null && (form.equals("long") || form.equals("short"))) {
                    chosen = value;
                    if (form.isEmpty()) {
                        break;
                    }
                }
            }
            String rendered = chosen == null ? "" : render(chosen, context);
            // pyxform writes "-" for a text missing in a language
            return rendered.isEmpty() || rendered.equals("-") ? null : rendered;
        }

        /** An element's text, an {@code <output value="..."/>} written as {@code ${name}}. */
        private String render(Element element, String context) {
            StringBuilder text = new StringBuilder();
            for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                    text.append(node.getNodeValue());
                }
                else if (node instanceof Element output && "output".equals(output.getLocalName())) {
                    XPathToXlsForm.Result result = XPathToXlsForm.convert(output.getAttribute("value"), context,
                            names::get);
                    text.append(result.expression() == null ? "…" : result.expression());
                }
            }
            return text.toString().replaceAll("\\s+", " ").strip();
        }

        private @Nullable String ref(Element element, String context) {
            String ref = element.hasAttribute("ref") ? element.getAttribute("ref")
                    : element.getAttribute("nodeset");
            ref = ref.strip();
            return ref.isEmpty() ? null : XPathToXlsForm.resolve(context, ref);
        }

        private static @Nullable BigDecimal number(String text) {
            try {
                return text.isBlank() ? null : new BigDecimal(text.strip());
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }

        private static String last(String path) {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        private static @Nullable Element firstChild(Element parent) {
            List<Element> children = SafeXml.children(parent);
            return children.isEmpty() ? null : children.get(0);
        }
    }

    private record Texts(@Nullable String lead, @Nullable String english) {
    }
}
