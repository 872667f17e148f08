package fr.maillon.importing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

import org.springframework.context.MessageSource;

import fr.maillon.survey.Choice;
import fr.maillon.survey.FormDefinition;
import fr.maillon.survey.QuestionKind;
import fr.maillon.web.RuleViolationException;

/**
 * A questionnaire from LimeSurvey: a survey structure ({@code .lss}, XML) or an archive ({@code .lsa},
 * a zip holding the {@code .lss} and the responses, of which the structure is read). Both layouts:
 * texts inline in the {@code groups}/{@code questions}/{@code answers} rows, one row per language
 * (LimeSurvey 1 to 3), or in {@code group_l10ns}/{@code question_l10ns}/{@code answer_l10ns}
 * (LimeSurvey 4 and later). The base and additional languages are listed; French leads when present.
 *
 * <p>Types: L ! O single choice; M P multiple choice; N numeric; S short text; T U long text; Y
 * yes/no; 5 five-point choice; G gender; arrays F H (answer options), A (1 to 5), B (1 to 10), C
 * (yes/uncertain/no), E (increase/same/decrease), each a matrix section whose rows are single choice
 * questions named {@code code_row}. Other types (dates, rankings, dual-scale and number or text
 * arrays, uploads, equations, display texts) are listed with the reason. Relevance of groups and
 * questions and {@code em_validation_q} are translated from ExpressionScript by
 * {@link ExpressionScript}, or listed with the expression.
 */
public class LimeSurveyReader {

    static final int MAX_ENTRIES = 100;
    static final long MAX_EXPANDED = 100L * 1024 * 1024;
    private static final Pattern SGQA = Pattern.compile("\\d+X\\d+X(\\d+)(\\w*)");
    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(Map.entry("1", "tableau à double échelle"),
            Map.entry(":", "tableau de nombres"), Map.entry(";", "tableau de textes"), Map.entry("R", "classement"),
            Map.entry("K", "plusieurs nombres"), Map.entry("Q", "plusieurs textes courts"),
            Map.entry("I", "choix de langue"), Map.entry("|", "envoi de fichier"), Map.entry("*", "équation"));

    private final MessageSource messages;

    public LimeSurveyReader(MessageSource messages) {
        this.messages = messages;
    }

    public FormRead read(byte[] content, @Nullable String leadLanguage) {
        boolean archive = content.length > 3 && content[0] == 'P' && content[1] == 'K';
        byte[] lss = archive ? lss(content) : content;
        SafeXml.Parsed parsed = SafeXml.read(lss);
        Element document = parsed.document().getDocumentElement();
        Element type = SafeXml.child(document, "LimeSurveyDocType");
        if (!"document".equals(document.getLocalName()) || type == null
                || !type.getTextContent().strip().equalsIgnoreCase("survey")) {
            throw new RuleViolationException("file", "import.limesurvey.notLss");
        }
        FormRead read = new Reading(parsed, document, new FormReading(messages), leadLanguage).read();
        return archive ? new FormRead(FileFormat.LIMESURVEY_LSA, read.form(), read.notKept(), read.languages())
                : read;
    }

    /** The .lss inside an .lsa, its entries and their expanded size bounded. */
    private static byte[] lss(byte[] archive) {
        long expanded = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new RuleViolationException("file", "import.limesurvey.zipEntries", MAX_ENTRIES);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[64 * 1024];
                boolean keep = entry.getName().toLowerCase(Locale.ROOT).endsWith(".lss");
                for (int read = zip.read(buffer); read >= 0; read = zip.read(buffer)) {
                    expanded += read;
                    if (expanded > MAX_EXPANDED) {
                        throw new RuleViolationException("file", "import.limesurvey.zipBomb",
                                MAX_EXPANDED / 1024 / 1024);
                    }
                    if (keep) {
                        out.write(buffer, 0, read);
                    }
                }
                if (keep) {
                    return out.toByteArray();
                }
            }
        }
        catch (ZipException | IllegalArgumentException ex) {
            throw new RuleViolationException("file", "import.limesurvey.zip");
        }
        catch (IOException ex) {
            throw new RuleViolationException("file", "import.limesurvey.zip");
        }
        throw new RuleViolationException("file", "import.limesurvey.noLss");
    }

    /** A row of a table of the .lss, with its line. */
    private record Row(int line, Map<String, String> values) {

        String get(String column) {
            return values.getOrDefault(column, "");
        }

        int number(String column) {
            try {
                return Integer.parseInt(get(column).strip());
            }
            catch (NumberFormatException ex) {
                return 0;
            }
        }
    }

    private record Question(Row row, String qid, String code, String type) {
    }

    /** One file's reading. */
    private static final class Reading {

        private final SafeXml.Parsed parsed;
        private final Element document;
        private final FormReading reading;
        private final @Nullable String lead;
        private final @Nullable String english;
        private final String base;
        private final List<String> languages = new ArrayList<>();
        /** Texts by table, id and language: question, help, group_name, answer. */
        private final Map<String, Map<String, String>> texts = new HashMap<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, Question> byCode = new HashMap<>();
        private final Map<String, Question> byQid = new HashMap<>();
        private final Map<String, List<Row>> subquestions = new HashMap<>();
        private final Map<String, Map<String, String>> attributes = new HashMap<>();

        Reading(SafeXml.Parsed parsed, Element document, FormReading reading, @Nullable String asked) {
            this.parsed = parsed;
            this.document = document;
            this.reading = reading;
            Row survey = rows("surveys").stream().findFirst().orElse(null);
            base = survey == null ? "" : survey.get("language").strip();
            if (!base.isEmpty()) {
                languages.add(base);
            }
            if (survey != null) {
                for (String language : survey.get("additional_languages").strip().split("\\s+")) {
                    if (!language.isEmpty() && !languages.contains(language)) {
                        languages.add(language);
                    }
                }
            }
            Element declared = SafeXml.child(document, "languages");
            if (declared != null) {
                for (Element language : SafeXml.children(declared)) {
                    String code = language.getTextContent().strip();
                    if (!code.isEmpty() && !languages.contains(code)) {
                        languages.add(code);
                    }
                }
            }
            lead = FormReading.lead(languages, asked, base.isEmpty() ? null : base);
            english = FormReading.english(languages, lead);
        }

        FormRead read() {
            boolean localised = SafeXml.child(document, "question_l10ns") != null;
            List<Row> questionRows = new ArrayList<>(rows("questions"));
            questionRows.addAll(rows("subquestions"));
            for (Row row : questionRows) {
                if (!localised) {
                    text("question", row.get("qid"), row.get("language"), row.get("question"));
                    text("help", row.get("qid"), row.get("language"), row.get("help"));
                }
            }
            for (Row row : rows("question_l10ns")) {
                text("question", row.get("qid"), row.get("language"), row.get("question"));
                text("help", row.get("qid"), row.get("language"), row.get("help"));
            }
            for (Row row : rows(localised ? "group_l10ns" : "groups")) {
                text("group", row.get("gid"), row.get("language"), row.get("group_name"));
            }
            Map<String, Row> answerRows = new LinkedHashMap<>();
            for (Row row : rows("answers")) {
                String key = row.get("qid") + "|" + row.get("scale_id") + "|" + row.get("code");
                answerRows.putIfAbsent(key, row);
                if (!localised) {
                    text("answer", key, row.get("language"), row.get("answer"));
                }
                else {
                    text("aid", row.get("aid"), "", key);
                }
            }
            for (Row row : rows("answer_l10ns")) {
                String key = texts.getOrDefault("aid", Map.of()).get(row.get("aid") + "|");
                if (key != null) {
                    text("answer", key, row.get("language"), row.get("answer"));
                }
            }
            for (Row row : rows("question_attributes")) {
                if (row.get("language").isEmpty() || row.get("language").equals(lead)) {
                    attributes.computeIfAbsent(row.get("qid"), key -> new HashMap<>()).put(row.get("attribute"),
                            row.get("value"));
                }
            }
            if (!rows("conditions").isEmpty()) {
                reading.notKept(0, "conditions", "import.limesurvey.conditions");
            }
            // questions once each (old layout: one row per language), subquestions by parent
            Map<String, Question> questions = new LinkedHashMap<>();
            Map<String, Set<String>> seenSub = new HashMap<>();
            for (Row row : questionRows) {
                String parent = row.get("parent_qid").strip();
                if (!parent.isEmpty() && !parent.equals("0")) {
                    if (seenSub.computeIfAbsent(parent, key -> new HashSet<>()).add(row.get("qid"))) {
                        subquestions.computeIfAbsent(parent, key -> new ArrayList<>()).add(row);
                    }
                    continue;
                }
                questions.putIfAbsent(row.get("qid"), new Question(row, row.get("qid"), row.get("title").strip(),
                        row.get("type").strip()));
            }
            Set<String> taken = new HashSet<>();
            for (Question question : questions.values()) {
                names.put(question.qid, FormReading.name(question.code, taken));
                byCode.put(question.code, question);
                byQid.put(question.qid, question);
            }
            for (Question question : questions.values()) {
                if (isArray(question.type)) {
                    for (Row sub : subquestions.getOrDefault(question.qid, List.of())) {
                        names.put(question.qid + "_" + sub.get("title").strip(),
                                FormReading.name(question.code + "_" + sub.get("title").strip(), taken));
                    }
                }
            }
            // groups in their order, questions in theirs
            Map<String, Row> groups = new LinkedHashMap<>();
            rows("groups").stream().sorted(Comparator.comparingInt(row -> row.number("group_order")))
                    .forEach(row -> groups.putIfAbsent(row.get("gid"), row));
            List<FormDefinition.Item> items = new ArrayList<>();
            for (Row group : groups.values()) {
                List<FormDefinition.Item> inside = new ArrayList<>();
                questions.values().stream().filter(question -> question.row.get("gid").equals(group.get("gid")))
                        .sorted(Comparator.comparingInt(question -> question.row.number("question_order")))
                        .forEach(question -> item(question, inside));
                if (inside.isEmpty()) {
                    continue;
                }
                String name = "groupe_" + group.get("gid");
                String title = text("group", group.get("gid"), lead);
                String titleEn = text("group", group.get("gid"), english);
                String relevant = expression(group.get("grelevance"), group.line(), name, "relevant");
                items.add(new FormDefinition.Group(name,
                        reading.bounded(title == null ? name : FormReading.plain(title), FormReading.MAX_TITLE,
                                group.line(), name),
                        titleEn == null ? null
                                : reading.bounded(FormReading.plain(titleEn), FormReading.MAX_TITLE, group.line(),
                                        name),
                        relevant, false, inside));
            }
            if (items.isEmpty()) {
                throw new RuleViolationException("file", "import.form.empty");
            }
            return new FormRead(FileFormat.LIMESURVEY_LSS, new FormDefinition(title(lead), title(english), items),
                    reading.notKept(), FormReading.leadFirst(languages, lead));
        }

        private void item(Question question, List<FormDefinition.Item> items) {
            Row row = question.row;
            String name = names.get(question.qid);
            int line = row.line();
            String type = question.type;
            QuestionKind kind;
            List<Choice> choices = List.of();
            switch (type) {
                case "L", "!", "O" -> {
                    kind = QuestionKind.SINGLE;
                    choices = answers(question.qid, "0");
                }
                case "M", "P" -> {
                    kind = QuestionKind.MULTIPLE;
                    choices = subquestionChoices(question.qid);
                }
                case "N" -> kind = QuestionKind.NUMBER;
                case "S" -> kind = QuestionKind.SHORT_TEXT;
                case "T", "U" -> kind = QuestionKind.LONG_TEXT;
                case "Y" -> kind = QuestionKind.YES_NO;
                case "5" -> {
                    kind = QuestionKind.SINGLE;
                    choices = scale(1, 5);
                }
                case "G" -> {
                    kind = QuestionKind.SINGLE;
                    choices = List.of(fixed("F", "Féminin", "Female"), fixed("M", "Masculin", "Male"));
                }
                case "F", "H", "A", "B", "C", "E" -> {
                    matrix(question, items);
                    return;
                }
                case "D" -> {
                    reading.notKept(line, question.code, "import.limesurvey.date");
                    return;
                }
                case "X" -> {
                    reading.notKept(line, question.code, "import.limesurvey.boilerplate");
                    return;
                }
                default -> {
                    reading.notKept(line, question.code, "import.limesurvey.type", type,
                            TYPE_NAMES.getOrDefault(type, "?"));
                    return;
                }
            }
            if (kind.hasChoices() && (choices.isEmpty() || choices.size() > FormReading.MAX_CHOICES)) {
                reading.notKept(line, question.code, "import.form.choices", choices.size(), FormReading.MAX_CHOICES);
                return;
            }
            Map<String, String> attribute = attributes.getOrDefault(question.qid, Map.of());
            String relevant = expression(row.get("relevance"), line, question.code, "relevant");
            String constraint = expression(attribute.getOrDefault("em_validation_q", ""), line, question.code,
                    "constraint");
            if (!row.get("preg").isBlank()) {
                reading.notKept(line, question.code, "import.limesurvey.validation", row.get("preg").strip());
            }
            BigDecimal minimum = kind == QuestionKind.NUMBER ? number(attribute.get("min_num_value_n")) : null;
            BigDecimal maximum = kind == QuestionKind.NUMBER ? number(attribute.get("max_num_value_n")) : null;
            String label = text("question", question.qid, lead);
            reading.question();
            items.add(new FormDefinition.Field(name, kind,
                    reading.bounded(label == null ? question.code : FormReading.plain(label), FormReading.MAX_TEXT,
                            line, question.code),
                    plainOrNull(text("question", question.qid, english), line, question.code),
                    plainOrNull(text("help", question.qid, lead), line, question.code),
                    plainOrNull(text("help", question.qid, english), line, question.code),
                    row.get("mandatory").strip().equals("Y"), relevant, constraint,
                    constraint == null ? null
                            : plainOrNull(attribute.get("em_validation_q_tip"), line, question.code),
                    null, minimum, maximum, choices,
                    kind.hasChoices() && row.get("other").strip().equals("Y") && !type.equals("5")));
        }

        /** An array: a matrix section whose rows are single choices over the array's scale. */
        private void matrix(Question question, List<FormDefinition.Item> items) {
            Row row = question.row;
            int line = row.line();
            List<Choice> scale = switch (question.type) {
                case "A" -> scale(1, 5);
                case "B" -> scale(1, 10);
                case "C" -> List.of(fixed("Y", "Oui", "Yes"), fixed("U", "Incertain", "Uncertain"),
                        fixed("N", "Non", "No"));
                case "E" -> List.of(fixed("I", "Augmente", "Increase"), fixed("S", "Pareil", "Same"),
                        fixed("D", "Diminue", "Decrease"));
                default -> answers(question.qid, "0");
            };
            List<Row> rowsOfArray = subquestions.getOrDefault(question.qid, List.of()).stream()
                    .filter(sub -> sub.get("scale_id").isBlank() || sub.get("scale_id").strip().equals("0"))
                    .sorted(Comparator.comparingInt(sub -> sub.number("question_order"))).toList();
            if (rowsOfArray.isEmpty()) {
                reading.notKept(line, question.code, "import.limesurvey.noSubquestions");
                return;
            }
            if (scale.isEmpty() || scale.size() > FormReading.MAX_CHOICES) {
                reading.notKept(line, question.code, "import.form.choices", scale.size(), FormReading.MAX_CHOICES);
                return;
            }
            boolean required = row.get("mandatory").strip().equals("Y");
            List<FormDefinition.Item> fields = new ArrayList<>();
            for (Row sub : rowsOfArray) {
                String code = sub.get("title").strip();
                String label = text("question", sub.get("qid"), lead);
                reading.question();
                fields.add(new FormDefinition.Field(names.get(question.qid + "_" + code), QuestionKind.SINGLE,
                        reading.bounded(label == null ? code : FormReading.plain(label), FormReading.MAX_TEXT,
                                sub.line(), question.code + "_" + code),
                        plainOrNull(text("question", sub.get("qid"), english), sub.line(), code), null, null, required,
                        expression(sub.get("relevance"), sub.line(), question.code + "_" + code, "relevant"), null,
                        null, null, null, null, scale, false));
            }
            String title = text("question", question.qid, lead);
            String titleEn = text("question", question.qid, english);
            String attribute = attributes.getOrDefault(question.qid, Map.of()).getOrDefault("em_validation_q", "");
            if (!attribute.isBlank()) {
                expression(attribute, line, question.code, "constraint");
            }
            items.add(new FormDefinition.Group(names.get(question.qid),
                    reading.bounded(title == null ? question.code : FormReading.plain(title), FormReading.MAX_TEXT,
                            line, question.code),
                    plainOrNull(titleEn, line, question.code),
                    expression(row.get("relevance"), line, question.code, "relevant"), true, fields));
        }

        private List<Choice> answers(String qid, String scale) {
            List<Choice> choices = new ArrayList<>();
            rows("answers").stream().filter(row -> row.get("qid").equals(qid)
                    && (row.get("scale_id").isBlank() ? "0" : row.get("scale_id").strip()).equals(scale))
                    .sorted(Comparator.comparingInt(row -> row.number("sortorder")))
                    .map(row -> row.get("qid") + "|" + row.get("scale_id") + "|" + row.get("code")).distinct()
                    .forEach(key -> {
                        String code = key.substring(key.lastIndexOf('|') + 1);
                        String label = text("answer", key, lead);
                        String labelEn = text("answer", key, english);
                        choices.add(new Choice(FormReading.choiceCode(code),
                                label == null ? code : bounded(FormReading.plain(label)),
                                labelEn == null ? null : bounded(FormReading.plain(labelEn))));
                    });
            return choices;
        }

        private List<Choice> subquestionChoices(String qid) {
            List<Choice> choices = new ArrayList<>();
            subquestions.getOrDefault(qid, List.of()).stream()
                    .sorted(Comparator.comparingInt(row -> row.number("question_order"))).forEach(row -> {
                        String code = row.get("title").strip();
                        String label = text("question", row.get("qid"), lead);
                        String labelEn = text("question", row.get("qid"), english);
                        choices.add(new Choice(FormReading.choiceCode(code),
                                label == null ? code : bounded(FormReading.plain(label)),
                                labelEn == null ? null : bounded(FormReading.plain(labelEn))));
                    });
            return choices;
        }

        /** A choice LimeSurvey names itself, in French when French leads, else in English. */
        private Choice fixed(String code, String french, String english) {
            return lead != null && FormReading.french(lead) ? new Choice(code, french, english)
                    : new Choice(code, english, null);
        }

        private static List<Choice> scale(int from, int to) {
            List<Choice> choices = new ArrayList<>();
            for (int value = from; value <= to; value++) {
                choices.add(new Choice(String.valueOf(value), String.valueOf(value), null));
            }
            return choices;
        }

        /** ExpressionScript in XLSForm syntax, or null (noted with the expression) when it cannot be. */
        private @Nullable String expression(@Nullable String text, int line, String name, String kind) {
            if (text == null || text.isBlank()) {
                return null;
            }
            XPathToXlsForm.Result result = ExpressionScript.convert(text, this::reference);
            if (result.expression() == null && result.reason() != null) {
                String shown = text.strip();
                reading.notKept(line, name, "import.form.expression." + kind,
                        shown.length() > 300 ? shown.substring(0, 300) + "…" : shown, reading.reason(result.reason()));
            }
            return result.expression();
        }

        /** What a code names: a question, an array's row, a multiple choice's option (also as SGQA). */
        private ExpressionScript.@Nullable Reference reference(String code) {
            Matcher sgqa = SGQA.matcher(code);
            Question question;
            String sub;
            if (sgqa.matches()) {
                question = byQid.get(sgqa.group(1));
                sub = sgqa.group(2);
            }
            else {
                question = byCode.get(code);
                sub = "";
                if (question == null && code.contains("_")) {
                    int underscore = code.lastIndexOf('_');
                    question = byCode.get(code.substring(0, underscore));
                    sub = code.substring(underscore + 1);
                }
            }
            if (question == null) {
                return null;
            }
            if (sub.isEmpty()) {
                return isArray(question.type) ? null : new ExpressionScript.Question(names.get(question.qid),
                        question.type.equals("Y"));
            }
            if (question.type.equals("M") || question.type.equals("P")) {
                return new ExpressionScript.Option(names.get(question.qid), FormReading.choiceCode(sub));
            }
            String row = names.get(question.qid + "_" + sub);
            return row == null ? null : new ExpressionScript.Question(row);
        }

        private static boolean isArray(String type) {
            return Set.of("F", "H", "A", "B", "C", "E").contains(type);
        }

        private @Nullable String title(@Nullable String language) {
            if (language == null) {
                return null;
            }
            for (Row row : rows("surveys_languagesettings")) {
                if (row.get("surveyls_language").equals(language) && !row.get("surveyls_title").isBlank()) {
                    return reading.bounded(FormReading.plain(row.get("surveyls_title")), FormReading.MAX_TITLE,
                            row.line(), "title");
                }
            }
            return language.equals(lead) ? "LimeSurvey" : null;
        }

        private void text(String table, String id, String language, String value) {
            texts.computeIfAbsent(table, key -> new HashMap<>()).putIfAbsent(id + "|" + language, value);
        }

        private @Nullable String text(String table, String id, @Nullable String language) {
            if (language == null) {
                return null;
            }
            String text = texts.getOrDefault(table, Map.of()).get(id + "|" + language);
            return text == null || text.isBlank() ? null : text;
        }

        private @Nullable String plainOrNull(@Nullable String html, int line, String name) {
            return html == null ? null : reading.boundedOrNull(FormReading.plain(html), FormReading.MAX_TEXT, line,
                    name);
        }

        private static String bounded(String text) {
            return text.length() > FormReading.MAX_TEXT ? text.substring(0, FormReading.MAX_TEXT) : text;
        }

        private static @Nullable BigDecimal number(@Nullable String text) {
            try {
                return text == null || text.isBlank() ? null : new BigDecimal(text.strip());
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }

        private final Map<String, List<Row>> tables = new HashMap<>();

        /** A table's rows: {@code <table><rows><row><column>value</column>...}. */
        private List<Row> rows(String table) {
            return tables.computeIfAbsent(table, key -> {
                Element element = SafeXml.child(document, key);
                Element rows = element == null ? null : SafeXml.child(element, "rows");
                if (rows == null) {
                    return List.of();
                }
                List<Row> result = new ArrayList<>();
                for (Element row : SafeXml.children(rows)) {
                    Map<String, String> values = new HashMap<>();
                    for (Element column : SafeXml.children(row)) {
                        values.put(column.getLocalName(), column.getTextContent());
                    }
                    result.add(new Row(parsed.line(row), values));
                }
                return result;
            });
        }
    }
}
