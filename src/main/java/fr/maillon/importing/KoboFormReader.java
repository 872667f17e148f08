package fr.maillon.importing;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;

import fr.maillon.survey.Choice;
import fr.maillon.survey.FormDefinition;
import fr.maillon.survey.QuestionKind;
import fr.maillon.web.RuleViolationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A questionnaire from KoboToolbox's form JSON, as its API ({@code /api/v2/assets/{uid}/}) and
 * formpack give it: {@code {"content": {"survey", "choices", "translations", "settings"}}}, or the
 * same keys at the top. Labels come either as XLSForm-like keys ({@code label::french}) or as arrays
 * aligned with {@code translations}; names from {@code name} or {@code $autoname}; lists from the
 * type ({@code select_one list}) or {@code select_from_list_name}. Groups nest; repeats and old loops
 * become sections asked once (listed); {@code relevant} and {@code constraint} are checked by
 * JavaRosa's XPath parser and kept in XLSForm syntax. Lines are positions in the survey list (1 for
 * its first row).
 */
public class KoboFormReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}\\s]+)}");
    private static final Pattern RANGE = Pattern.compile("(start|end)\\s*=\\s*(-?[0-9.]+)");
    private static final Set<String> METADATA = Set.of("start", "end", "today", "deviceid", "username", "audit",
            "simserial", "subscriberid", "phonenumber", "start-geopoint", "background-audio", "email", "uri:email",
            "uri:username", "calculate_here");

    private final MessageSource messages;

    public KoboFormReader(MessageSource messages) {
        this.messages = messages;
    }

    public FormRead read(byte[] content, @Nullable String leadLanguage) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        }
        catch (JacksonException ex) {
            throw new RuleViolationException("file", "import.kobo.invalid",
                    ex.getLocation() == null ? 0 : ex.getLocation().getLineNr());
        }
        JsonNode form = root != null && root.path("content").isObject() ? root.path("content") : root;
        if (form == null || !form.path("survey").isArray()) {
            throw new RuleViolationException("file", "import.kobo.notKobo");
        }
        return new Reading(root, form, new FormReading(messages), leadLanguage).read();
    }

    /** One file's reading. */
    private static final class Reading {

        private final JsonNode root;
        private final JsonNode form;
        private final FormReading reading;
        private final List<String> translations = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private final @Nullable String lead;
        private final @Nullable String english;
        private final List<String> languages;

        Reading(JsonNode root, JsonNode form, FormReading reading, @Nullable String asked) {
            this.root = root;
            this.form = form;
            this.reading = reading;
            Set<String> found = new LinkedHashSet<>();
            if (form.path("translations").isArray()) {
                for (JsonNode translation : form.path("translations")) {
                    String name = translation.isNull() ? "" : translation.asString("").strip();
                    translations.add(name);
                    if (!name.isEmpty()) {
                        found.add(name);
                    }
                }
            }
            for (String sheet : List.of("survey", "choices")) {
                for (JsonNode row : form.path(sheet)) {
                    for (String key : row.propertyNames()) {
                        int colons = key.indexOf("::");
                        if (colons > 0 && (key.startsWith("label") || key.startsWith("hint"))) {
                            found.add(key.substring(colons + 2).strip());
                        }
                    }
                }
            }
            languages = new ArrayList<>(found);
            lead = FormReading.lead(languages, asked, null);
            english = FormReading.english(languages, lead);
        }

        FormRead read() {
            Map<String, List<Choice>> lists = lists();
            JsonNode survey = form.path("survey");
            Set<String> taken = new HashSet<>();
            for (JsonNode row : survey) {
                String name = name(row);
                if (!name.isEmpty() && !names.containsKey(name)) {
                    names.put(name, FormReading.name(name, taken));
                }
            }
            Deque<Open> open = new ArrayDeque<>();
            open.push(new Open("", "", null, null, 0, new ArrayList<>()));
            int line = 0;
            for (JsonNode row : survey) {
                line++;
                String type = row.path("type").asString("").strip().replaceAll("\\s+", " ");
                String folded = FormReading.fold(type).replace('_', ' ');
                String name = name(row);
                if (folded.startsWith("begin ")) {
                    if (folded.startsWith("begin repeat")) {
                        reading.notKept(line, name, "import.form.repeat");
                    }
                    else if (folded.startsWith("begin loop")) {
                        reading.notKept(line, name, "import.kobo.loop");
                    }
                    String title = text(row, "label");
                    String code = names.getOrDefault(name, "groupe_" + line);
                    open.push(new Open(code, title == null ? code : title, text(row, english, "label"),
                            expression(row, "relevant", name, line), line, new ArrayList<>()));
                    continue;
                }
                if (folded.startsWith("end ")) {
                    if (open.size() > 1) {
                        close(open);
                    }
                    continue;
                }
                if (folded.isEmpty()) {
                    continue;
                }
                FormDefinition.Field field = field(row, type, folded, name, line, lists);
                if (field != null) {
                    open.peek().items.add(field);
                }
            }
            while (open.size() > 1) {
                reading.notKept(open.peek().line, open.peek().name, "import.kobo.unclosed", open.peek().name);
                close(open);
            }
            List<FormDefinition.Item> items = open.pop().items;
            if (items.isEmpty()) {
                throw new RuleViolationException("file", "import.form.empty");
            }
            return new FormRead(FileFormat.KOBO_FORM_JSON, new FormDefinition(title(), null, items),
                    reading.notKept(), FormReading.leadFirst(languages, lead));
        }

        private void close(Deque<Open> open) {
            Open group = open.pop();
            if (!group.items.isEmpty()) {
                open.peek().items.add(new FormDefinition.Group(group.name,
                        reading.bounded(group.title, FormReading.MAX_TITLE, group.line, group.name),
                        group.titleEn == null ? null
                                : reading.bounded(group.titleEn, FormReading.MAX_TITLE, group.line, group.name),
                        group.relevant, false, group.items));
            }
        }

        private FormDefinition.@Nullable Field field(JsonNode row, String type, String folded, String name, int line,
                Map<String, List<Choice>> lists) {
            String[] words = type.split(" ");
            String keyword = FormReading.fold(words[0]).replace(' ', '_');
            boolean orOther = folded.endsWith(" or other") || folded.endsWith(" or_other");
            QuestionKind kind;
            List<Choice> choices = List.of();
            BigDecimal minimum = null;
            BigDecimal maximum = null;
            String list = null;
            if (folded.startsWith("select one") || folded.startsWith("select multiple")
                    || folded.startsWith("select all that apply")) {
                kind = folded.startsWith("select one") ? QuestionKind.SINGLE : QuestionKind.MULTIPLE;
                list = row.path("select_from_list_name").asString("").strip();
                if (list.isEmpty()) {
                    List<String> rest = new ArrayList<>(List.of(type.replaceFirst("(?i)^select[ _](one|multiple|all "
                            + "that apply)( from)?", "").strip().split(" ")));
                    rest.removeIf(word -> word.isEmpty() || word.equalsIgnoreCase("or_other")
                            || word.equalsIgnoreCase("or") || word.equalsIgnoreCase("other"));
                    list = rest.isEmpty() ? "" : rest.get(0);
                }
                if (!lists.containsKey(list)) {
                    reading.notKept(line, name, "import.kobo.list", list);
                    return null;
                }
                choices = lists.get(list);
                if (choices.size() > FormReading.MAX_CHOICES) {
                    reading.notKept(line, name, "import.form.choices", choices.size(), FormReading.MAX_CHOICES);
                    return null;
                }
            }
            else if (keyword.equals("integer") || keyword.equals("decimal") || keyword.equals("int")) {
                kind = QuestionKind.NUMBER;
            }
            else if (keyword.equals("range")) {
                kind = QuestionKind.NUMBER;
                Matcher bounds = RANGE.matcher(row.path("parameters").asString(""));
                while (bounds.find()) {
                    if (bounds.group(1).equals("start")) {
                        minimum = new BigDecimal(bounds.group(2));
                    }
                    else {
                        maximum = new BigDecimal(bounds.group(2));
                    }
                }
            }
            else if (keyword.equals("text") || keyword.equals("string")) {
                kind = row.path("appearance").asString("").contains("multiline") ? QuestionKind.LONG_TEXT
                        : QuestionKind.SHORT_TEXT;
            }
            else if (keyword.equals("note")) {
                reading.notKept(line, name, "import.form.note");
                return null;
            }
            else if (keyword.equals("calculate")) {
                reading.notKept(line, name, "import.form.calculate");
                return null;
            }
            else {
                if (!METADATA.contains(keyword)) {
                    reading.notKept(line, name, "import.form.type", type);
                }
                return null;
            }
            String code = names.get(name);
            if (code == null) {
                reading.notKept(line, type, "import.form.type", type);
                return null;
            }
            String label = text(row, "label");
            String required = row.path("required").isBoolean() ? String.valueOf(row.path("required").asBoolean())
                    : row.path("required").asString("").strip();
            boolean mandatory = Set.of("true", "yes", "true()", "1").contains(FormReading.fold(required));
            if (!mandatory && !required.isEmpty() && !Set.of("false", "no", "false()", "0")
                    .contains(FormReading.fold(required))) {
                reading.notKept(line, name, "import.form.requiredIf", required);
            }
            String relevant = expression(row, "relevant", name, line);
            String constraint = expression(row, "constraint", name, line);
            reading.question();
            return new FormDefinition.Field(code, kind,
                    reading.bounded(label == null ? name : label, FormReading.MAX_TEXT, line, name),
                    reading.boundedOrNull(text(row, english, "label"), FormReading.MAX_TEXT, line, name),
                    reading.boundedOrNull(text(row, "hint"), FormReading.MAX_TEXT, line, name),
                    reading.boundedOrNull(text(row, english, "hint"), FormReading.MAX_TEXT, line, name), mandatory,
                    relevant, constraint,
                    constraint == null ? null
                            : reading.boundedOrNull(text(row, "constraint_message"), FormReading.MAX_TEXT, line, name),
                    constraint == null ? null
                            : reading.boundedOrNull(text(row, english, "constraint_message"), FormReading.MAX_TEXT,
                                    line, name),
                    minimum, maximum, choices, orOther && kind.hasChoices());
        }

        /**
         * An XLSForm expression checked by JavaRosa's XPath parser, its references renamed as Maillon
         * names the questions; null (noted) when it cannot be kept.
         */
        private @Nullable String expression(JsonNode row, String key, String name, int line) {
            String text = row.path(key).isString() ? row.path(key).asString().strip() : "";
            if (text.isEmpty()) {
                return null;
            }
            Matcher references = REFERENCE.matcher(text);
            StringBuilder paths = new StringBuilder();
            while (references.find()) {
                references.appendReplacement(paths, Matcher.quoteReplacement("/data/" + references.group(1)));
            }
            references.appendTail(paths);
            XPathToXlsForm.Result result = XPathToXlsForm.convert(paths.toString(), "/data/" + name,
                    path -> path.startsWith("/data/") ? names.get(path.substring(6)) : null);
            if (result.expression() == null) {
                reading.notKept(line, name, "import.form.expression." + key,
                        text.length() > 300 ? text.substring(0, 300) + "…" : text, reading.reason(result.reason()));
                return null;
            }
            return result.expression();
        }

        private Map<String, List<Choice>> lists() {
            Map<String, List<Choice>> lists = new LinkedHashMap<>();
            Map<String, Set<String>> codes = new HashMap<>();
            for (JsonNode row : form.path("choices")) {
                String list = row.path("list_name").asString("").strip();
                String value = name(row);
                if (list.isEmpty() || value.isEmpty()) {
                    continue;
                }
                String code = FormReading.choiceCode(value);
                if (!codes.computeIfAbsent(list, key -> new HashSet<>()).add(code)) {
                    continue;
                }
                String label = text(row, "label");
                lists.computeIfAbsent(list, key -> new ArrayList<>()).add(new Choice(code,
                        label == null ? value : label.length() > FormReading.MAX_TEXT
                                ? label.substring(0, FormReading.MAX_TEXT) : label,
                        text(row, english, "label")));
            }
            return lists;
        }

        /** A text in the leading language, else the unnamed one, else the first found. */
        private @Nullable String text(JsonNode row, String field) {
            String text = text(row, lead, field);
            if (text != null) {
                return text;
            }
            JsonNode plain = row.path(field);
            if (plain.isString() && !plain.asString().isBlank()) {
                return plain.asString().strip();
            }
            if (plain.isArray()) {
                for (JsonNode value : plain) {
                    if (value.isString() && !value.asString().isBlank()) {
                        return value.asString().strip();
                    }
                }
            }
            for (String language : languages) {
                String other = text(row, language, field);
                if (other != null) {
                    return other;
                }
            }
            return null;
        }

        private @Nullable String text(JsonNode row, @Nullable String language, String field) {
            if (language == null) {
                return null;
            }
            JsonNode keyed = row.path(field + "::" + language);
            if (keyed.isString() && !keyed.asString().isBlank()) {
                return keyed.asString().strip();
            }
            int index = translations.indexOf(language);
            JsonNode array = row.path(field);
            if (index >= 0 && array.isArray() && index < array.size() && array.get(index).isString()
                    && !array.get(index).asString().isBlank()) {
                return array.get(index).asString().strip();
            }
            return null;
        }

        private static String name(JsonNode row) {
            for (String key : List.of("name", "$autoname", "$kuid")) {
                String value = row.path(key).asString("").strip();
                if (!value.isEmpty()) {
                    return value;
                }
            }
            return "";
        }

        private String title() {
            JsonNode settings = form.path("settings");
            if (settings.isArray() && !settings.isEmpty()) {
                settings = settings.get(0);
            }
            for (JsonNode candidate : List.of(settings.path("form_title"), root.path("name"), root.path("title"),
                    root.path("id_string"), settings.path("id_string"))) {
                if (candidate.isString() && !candidate.asString().isBlank()) {
                    return reading.bounded(candidate.asString(), FormReading.MAX_TITLE, 0, "title");
                }
            }
            return "KoboToolbox";
        }
    }

    /** A group being read. */
    private record Open(String name, String title, @Nullable String titleEn, @Nullable String relevant, int line,
            List<FormDefinition.Item> items) {
    }
}
