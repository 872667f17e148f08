package fr.maillon.importing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import fr.maillon.survey.AnswerReader;
import fr.maillon.survey.AnswerService;
import fr.maillon.survey.Answers;
import fr.maillon.survey.Choice;
import fr.maillon.survey.Question;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyService;
import fr.maillon.web.Texts;

/**
 * Answers exported by KoboToolbox, ODK or LimeSurvey (CSV or XLSX), mapped onto a Maillon survey:
 * each question takes a column (found by its code, a Kobo group path, or its wording); a multiple
 * choice may instead take one column per choice (as LimeSurvey exports them). Choices are read by
 * code or by label. Every row is checked first; one bad answer refuses the file.
 */
@Service
public class AnswerImporter {

    private static final Set<String> YES = Set.of("yes", "oui", "y", "o", "1", "true", "vrai");
    private static final Set<String> NO = Set.of("no", "non", "n", "0", "false", "faux");
    private static final Map<String, String> AGREEMENT = Map.ofEntries(
            Map.entry("pas du tout d'accord", "1"), Map.entry("plutot pas d'accord", "2"),
            Map.entry("ni d'accord ni pas d'accord", "3"), Map.entry("plutot d'accord", "4"),
            Map.entry("tout a fait d'accord", "5"), Map.entry("strongly disagree", "1"), Map.entry("disagree", "2"),
            Map.entry("neither agree nor disagree", "3"), Map.entry("neutral", "3"), Map.entry("agree", "4"),
            Map.entry("strongly agree", "5"));
    private static final List<String> DATE_HEADERS = List.of("_submission_time", "submission_time", "date submitted",
            "submitdate", "end", "date");

    /**
     * Which column answers each question (by id), and for a multiple choice, which column marks each
     * choice; the wave the answers go to; the column of the submission date; whether consent was
     * collected by the tool.
     */
    public record Mapping(Map<Long, Integer> questions, Map<Long, Map<String, Integer>> choices, long wave, int date,
            boolean consent) {

        /** Reads the preview form: {@code q<id>}, {@code q<id>_<choice>}, {@code wave}, {@code date}, {@code consent}. */
        public static Mapping from(Map<String, String> parameters) {
            Map<Long, Integer> questions = new HashMap<>();
            Map<Long, Map<String, Integer>> choices = new HashMap<>();
            parameters.forEach((name, value) -> {
                if (!value.matches("\\d{1,4}") || !name.matches("q\\d{1,18}(_.+)?")) {
                    return;
                }
                int underscore = name.indexOf('_');
                long question = Long.parseLong(name.substring(1, underscore < 0 ? name.length() : underscore));
                if (underscore < 0) {
                    questions.put(question, Integer.parseInt(value));
                }
                else {
                    choices.computeIfAbsent(question, key -> new HashMap<>()).put(name.substring(underscore + 1),
                            Integer.parseInt(value));
                }
            });
            String wave = parameters.getOrDefault("wave", "0");
            String date = parameters.getOrDefault("date", "-1");
            return new Mapping(questions, choices, wave.matches("\\d{1,18}") ? Long.parseLong(wave) : 0,
                    date.matches("\\d{1,4}") ? Integer.parseInt(date) : -1, "true".equals(parameters.get("consent")));
        }
    }

    public record Preview(ImportFile file, Survey survey, Table table, List<Table.Row> firstRows, Mapping guess) {
    }

    private final ImportService imports;
    private final SurveyService surveys;
    private final AnswerService answers;
    private final TransactionTemplate transaction;
    private final MessageSource messages;
    /** A submission time written without a zone is read in the configured one. */
    private final Clock clock;

    AnswerImporter(ImportService imports, SurveyService surveys, AnswerService answers, TransactionTemplate transaction,
            MessageSource messages, Clock clock) {
        this.clock = clock;
        this.imports = imports;
        this.surveys = surveys;
        this.answers = answers;
        this.transaction = transaction;
        this.messages = messages;
    }

    public Preview preview(String token) {
        ImportFile file = imports.file(token);
        Survey survey = survey(file);
        Table table = TableReader.read(file.content());
        return new Preview(file, survey, table, table.rows().subList(0, Math.min(10, table.rows().size())),
                guess(survey, table));
    }

    /** Guesses each question's column by code, group path, or wording; multiple choices by "wording [choice]". */
    static Mapping guess(Survey survey, Table table) {
        Map<Long, Integer> questions = new LinkedHashMap<>();
        Map<Long, Map<String, Integer>> choices = new HashMap<>();
        for (Question question : survey.questions()) {
            String label = Texts.fold(question.label()).strip();
            for (int i = 0; i < table.headers().size(); i++) {
                String header = table.headers().get(i).strip();
                String folded = Texts.fold(header).strip();
                if (header.equals(question.code()) || header.endsWith("/" + question.code()) || folded.equals(label)) {
                    questions.put(question.id(), i);
                    break;
                }
            }
            if (question.kind() == QuestionKind.MULTIPLE && !questions.containsKey(question.id())) {
                for (Choice choice : question.choices()) {
                    for (int i = 0; i < table.headers().size(); i++) {
                        String folded = Texts.fold(table.headers().get(i)).strip();
                        if (folded.equals(label + " [" + Texts.fold(choice.label()) + "]")
                                || table.headers().get(i).strip().endsWith("/" + question.code() + "/" + choice.code())) {
                            choices.computeIfAbsent(question.id(), key -> new HashMap<>()).put(choice.code(), i);
                        }
                    }
                }
            }
        }
        int date = -1;
        for (String header : DATE_HEADERS) {
            if (date < 0) {
                date = table.column(header);
            }
        }
        return new Mapping(questions, choices, survey.waves().get(0).id(), date, false);
    }

    /** Checks every row, then writes them all in one transaction. */
    public ImportJobs.Outcome run(String token, Mapping mapping, ImportJobs.Progress progress) {
        ImportFile file = imports.file(token);
        Survey survey = survey(file);
        if (survey.wave(mapping.wave()).isEmpty() || (mapping.questions().isEmpty() && mapping.choices().isEmpty())) {
            throw new ImportRefusedException(List.of(new ImportProblem(0, "", message("import.answers.mapping"))));
        }
        Table table = TableReader.read(file.content());
        int width = table.headers().size();
        if (mapping.date() >= width || mapping.questions().values().stream().anyMatch(column -> column >= width)
                || mapping.choices().values().stream().flatMap(choices -> choices.values().stream())
                        .anyMatch(column -> column >= width)) {
            throw new ImportRefusedException(List.of(new ImportProblem(0, "", message("import.answers.mapping"))));
        }
        progress.total(table.rows().size() * 2);
        List<ImportProblem> problems = new ArrayList<>();
        List<Map<String, List<String>>> forms = new ArrayList<>();
        int done = 0;
        for (Table.Row row : table.rows()) {
            Map<String, List<String>> form = new HashMap<>();
            Map<Long, Integer> columns = new HashMap<>();
            for (Question question : survey.questions()) {
                Integer column = mapping.questions().get(question.id());
                List<String> values = column == null ? null : values(question, row.cell(column));
                if (column == null && mapping.choices().containsKey(question.id())) {
                    values = new ArrayList<>();
                    for (Map.Entry<String, Integer> choice : mapping.choices().get(question.id()).entrySet()) {
                        if (YES.contains(Texts.fold(row.cell(choice.getValue())))) {
                            values.add(choice.getKey());
                        }
                        column = choice.getValue();
                    }
                }
                if (values != null && !values.isEmpty()) {
                    form.put(AnswerReader.field(question), values);
                    columns.put(question.id(), column);
                }
            }
            Answers read = AnswerReader.read(survey, form, mapping.consent());
            read.errors().forEach((question, code) -> {
                Integer column = columns.getOrDefault(question, mapping.questions().get(question));
                problems.add(new ImportProblem(row.line(), column == null ? survey.question(question)
                        .map(Question::label).orElse("") : table.headers().get(column), message(code)));
            });
            forms.add(form);
            progress.done(++done);
            if (problems.size() >= 200) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportRefusedException(problems);
        }
        int[] written = { done };
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < forms.size(); i++) {
                Table.Row row = table.rows().get(i);
                answers.importResponse(survey.id(), mapping.wave(), forms.get(i), mapping.consent(), "IMPORT",
                        mapping.date() < 0 ? null : instant(row.cell(mapping.date()), clock.getZone()),
                        UUID.nameUUIDFromBytes((file.token() + "|" + row.line()).getBytes(
                                java.nio.charset.StandardCharsets.UTF_8)));
                progress.done(++written[0]);
            }
        });
        imports.forget(file);
        return new ImportJobs.Outcome("/surveys/" + survey.id() + "/results", message("import.answers.done",
                forms.size()));
    }

    /** An answer's values as the questionnaire wants them: choice codes, a level 1–5, true or false, a text. */
    private static @Nullable List<String> values(Question question, String cell) {
        if (cell.isBlank()) {
            return null;
        }
        String folded = Texts.fold(cell).strip();
        return switch (question.kind()) {
            case SINGLE -> List.of(choice(question, cell));
            case MULTIPLE -> {
                String[] parts = cell.contains(";") ? cell.split(";") : cell.contains(",") ? cell.split(",")
                        : cell.split("\\s+");
                List<String> codes = new ArrayList<>();
                for (String part : parts) {
                    if (!part.isBlank()) {
                        codes.add(choice(question, part.strip()));
                    }
                }
                yield codes;
            }
            case AGREEMENT -> List.of(AGREEMENT.getOrDefault(folded.replace('’', '\''), folded.replaceAll("^a", "")));
            case YES_NO -> List.of(YES.contains(folded) ? "true" : NO.contains(folded) ? "false" : cell);
            default -> List.of(cell.strip());
        };
    }

    private static String choice(Question question, String value) {
        String folded = Texts.fold(value).strip();
        return question.choices().stream().filter(choice -> choice.code().equals(value)
                || Texts.fold(choice.label()).strip().equals(folded) || (choice.labelEn() != null
                        && Texts.fold(choice.labelEn()).strip().equals(folded)))
                .map(Choice::code).findFirst().orElse(value);
    }

    /** A submission time as the tools write it (ISO, with or without zone, or a date); none if unreadable. */
    private static @Nullable Instant instant(String text, ZoneId zone) {
        String value = text.strip().replace(' ', 'T');
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException ex) {
            try {
                return LocalDateTime.parse(value.length() > 19 ? value.substring(0, 19) : value)
                        .atZone(zone).toInstant();
            }
            catch (DateTimeParseException again) {
                try {
                    return LocalDate.parse(value).atStartOfDay(zone).toInstant();
                }
                catch (DateTimeParseException last) {
                    return null;
                }
            }
        }
    }

    private Survey survey(ImportFile file) {
        return surveys.survey(file.targetId() == null ? 0 : file.targetId());
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
