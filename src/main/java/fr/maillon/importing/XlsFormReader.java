package fr.maillon.importing;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import fr.maillon.survey.Choice;
import fr.maillon.survey.FormDefinition;
import fr.maillon.survey.QuestionKind;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/**
 * An XLSForm (KoboToolbox, ODK, pyxform) read into a {@link FormDefinition}, rows in the file's
 * order: groups (nested) and their {@code relevant}; questions with {@code relevant},
 * {@code constraint} and its message, {@code required} and {@code or_other}. Expressions are kept
 * as the file writes them ({@code ${name}} references), for the survey to evaluate.
 *
 * <p>Texts: the French columns lead ({@code label::Français (fr)}, {@code label::French (fr)},
 * {@code label::french}, {@code label:fr}…); English ones are the translation. With no French, the
 * caller names the leading language ({@link FormRead#languages()} lists them).
 *
 * <p>Mapped in a documented way, and listed: a {@code begin repeat} becomes a group asked once; an
 * old {@code begin loop over list} becomes one group per choice of the list, {@code %(label)s} and
 * {@code %(name)s} replaced by the choice's label and name, each question named
 * {@code <question>_<choice>}. Listed and left out: types Maillon does not ask (dates, places,
 * photos, calculations, notes, metadata), columns it does not use (appearance it ignores,
 * choice_filter, default, media…), languages other than the leading one and English, texts over
 * {@value #MAX_TEXT} characters (cut). Refused, with the row: an unbalanced group, more than
 * {@value #MAX_QUESTIONS} questions, groups nested deeper than {@value #MAX_DEPTH}.
 */
public final class XlsFormReader {

    public static final int MAX_QUESTIONS = 1_000;
    public static final int MAX_CHOICES = 500;
    public static final int MAX_TEXT = 10_000;
    static final int MAX_DEPTH = 30;
    private static final int MAX_TITLE = 200;

    private static final java.util.regex.Pattern CHOICE_CODE = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,60}");
    private static final Set<String> YES = Set.of("yes", "true", "true()", "1", "oui", "vrai");
    private static final Set<String> NO = Set.of("no", "false", "false()", "0", "non", "faux", "");
    private static final Set<String> METADATA = Set.of("start", "end", "today", "deviceid", "imei", "username",
            "email", "audit", "simserial", "subscriberid", "phonenumber", "start-geopoint", "background-audio",
            "background-geopoint", "uri:deviceid", "uri:email", "uri:username", "uri:phonenumber",
            "uri:subscriberid", "uri:simserial");
    /** The select types, longest first, and whether they let several choices. */
    private static final List<Map.Entry<String, Boolean>> SELECTS = List.of(
            Map.entry("add select multiple prompt using ", true), Map.entry("add select one prompt using ", false),
            Map.entry("select all that apply from ", true), Map.entry("select all that apply ", true),
            Map.entry("select multiple from ", true), Map.entry("select multiple ", true),
            Map.entry("select_multiple ", true), Map.entry("select one from ", false),
            Map.entry("select one ", false), Map.entry("select_one ", false), Map.entry("select1 ", false));
    /** Columns read (as their folded header without language), by what they are. */
    private static final Map<String, String> SURVEY_COLUMNS = Map.ofEntries(Map.entry("type", "type"),
            Map.entry("command", "type"), Map.entry("name", "name"), Map.entry("tag", "name"),
            Map.entry("value", "name"), Map.entry("label", "label"), Map.entry("caption", "label"),
            Map.entry("hint", "hint"), Map.entry("relevant", "relevant"), Map.entry("relevance", "relevant"),
            Map.entry("bind:relevant", "relevant"), Map.entry("required", "required"),
            Map.entry("bind:required", "required"), Map.entry("constraint", "constraint"),
            Map.entry("bind:constraint", "constraint"), Map.entry("constraint_message", "constraint_message"),
            Map.entry("constraining_message", "constraint_message"),
            Map.entry("jr:constraintmsg", "constraint_message"),
            Map.entry("bind:jr:constraintmsg", "constraint_message"), Map.entry("appearance", "appearance"),
            Map.entry("control:appearance", "appearance"), Map.entry("parameters", "parameters"),
            Map.entry("repeat_count", "repeat_count"), Map.entry("jr:count", "repeat_count"),
            Map.entry("count", "repeat_count"), Map.entry("calculation", "calculation"),
            Map.entry("bind:calculate", "calculation"));
    /** Headers of translatable texts, longest first, and the text each is. */
    private static final Map<String, String> TEXT_PREFIXES_FIELD = new LinkedHashMap<>();
    private static final Map<String, String> TEXT_PREFIXES = new LinkedHashMap<>();

    static {
        for (String[] prefix : new String[][] { { "bind:jr:constraintmsg", "constraint_message" },
                { "jr:constraintmsg", "constraint_message" }, { "constraint_message", "constraint_message" },
                { "constraining_message", "constraint_message" }, { "caption", "label" }, { "label", "label" },
                { "hint", "hint" } }) {
            TEXT_PREFIXES_FIELD.put(prefix[0], prefix[1]);
            TEXT_PREFIXES.put(prefix[0], prefix[0]);
        }
    }

    /** Columns that only explain the form to its authors (pyxform's tutorial notes): not listed. */
    private static final Set<String> COMMENTS = Set.of("tutorial notes", "notes", "note", "comment", "comments");

    private XlsFormReader() {
    }

    /** The questionnaire of a workbook's sheets (a file's name gives the title when its settings have none). */
    public static FormRead read(Map<String, Table> sheets, String filename, @Nullable String leadLanguage) {
        return read(sheets, filename, leadLanguage, FileFormat.XLSX);
    }

    static FormRead read(Map<String, Table> sheets, String filename, @Nullable String leadLanguage,
            FileFormat format) {
        Table survey = sheet(sheets, "survey");
        if (survey == null) {
            throw new RuleViolationException("file", "import.xlsform.noSurvey", String.join(", ", sheets.keySet()));
        }
        Table choices = sheet(sheets, "choices");
        Table settings = sheet(sheets, "settings");
        Columns columns = new Columns(survey);
        if (columns.single("type") < 0 || columns.single("name") < 0) {
            throw new RuleViolationException("file", "import.xlsform.noType", String.join(", ", survey.headers()));
        }
        Columns choiceColumns = choices == null ? null : new Columns(choices);
        List<String> languages = languages(columns, choiceColumns);
        String lead = lead(languages, leadLanguage, settings);
        List<String> ordered = new ArrayList<>();
        if (lead != null) {
            ordered.add(lead);
        }
        languages.stream().filter(language -> !language.equals(lead)).forEach(ordered::add);
        Language english = languages.stream().filter(FormReaders::isEnglish).filter(language -> !language.equals(lead))
                .findFirst().map(Language::new).orElse(null);
        Reading reading = new Reading(columns, new Language(lead), english);
        for (String language : languages) {
            if (!language.equals(lead) && (english == null || !language.equals(english.name()))) {
                reading.notKept(1, "", "import.xlsform.language", language);
            }
        }
        reading.lists = choices == null ? Map.of() : reading.lists(choices, choiceColumns);
        List<FormDefinition.Item> items = reading.items(survey);
        if (reading.questions == 0) {
            throw new RuleViolationException("file", "import.xlsform.empty");
        }
        String title = settings == null ? "" : first(settings, "form_title", "set_form_title", "title");
        if (title.isEmpty()) {
            title = filename.replaceAll("\\.[A-Za-z]{1,5}$", "").strip();
        }
        if (title.isEmpty()) {
            title = "Questionnaire";
        }
        if (title.length() > MAX_TITLE) {
            reading.notKept(1, "form_title", "import.xlsform.titleCut", title.length(), MAX_TITLE);
            title = title.substring(0, MAX_TITLE);
        }
        return new FormRead(format, new FormDefinition(title, null, items), reading.notKept, ordered);
    }

    /** The languages of the texts (labels, hints, messages), in the order of their columns; "" when unnamed. */
    private static List<String> languages(Columns survey, @Nullable Columns choices) {
        Set<String> named = new java.util.LinkedHashSet<>();
        for (Columns columns : choices == null ? List.of(survey) : List.of(survey, choices)) {
            for (String field : List.of("label", "hint", "constraint_message")) {
                columns.translations(field).keySet().stream().filter(language -> !language.isEmpty())
                        .forEach(named::add);
            }
        }
        // one spelling per language: "French (fr)" and "french" are the same
        Map<String, String> byKey = new LinkedHashMap<>();
        named.forEach(language -> byKey.putIfAbsent(FormReaders.languageKey(language), language));
        return List.copyOf(byKey.values());
    }

    /**
     * The leading language: French when there is French; else the one chosen (it must be one of
     * the file's); else the settings' default language or the first, for the preview to ask about.
     */
    private static @Nullable String lead(List<String> languages, @Nullable String chosen, @Nullable Table settings) {
        if (languages.isEmpty()) {
            return null;
        }
        String french = languages.stream().filter(FormReaders::isFrench).findFirst().orElse(null);
        if (chosen != null && !chosen.isBlank()) {
            String key = FormReaders.languageKey(chosen);
            return languages.stream().filter(language -> FormReaders.languageKey(language).equals(key)).findFirst()
                    .orElseThrow(() -> new RuleViolationException("leadLanguage", "import.form.leadLanguage.unknown",
                            chosen.length() > 60 ? chosen.substring(0, 60) : chosen, String.join(", ", languages)));
        }
        if (french != null) {
            return french;
        }
        String preferred = settings == null ? "" : first(settings, "default_language");
        String key = FormReaders.languageKey(preferred);
        return languages.stream().filter(language -> !preferred.isEmpty() && FormReaders.languageKey(language)
                .equals(key)).findFirst().orElse(languages.get(0));
    }

    /** A language's texts: its name ("" for the unnamed columns). */
    private record Language(@Nullable String name) {
    }

    /** One reading of a form: what it kept and what it could not. */
    private static final class Reading {

        private final Columns columns;
        private final Language lead;
        private final @Nullable Language english;
        private final List<ImportProblem> notKept = new ArrayList<>();
        private Map<String, ChoiceList> lists = Map.of();
        private final Set<String> names = new HashSet<>();
        private int questions;

        Reading(Columns columns, Language lead, @Nullable Language english) {
            this.columns = columns;
            this.lead = lead;
            this.english = english;
        }

        void notKept(int line, String name, String code, Object... arguments) {
            notKept.add(new ImportProblem(line, name, ReaderMessages.text(code, arguments)));
        }

        /** The survey sheet's rows as items, groups holding theirs. */
        List<FormDefinition.Item> items(Table survey) {
            Deque<Frame> stack = new ArrayDeque<>();
            Frame root = new Frame(Frame.Kind.ROOT, 0, "", null, null, null, null, null);
            stack.push(root);
            for (Table.Row row : survey.rows()) {
                String type = row.cell(columns.single("type")).replaceAll("\\s+", " ");
                String name = row.cell(columns.single("name"));
                if (type.isEmpty()) {
                    if (!name.isEmpty() || !text(row, "label", lead).isEmpty()) {
                        notKept(row.line(), name, "import.xlsform.noTypeRow");
                    }
                    continue;
                }
                String keyword = Texts.fold(type).replace('_', ' ');
                if (keyword.startsWith("begin ")) {
                    if (stack.size() > MAX_DEPTH) {
                        throw new RuleViolationException("file", "import.xlsform.tooDeep", row.line(), MAX_DEPTH);
                    }
                    stack.push(begin(row, type, keyword, name));
                    continue;
                }
                if (keyword.startsWith("end ")) {
                    Frame frame = stack.peek();
                    Frame.Kind kind = Frame.kindOf(keyword.substring(4));
                    if (frame.kind == Frame.Kind.ROOT || kind == null || kind != frame.kind) {
                        throw new RuleViolationException("file", "import.xlsform.unbalanced", row.line(), type);
                    }
                    stack.pop();
                    stack.peek().items.addAll(end(frame));
                    continue;
                }
                FormDefinition.Field field = question(row, type, keyword, name);
                if (field != null) {
                    stack.peek().items.add(field);
                    count(row.line(), 1);
                }
                ignoredColumns(row, name, keyword);
            }
            if (stack.size() > 1) {
                Frame open = stack.peek();
                throw new RuleViolationException("file", "import.xlsform.unclosed", open.line, open.name);
            }
            return root.items;
        }

        private void count(int line, int more) {
            questions += more;
            if (questions > MAX_QUESTIONS) {
                throw new RuleViolationException("file", "import.xlsform.tooMany", MAX_QUESTIONS, line);
            }
        }

        private Frame begin(Table.Row row, String type, String keyword, String name) {
            String rest = keyword.substring(6).strip();
            Frame.Kind kind = Frame.kindOf(rest.startsWith("loop") ? "loop" : rest);
            if (kind == null) {
                throw new RuleViolationException("file", "import.xlsform.unbalanced", row.line(), type);
            }
            String list = null;
            if (kind == Frame.Kind.LOOP) {
                int over = Texts.fold(type).lastIndexOf(" over ");
                list = over < 0 ? "" : type.substring(over + 6).strip();
            }
            String relevant = nullIfEmpty(row.cell(columns.single("relevant")));
            String title = text(row, "label", lead);
            String titleEn = english == null ? null : nullIfEmpty(text(row, "label", english));
            if (kind != Frame.Kind.LOOP) {
                title = cut(row.line(), name, title.isEmpty() ? (name.isEmpty() ? "Partie" : name) : title, 200);
                titleEn = titleEn == null ? null : cut(row.line(), name, titleEn, 200);
            }
            Frame frame = new Frame(kind, row.line(), name, title, titleEn, relevant,
                    Texts.fold(row.cell(columns.single("appearance"))), list);
            if (kind == Frame.Kind.REPEAT) {
                String count = row.cell(columns.single("repeat_count"));
                notKept(row.line(), name, count.isEmpty() ? "import.xlsform.repeat" : "import.xlsform.repeatCount",
                        count);
            }
            ignoredColumns(row, name, "begin");
            return frame;
        }

        /** A closed group as the items it gives: itself, or (a loop) one group per choice of its list. */
        private List<FormDefinition.Item> end(Frame frame) {
            if (frame.kind != Frame.Kind.LOOP) {
                boolean matrix = frame.appearance.contains("table-list") && matrix(frame.items);
                return List.of(new FormDefinition.Group(frame.name, frame.title, frame.titleEn, frame.relevant,
                        matrix, frame.items));
            }
            ChoiceList list = lists.get(frame.list);
            if (list == null || list.choices.isEmpty()) {
                notKept(frame.line, frame.name, "import.xlsform.loopList", frame.list);
                count(frame.line, -fieldCount(frame.items));
                return List.of();
            }
            notKept(frame.line, frame.name, "import.xlsform.loop", frame.list, list.choices.size());
            List<FormDefinition.Item> groups = new ArrayList<>();
            int inside = fieldCount(frame.items);
            count(frame.line, inside * (list.choices.size() - 1));
            for (Choice choice : list.choices) {
                String title = frame.title == null || frame.title.isEmpty() ? choice.label()
                        : cut(frame.line, frame.name, frame.title + " — " + choice.label(), 200);
                groups.add(new FormDefinition.Group(frame.name + "_" + choice.code(), title,
                        choice.labelEn(), frame.relevant, false, looped(frame.items, choice)));
            }
            return groups;
        }

        /** A loop's items for one choice: names suffixed, %(label)s and %(name)s replaced. */
        private static List<FormDefinition.Item> looped(List<FormDefinition.Item> items, Choice choice) {
            List<FormDefinition.Item> copies = new ArrayList<>();
            for (FormDefinition.Item item : items) {
                if (item instanceof FormDefinition.Group group) {
                    copies.add(new FormDefinition.Group(group.name() + "_" + choice.code(),
                            fill(group.title(), choice, false), fill(group.titleEn(), choice, true), group.relevant(),
                            group.matrix(), looped(group.items(), choice)));
                    continue;
                }
                FormDefinition.Field field = (FormDefinition.Field) item;
                copies.add(new FormDefinition.Field(field.name() + "_" + choice.code(), field.kind(),
                        fill(field.label(), choice, false), fill(field.labelEn(), choice, true),
                        fill(field.hint(), choice, false), fill(field.hintEn(), choice, true), field.required(),
                        field.relevant(), field.constraint(), field.constraintMessage(), field.constraintMessageEn(),
                        field.minimum(), field.maximum(), field.choices(), field.orOther()));
            }
            return copies;
        }

        private static @Nullable String fill(@Nullable String text, Choice choice, boolean english) {
            if (text == null) {
                return null;
            }
            String label = english && choice.labelEn() != null ? choice.labelEn() : choice.label();
            return text.replace("%(label)s", label).replace("%(name)s", choice.code());
        }

        /** A table-list group whose questions are single choices over one same list: a grid. */
        private static boolean matrix(List<FormDefinition.Item> items) {
            if (items.size() < 2) {
                return false;
            }
            List<Choice> scale = null;
            for (FormDefinition.Item item : items) {
                if (!(item instanceof FormDefinition.Field field) || field.kind() != QuestionKind.SINGLE
                        || field.orOther() || scale != null && !scale.equals(field.choices())) {
                    return false;
                }
                scale = field.choices();
            }
            return true;
        }

        private FormDefinition.@Nullable Field question(Table.Row row, String type, String keyword, String name) {
            int line = row.line();
            if (name.isEmpty()) {
                notKept(line, "", "import.xlsform.noName", type);
                return null;
            }
            QuestionKind kind = null;
            List<Choice> choices = List.of();
            boolean orOther = false;
            BigDecimal minimum = null;
            BigDecimal maximum = null;
            String select = select(type);
            if (select != null) {
                boolean multiple = select.startsWith("+");
                String list = select.substring(1);
                if (list.endsWith(" or_other") || Texts.fold(list).endsWith(" or specify other")) {
                    orOther = true;
                    list = list.substring(0, list.endsWith(" or_other") ? list.length() - 9 : list.length() - 17)
                            .strip();
                }
                ChoiceList found = lists.get(list);
                if (found == null || found.choices.size() < 2) {
                    notKept(line, name, "import.xlsform.choices", list, found == null ? 0 : found.choices.size());
                    return null;
                }
                if (found.choices.size() > MAX_CHOICES) {
                    notKept(line, name, "import.xlsform.tooManyChoices", list, found.choices.size(), MAX_CHOICES);
                    return null;
                }
                kind = multiple ? QuestionKind.MULTIPLE : QuestionKind.SINGLE;
                choices = found.choices;
                if (!row.cell(columns.single("choice_filter")).isEmpty()) {
                    notKept(line, name, "import.xlsform.choiceFilter", row.cell(columns.single("choice_filter")));
                }
            }
            else if (keyword.equals("integer") || keyword.equals("int") || keyword.equals("decimal")) {
                kind = QuestionKind.NUMBER;
            }
            else if (keyword.equals("range")) {
                kind = QuestionKind.NUMBER;
                for (String parameter : row.cell(columns.single("parameters")).split("[\\s;,]+")) {
                    String[] pair = parameter.split("=", 2);
                    BigDecimal number = pair.length == 2 ? number(pair[1]) : null;
                    if (number != null && Texts.fold(pair[0]).equals("start")) {
                        minimum = number;
                    }
                    else if (number != null && Texts.fold(pair[0]).equals("end")) {
                        maximum = number;
                    }
                }
                if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
                    BigDecimal swap = minimum;
                    minimum = maximum;
                    maximum = swap;
                }
            }
            else if (keyword.equals("text") || keyword.equals("string")) {
                kind = Texts.fold(row.cell(columns.single("appearance"))).contains("multiline") ? QuestionKind.LONG_TEXT
                        : QuestionKind.SHORT_TEXT;
            }
            else if (keyword.equals("phone number")) {
                kind = QuestionKind.SHORT_TEXT;
                notKept(line, name, "import.xlsform.phone");
            }
            if (kind != null && kind.hasChoices() && List.of(Texts.fold(row.cell(columns.single("appearance")))
                    .split("\\s+")).contains("label")) {
                // ODK's "label" appearance: the choices' labels as a table's header row, nothing to answer
                notKept(line, name, "import.xform.labelRow");
                return null;
            }
            if (kind == null) {
                String code = keyword.equals("calculate") ? "import.xlsform.calculate"
                        : keyword.equals("note") ? "import.xlsform.note"
                        : METADATA.contains(keyword) ? "import.xlsform.metadata" : "import.xlsform.type";
                notKept(line, name, code, type);
                return null;
            }
            if (!names.add(name)) {
                notKept(line, name, "import.xlsform.duplicate", name);
                return null;
            }
            String label = text(row, "label", lead);
            if (label.isEmpty()) {
                label = name;
            }
            String requiredCell = row.cell(columns.single("required"));
            String folded = Texts.fold(requiredCell).replace(" ", "");
            boolean required = YES.contains(folded);
            if (!required && !NO.contains(folded)) {
                notKept(line, name, "import.xlsform.requiredExpression", requiredCell);
            }
            String constraint = nullIfEmpty(row.cell(columns.single("constraint")));
            return new FormDefinition.Field(name, kind, cut(line, name, label, MAX_TEXT), english(row, "label", line,
                    name), nullIfEmpty(cut(line, name, text(row, "hint", lead), MAX_TEXT)), english(row, "hint", line,
                    name), required, nullIfEmpty(row.cell(columns.single("relevant"))), constraint,
                    constraint == null ? null : nullIfEmpty(cut(line, name, text(row, "constraint_message", lead),
                            MAX_TEXT)), constraint == null ? null : english(row, "constraint_message", line, name),
                    minimum, maximum, choices, orOther);
        }

        /** "+list" for a multiple choice over a list, "-list" for a single choice; null for other types. */
        private static @Nullable String select(String type) {
            String lower = type.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Boolean> select : SELECTS) {
                if (lower.startsWith(select.getKey())) {
                    String rest = type.substring(select.getKey().length()).strip();
                    return rest.isEmpty() ? null : (select.getValue() ? "+" : "-") + rest;
                }
            }
            return null;
        }

        /** Cells of columns Maillon does not use, each listed with its row. */
        private void ignoredColumns(Table.Row row, String name, String keyword) {
            for (int column = 0; column < row.cells().size(); column++) {
                String value = row.cell(column);
                String use = columns.use(column);
                if (value.isEmpty() || use == null || use.equals("used")) {
                    continue;
                }
                if (use.equals("appearance")) {
                    if (!value.toLowerCase(Locale.ROOT).contains("multiline") && !(keyword.startsWith("begin")
                            && Texts.fold(value).contains("table-list"))) {
                        notKept(row.line(), name, "import.xlsform.appearance", value);
                    }
                    continue;
                }
                if (use.equals("calculation") && keyword.equals("calculate")) {
                    continue;
                }
                if (use.equals("repeat_count") || use.equals("choice_filter")
                        || use.equals("parameters") && keyword.equals("range")) {
                    continue;
                }
                notKept(row.line(), name, "import.xlsform.column", columns.header(column),
                        value.length() > 80 ? value.substring(0, 80) + "…" : value);
            }
        }

        /** A row's text of a field in a language; else the unnamed column's; else "". */
        private String text(Table.Row row, String field, Language language) {
            Map<String, Integer> translations = columns.translations(field);
            Integer column = language.name() == null ? null : columns.column(field, language.name());
            String text = column == null ? "" : row.cell(column);
            if (text.isEmpty() && translations.containsKey("")) {
                text = row.cell(translations.get(""));
            }
            if (text.isEmpty() && language.name() == null) {
                for (int other : translations.values()) {
                    if (!row.cell(other).isEmpty()) {
                        return row.cell(other);
                    }
                }
            }
            return text;
        }

        private @Nullable String english(Table.Row row, String field, int line, String name) {
            if (english == null) {
                return null;
            }
            Integer column = columns.column(field, english.name());
            return column == null ? null : nullIfEmpty(cut(line, name, row.cell(column), MAX_TEXT));
        }

        /** A text within its bound; a longer one is cut there and listed. */
        private String cut(int line, String name, String text, int max) {
            if (text.length() <= max) {
                return text;
            }
            notKept(line, name, "import.xlsform.textCut", text.length(), max);
            return text.substring(0, max);
        }

        /** The choices sheet's lists, by name, in order; a name twice in a list is listed. */
        Map<String, ChoiceList> lists(Table choices, Columns choiceColumns) {
            int list = choiceColumns.single("list_name");
            int name = choiceColumns.single("name");
            Map<String, ChoiceList> lists = new LinkedHashMap<>();
            if (list < 0 || name < 0) {
                if (choices.rows().isEmpty()) {
                    return lists;
                }
                notKept(1, "choices", "import.xlsform.choicesSheet", String.join(", ", choices.headers()));
                return lists;
            }
            for (Table.Row row : choices.rows()) {
                String listName = row.cell(list);
                String value = row.cell(name);
                if (listName.isEmpty() && value.isEmpty()) {
                    continue;
                }
                if (listName.isEmpty() || value.isEmpty()) {
                    notKept(row.line(), value.isEmpty() ? listName : value, "import.xlsform.choiceIncomplete");
                    continue;
                }
                ChoiceList choiceList = lists.computeIfAbsent(listName, key -> new ChoiceList());
                if (!choiceList.codes.add(value)) {
                    notKept(row.line(), value, "import.xlsform.choiceTwice", listName);
                    continue;
                }
                String code = value;
                if (!CHOICE_CODE.matcher(value).matches()) {
                    // a survey's choice codes are letters, digits, _ . and -: the name is rewritten, and said so
                    String base = value.replaceAll("[^A-Za-z0-9_.-]", "_");
                    base = base.length() > 55 ? base.substring(0, 55) : base;
                    code = base;
                    for (int suffix = 2; !choiceList.codes.add(code); suffix++) {
                        code = base + "_" + suffix;
                    }
                    notKept(row.line(), value, "import.xlsform.choiceCode", value, code);
                }
                String label = choiceText(row, choiceColumns, lead);
                String labelEn = english == null ? null : nullIfEmpty(choiceText(row, choiceColumns, english));
                choiceList.choices.add(new Choice(code, cut(row.line(), value, label.isEmpty() ? value : label,
                        MAX_TEXT), labelEn == null ? null : cut(row.line(), value, labelEn, MAX_TEXT)));
            }
            return lists;
        }

        private static String choiceText(Table.Row row, Columns columns, Language language) {
            Integer column = language.name() == null ? null : columns.column("label", language.name());
            String text = column == null ? "" : row.cell(column);
            Map<String, Integer> translations = columns.translations("label");
            if (text.isEmpty() && translations.containsKey("")) {
                text = row.cell(translations.get(""));
            }
            if (text.isEmpty() && language.name() == null) {
                for (int other : translations.values()) {
                    if (!row.cell(other).isEmpty()) {
                        return row.cell(other);
                    }
                }
            }
            return text;
        }
    }

    private static final class ChoiceList {
        private final List<Choice> choices = new ArrayList<>();
        private final Set<String> codes = new HashSet<>();
    }

    /** A group, repeat or loop being read, with the items met so far. */
    private static final class Frame {

        enum Kind {
            ROOT, GROUP, REPEAT, LOOP;
        }

        private final Kind kind;
        private final int line;
        private final String name;
        private final @Nullable String title;
        private final @Nullable String titleEn;
        private final @Nullable String relevant;
        private final String appearance;
        private final @Nullable String list;
        private final List<FormDefinition.Item> items = new ArrayList<>();

        Frame(Kind kind, int line, String name, @Nullable String title, @Nullable String titleEn,
                @Nullable String relevant, @Nullable String appearance, @Nullable String list) {
            this.kind = kind;
            this.line = line;
            this.name = name;
            this.title = title;
            this.titleEn = titleEn;
            this.relevant = relevant;
            this.appearance = appearance == null ? "" : appearance;
            this.list = list;
        }

        /** group, repeat, loop (pyxform's aliases too); null for anything else. */
        static @Nullable Kind kindOf(String word) {
            return switch (word.strip()) {
                case "group" -> Kind.GROUP;
                case "repeat", "lgroup", "looped group" -> Kind.REPEAT;
                case "loop" -> Kind.LOOP;
                default -> null;
            };
        }
    }

    /**
     * Where a sheet's columns are: by what they are ({@code type}, {@code relevant}…, aliases and
     * {@code bind:} prefixes understood), texts by language ({@code label::French (fr)},
     * {@code label:english}, {@code label}).
     */
    static final class Columns {

        private final Table table;
        private final Map<String, Integer> singles = new LinkedHashMap<>();
        private final Map<String, Map<String, Integer>> translations = new LinkedHashMap<>();
        private final Map<Integer, String> uses = new LinkedHashMap<>();
        private final Map<String, java.util.Optional<Integer>> columnsByLanguage = new java.util.HashMap<>();

        Columns(Table table) {
            this.table = table;
            for (int i = 0; i < table.headers().size(); i++) {
                String header = table.headers().get(i).strip();
                String folded = Texts.fold(header).strip();
                if (folded.isEmpty()) {
                    continue;
                }
                String field = folded;
                String text = textField(folded);
                if (text != null) {
                    // the language as the file writes it ("Français (fr)", "english", "EN"), "" when none
                    String prefix = TEXT_PREFIXES.get(text);
                    String language = header.substring(Math.min(prefix.length(), header.length()))
                            .replaceFirst("^:+", "").strip();
                    translations.computeIfAbsent(TEXT_PREFIXES_FIELD.get(text), key -> new LinkedHashMap<>())
                            .putIfAbsent(language, i);
                    uses.put(i, "used");
                    continue;
                }
                String use = SURVEY_COLUMNS.get(field);
                if (use == null && field.startsWith("bind::")) {
                    use = SURVEY_COLUMNS.get("bind:" + field.substring(6));
                }
                if (use == null) {
                    use = field.equals("list_name") || field.equals("list name") ? "list_name"
                            : field.equals("choice_filter") ? "choice_filter" : null;
                }
                if (use != null) {
                    singles.putIfAbsent(use, i);
                    uses.put(i, Set.of("appearance", "repeat_count", "choice_filter", "parameters", "calculation")
                            .contains(use) ? use : "used");
                    if (use.equals("calculation")) {
                        uses.put(i, "calculation");
                    }
                }
                else if (!COMMENTS.contains(field)) {
                    uses.put(i, "ignored");
                }
            }
        }

        /** The text column prefix a folded header starts with ({@code label}, {@code label::fr}…), or null. */
        private static @Nullable String textField(String folded) {
            for (String prefix : TEXT_PREFIXES.keySet()) {
                if (folded.equals(prefix) || folded.startsWith(prefix + ":")) {
                    return prefix;
                }
            }
            return null;
        }

        /** The column of a field that has no language; -1 when there is none. */
        int single(String field) {
            return singles.getOrDefault(field, -1);
        }

        /** A text field's columns by language ("" for the unnamed one). */
        Map<String, Integer> translations(String field) {
            return translations.getOrDefault(field, Map.of());
        }

        /** The column of a text field in a language (spellings of one language match), or null. */
        @Nullable Integer column(String field, String language) {
            return columnsByLanguage.computeIfAbsent(field + "\u0000" + language, cached -> find(field, language))
                    .orElse(null);
        }

        private java.util.Optional<Integer> find(String field, String language) {
            String key = FormReaders.languageKey(language);
            for (Map.Entry<String, Integer> entry : translations(field).entrySet()) {
                if (!entry.getKey().isEmpty() && FormReaders.languageKey(entry.getKey()).equals(key)) {
                    return java.util.Optional.of(entry.getValue());
                }
            }
            return java.util.Optional.empty();
        }

        /** What a column is used for: "used", a column read apart (appearance…), "ignored", or null (none). */
        @Nullable String use(int column) {
            return uses.get(column);
        }

        String header(int column) {
            return table.headers().get(column).strip();
        }
    }

    private static int fieldCount(List<FormDefinition.Item> items) {
        int count = 0;
        for (FormDefinition.Item item : items) {
            count += item instanceof FormDefinition.Group group ? fieldCount(group.items()) : 1;
        }
        return count;
    }

    private static @Nullable Table sheet(Map<String, Table> sheets, String name) {
        return sheets.entrySet().stream().filter(entry -> entry.getKey().strip().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String first(Table settings, String... headers) {
        for (String header : headers) {
            int column = settings.column(header);
            if (column >= 0 && !settings.rows().isEmpty()) {
                return settings.rows().get(0).cell(column);
            }
        }
        return "";
    }

    private static @Nullable BigDecimal number(String text) {
        try {
            BigDecimal number = new BigDecimal(text.strip());
            return number.abs().compareTo(new BigDecimal("99999999999999")) > 0 ? null : number;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    private static @Nullable String nullIfEmpty(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
