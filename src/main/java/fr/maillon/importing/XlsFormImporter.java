package fr.maillon.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import fr.maillon.survey.Audience;
import fr.maillon.survey.Choice;
import fr.maillon.survey.QuestionDraft;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.SurveyService;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/**
 * A questionnaire from an XLSForm workbook (the format of KoboToolbox and ODK): its survey sheet's
 * questions and groups, its choices sheet, its title; French labels first, English ones kept as
 * the translation. What Maillon has no equivalent for (dates, places, photos, calculations,
 * repeats, complex conditions) is listed and left out.
 */
@Service
public class XlsFormImporter {

    private static final Pattern SELECT_ONE = Pattern.compile("(?i)select[ _]one(?: from)? (\\S+).*");
    private static final Pattern SELECT_MULTIPLE = Pattern.compile(
            "(?i)select[ _](?:multiple|all that apply)(?: from)? (\\S+).*");
    private static final Pattern EQUALS = Pattern.compile("\\$\\{([\\w.-]+)}\\s*=\\s*'([^']*)'");
    private static final Pattern SELECTED = Pattern.compile("selected\\(\\s*\\$\\{([\\w.-]+)}\\s*,\\s*'([^']*)'\\s*\\)");
    private static final Set<String> YES = Set.of("yes", "true", "true()", "oui", "1");

    /** What the workbook gives: the questionnaire and what is left out, each with its line. */
    public record Form(String title, @Nullable String titleEn, List<String> sections, List<Item> questions,
            List<ImportProblem> skipped) {
    }

    /** A question read, with the section it is in (an index in {@code sections}) and its condition by code. */
    public record Item(int line, @Nullable Integer section, QuestionDraft draft, @Nullable String conditionCode,
            @Nullable String conditionValue) {
    }

    private final ImportService imports;
    private final SurveyService surveys;
    private final TransactionTemplate transaction;
    private final MessageSource messages;

    XlsFormImporter(ImportService imports, SurveyService surveys, TransactionTemplate transaction,
            MessageSource messages) {
        this.imports = imports;
        this.surveys = surveys;
        this.transaction = transaction;
        this.messages = messages;
    }

    public Form preview(String token) {
        ImportFile file = imports.file(token);
        return read(TableReader.sheets(file.content()), file.filename());
    }

    /** Creates the survey in the file's evaluation, in one transaction. */
    public ImportJobs.Outcome run(String token, ImportJobs.Progress progress) {
        ImportFile file = imports.file(token);
        Form form = read(TableReader.sheets(file.content()), file.filename());
        progress.total(form.questions().size());
        Long id = transaction.execute(status -> {
            long survey = surveys.create(file.evaluationId(), new SurveyDraft(form.title(), form.titleEn(), null,
                    Audience.HABITANTS, null));
            List<Long> sections = new ArrayList<>();
            for (String section : form.sections()) {
                sections.add(surveys.addSection(survey, section, null));
            }
            Map<String, Long> ids = new HashMap<>();
            Map<String, QuestionDraft> drafts = new HashMap<>();
            List<ImportProblem> problems = new ArrayList<>();
            int done = 0;
            for (Item item : form.questions()) {
                QuestionDraft draft = item.draft();
                Long condition = item.conditionCode() == null ? null : ids.get(item.conditionCode());
                QuestionDraft on = item.conditionCode() == null ? null : drafts.get(item.conditionCode());
                List<String> values = condition == null ? null : conditionValues(on, item.conditionValue());
                QuestionDraft complete = new QuestionDraft(item.section() == null ? null
                        : sections.get(item.section()), draft.code(), draft.kind(), draft.label(), draft.labelEn(),
                        draft.hint(), draft.hintEn(), draft.required(), false, null, null,
                        values == null ? null : condition, values, draft.choices());
                try {
                    ids.put(draft.code(), surveys.saveQuestion(survey, null, complete));
                    drafts.put(draft.code(), complete);
                }
                catch (RuleViolationException ex) {
                    problems.add(new ImportProblem(item.line(), "", draft.code() + " : " + message(
                            ex.violations().get(0).code(), ex.violations().get(0).arguments())));
                }
                progress.done(++done);
            }
            if (!problems.isEmpty()) {
                status.setRollbackOnly();
                throw new ImportRefusedException(problems);
            }
            return survey;
        });
        imports.forget(file);
        return new ImportJobs.Outcome("/surveys/" + id, message("import.xlsform.done", form.questions().size(),
                form.skipped().size()));
    }

    /** The condition's value as the question it depends on answers it (a yes/no keeps true or false). */
    private static @Nullable List<String> conditionValues(@Nullable QuestionDraft on, @Nullable String value) {
        if (on == null || value == null) {
            return null;
        }
        return on.choices().stream().anyMatch(choice -> choice.code().equals(value)) ? List.of(value) : null;
    }

    // --- reading ------------------------------------------------------------------------------

    Form read(Map<String, Table> sheets, String filename) {
        Table survey = sheet(sheets, "survey");
        if (survey == null) {
            throw new RuleViolationException("file", "import.xlsform.noSurvey");
        }
        Table choices = sheet(sheets, "choices");
        Table settings = sheet(sheets, "settings");
        Map<String, List<Choice>> lists = choices == null ? Map.of() : lists(choices);
        Columns columns = new Columns(survey);
        List<String> sections = new ArrayList<>();
        List<Item> questions = new ArrayList<>();
        List<ImportProblem> skipped = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Map<String, String> codeOfName = new HashMap<>();
        Integer section = null;
        int depth = 0;
        for (Table.Row row : survey.rows()) {
            // keywords may be written with _ (begin_group, select_one), list names keep theirs
            String raw = Texts.fold(row.cell(columns.type)).replaceAll("\\s+", " ").strip();
            String type = raw.replace('_', ' ');
            String name = row.cell(columns.name);
            String label = columns.label(row);
            if (type.isEmpty()) {
                continue;
            }
            if (type.startsWith("begin group") || type.startsWith("begin repeat")) {
                if (depth == 0) {
                    sections.add(label.isEmpty() ? (name.isEmpty() ? "Partie " + (sections.size() + 1) : name)
                            : truncate(label, 200));
                    section = sections.size() - 1;
                }
                if (type.startsWith("begin repeat")) {
                    skipped.add(new ImportProblem(row.line(), name, message("import.xlsform.repeat")));
                }
                depth++;
                continue;
            }
            if (type.startsWith("end group") || type.startsWith("end repeat")) {
                depth = Math.max(0, depth - 1);
                if (depth == 0) {
                    section = null;
                }
                continue;
            }
            QuestionKind kind;
            List<Choice> options = List.of();
            String select = row.cell(columns.type).replaceAll("\\s+", " ").strip()
                    .replaceFirst("(?i)^select_(one|multiple)", "select $1");
            Matcher one = SELECT_ONE.matcher(select);
            Matcher many = SELECT_MULTIPLE.matcher(select);
            if (one.matches() || many.matches()) {
                kind = one.matches() ? QuestionKind.SINGLE : QuestionKind.MULTIPLE;
                String list = one.matches() ? one.group(1) : many.group(1);
                options = lists.getOrDefault(list, List.of());
                if (options.size() < 2 || options.size() > 50) {
                    skipped.add(new ImportProblem(row.line(), name, message("import.xlsform.choices", list,
                            options.size())));
                    continue;
                }
            }
            else if (type.equals("integer") || type.equals("decimal") || type.startsWith("range")) {
                kind = QuestionKind.NUMBER;
            }
            else if (type.equals("text") || type.equals("string")) {
                kind = Texts.fold(row.cell(columns.appearance)).contains("multiline") ? QuestionKind.LONG_TEXT
                        : QuestionKind.SHORT_TEXT;
            }
            else {
                if (!type.equals("note") && !type.equals("calculate") && !Set.of("start", "end", "today",
                        "deviceid", "username", "audit").contains(type)) {
                    skipped.add(new ImportProblem(row.line(), name, message("import.xlsform.type", type)));
                }
                continue;
            }
            if (label.isEmpty()) {
                label = name;
            }
            String code = code(name, codes);
            codeOfName.put(name, code);
            String conditionCode = null;
            String conditionValue = null;
            String relevant = row.cell(columns.relevant);
            if (!relevant.isEmpty()) {
                Matcher equals = EQUALS.matcher(relevant.strip());
                Matcher selected = SELECTED.matcher(relevant.strip());
                Matcher found = equals.matches() ? equals : selected.matches() ? selected : null;
                if (found != null && codeOfName.containsKey(found.group(1))) {
                    conditionCode = codeOfName.get(found.group(1));
                    conditionValue = choiceCode(found.group(2));
                }
                else {
                    skipped.add(new ImportProblem(row.line(), name, message("import.xlsform.relevant", relevant)));
                }
            }
            questions.add(new Item(row.line(), section, new QuestionDraft(null, code, kind, truncate(label, 1000),
                    columns.english(row, columns.labelEn), nullIfEmpty(truncate(columns.hint(row), 1000)),
                    columns.english(row, columns.hintEn), YES.contains(Texts.fold(row.cell(columns.required))),
                    false, null, null, null, null, options), conditionCode, conditionValue));
            if (questions.size() > 300) {
                throw new RuleViolationException("file", "import.xlsform.tooMany", 300);
            }
        }
        if (questions.isEmpty()) {
            throw new RuleViolationException("file", "import.xlsform.empty");
        }
        String title = settings == null ? "" : first(settings, "form_title", "title");
        if (title.isEmpty()) {
            title = filename.replaceAll("\\.[A-Za-z]+$", "");
        }
        return new Form(truncate(title, 200), null, sections, questions, skipped);
    }

    /** The choice lists, by list name, with their French (or first) labels and English ones. */
    private static Map<String, List<Choice>> lists(Table choices) {
        Columns columns = new Columns(choices);
        int list = choices.column("list_name") >= 0 ? choices.column("list_name") : choices.column("list name");
        Map<String, List<Choice>> lists = new LinkedHashMap<>();
        Map<String, Set<String>> codes = new HashMap<>();
        for (Table.Row row : choices.rows()) {
            String name = row.cell(list);
            String value = row.cell(columns.name);
            if (name.isEmpty() || value.isEmpty()) {
                continue;
            }
            String code = choiceCode(value);
            if (!codes.computeIfAbsent(name, key -> new HashSet<>()).add(code)) {
                continue;
            }
            String label = columns.label(row);
            lists.computeIfAbsent(name, key -> new ArrayList<>()).add(new Choice(code,
                    truncate(label.isEmpty() ? value : label, 500), columns.english(row, columns.labelEn)));
        }
        return lists;
    }

    /** Where the columns are; labels in French first (else the first label column), English as translation. */
    private static final class Columns {

        private final int type;
        private final int name;
        private final int label;
        private final int labelEn;
        private final int hint;
        private final int hintEn;
        private final int required;
        private final int relevant;
        private final int appearance;

        Columns(Table table) {
            type = table.column("type");
            name = table.column("name");
            required = table.column("required");
            relevant = table.column("relevant");
            appearance = table.column("appearance");
            int[] labels = languages(table, "label");
            label = labels[0];
            labelEn = labels[1];
            int[] hints = languages(table, "hint");
            hint = hints[0];
            hintEn = hints[1];
        }

        /** The main (French, or first) column and the English one (-1 if none or the same) of a field. */
        private static int[] languages(Table table, String field) {
            int french = -1;
            int english = -1;
            int first = -1;
            for (int i = 0; i < table.headers().size(); i++) {
                String header = Texts.fold(table.headers().get(i)).strip();
                if (!header.equals(field) && !header.startsWith(field + ":")) {
                    continue;
                }
                if (first < 0) {
                    first = i;
                }
                String language = header.substring(field.length()).replace(":", " ").strip();
                if (french < 0 && (language.contains("french") || language.contains("francais")
                        || language.matches(".*\\bfr\\b.*"))) {
                    french = i;
                }
                if (english < 0 && (language.contains("english") || language.matches(".*\\ben\\b.*"))) {
                    english = i;
                }
            }
            int main = french >= 0 ? french : first;
            return new int[] { main, english == main ? -1 : english };
        }

        String label(Table.Row row) {
            return row.cell(label);
        }

        String hint(Table.Row row) {
            return row.cell(hint);
        }

        @Nullable String english(Table.Row row, int column) {
            String text = column < 0 ? "" : row.cell(column);
            return text.isEmpty() ? null : truncate(text, 500);
        }
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

    /** A choice's code from its XLSForm name: letters, digits, _ . and -, 60 at most. */
    private static String choiceCode(String value) {
        String code = value.replaceAll("[^A-Za-z0-9_.-]", "_");
        return code.length() > 60 ? code.substring(0, 60) : code;
    }

    /** A Maillon code from an XLSForm name: lower case, letters, digits and _, unique in the survey. */
    private static String code(String name, Set<String> codes) {
        String code = Texts.fold(name).replaceAll("[^a-z0-9_]", "_");
        if (code.isEmpty() || !Character.isLetter(code.charAt(0))) {
            code = "q_" + code;
        }
        code = code.length() > 55 ? code.substring(0, 55) : code;
        String unique = code;
        for (int suffix = 2; !codes.add(unique); suffix++) {
            unique = code + "_" + suffix;
        }
        return unique;
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static @Nullable String nullIfEmpty(String text) {
        return text.isEmpty() ? null : text;
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
