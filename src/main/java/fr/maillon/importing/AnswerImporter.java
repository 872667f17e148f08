package fr.maillon.importing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import fr.maillon.importing.internal.AnswerColumnRepository;
import fr.maillon.organisation.AccessPolicy;
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
 * Answers exported by KoboToolbox, ODK or LimeSurvey (CSV, XLSX, or a LimeSurvey archive), mapped
 * onto a Maillon survey: each question takes a column, found by {@link AnswerColumns} (the survey's
 * last mapping first); a multiple choice may instead take one 0/1 column per choice. Choices are read
 * by code or by label. Rows are read one at a time; one bad answer refuses the file, every problem
 * named by its line and column, and nothing is written.
 */
@Service
public class AnswerImporter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AnswerImporter.class);

    private static final Set<String> YES = Set.of("yes", "oui", "y", "o", "1", "true", "vrai");
    private static final Set<String> NO = Set.of("no", "non", "n", "0", "false", "faux");
    private static final Map<String, String> AGREEMENT = Map.ofEntries(
            Map.entry("pas du tout d'accord", "1"), Map.entry("plutot pas d'accord", "2"),
            Map.entry("ni d'accord ni pas d'accord", "3"), Map.entry("plutot d'accord", "4"),
            Map.entry("tout a fait d'accord", "5"), Map.entry("strongly disagree", "1"), Map.entry("disagree", "2"),
            Map.entry("neither agree nor disagree", "3"), Map.entry("neutral", "3"), Map.entry("agree", "4"),
            Map.entry("strongly agree", "5"));

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

    /**
     * What the preview shows: the headers and first rows, the guessed mapping, the number of rows,
     * the lines of LimeSurvey responses left incomplete (no submit date: imported, dated by their
     * last action), and the columns that answer no question (not imported).
     */
    public record Preview(ImportFile file, Survey survey, Table table, List<Table.Row> firstRows, Mapping guess,
            int rows, List<Integer> incomplete, List<String> unused, boolean remembered) {
    }

    /** How an import ended: the format read, responses stored, responses already there, and what was not kept. */
    public record Result(FileFormat format, int imported, int skipped, List<ImportProblem> notKept) {
    }

    /** Responses written per batch. */
    private static final int BATCH = 500;
    private static final int MAX_PROBLEMS = 200;

    private final ImportService imports;
    private final SurveyService surveys;
    private final AnswerService answers;
    private final AnswerColumnRepository columns;
    private final AccessPolicy access;
    private final TransactionTemplate transaction;
    private final MessageSource messages;
    /** A submission time written without a zone is read in the configured one (Kobo's own: in UTC). */
    private final Clock clock;

    AnswerImporter(ImportService imports, SurveyService surveys, AnswerService answers, AnswerColumnRepository columns,
            AccessPolicy access, TransactionTemplate transaction, MessageSource messages, Clock clock) {
        this.clock = clock;
        this.imports = imports;
        this.surveys = surveys;
        this.answers = answers;
        this.columns = columns;
        this.access = access;
        this.transaction = transaction;
        this.messages = messages;
    }

    public Preview preview(String token) {
        ImportFile file = imports.file(token);
        Survey survey = survey(file);
        List<String> headers = new ArrayList<>();
        List<Table.Row> first = new ArrayList<>();
        List<Integer> incomplete = new ArrayList<>();
        int[] submitted = { -1, -1 };
        AnswerRows.Read read = AnswerRows.read(file.content(), new AnswerRows.Handler() {
            @Override
            public void headers(List<String> names) {
                headers.addAll(names);
                submitted[0] = limeSurveySubmitDate(names);
            }

            @Override
            public boolean row(int line, String[] cells) {
                if (first.size() < 10) {
                    first.add(new Table.Row(line, List.of(cells)));
                }
                if (submitted[0] >= 0 && (submitted[0] >= cells.length || cells[submitted[0]].isBlank())) {
                    incomplete.add(line);
                }
                return true;
            }
        });
        Map<String, AnswerColumns.Remembered> remembered = remembered(survey);
        Mapping guess = AnswerColumns.guess(survey, headers, remembered, survey.waves().get(0).id());
        return new Preview(file, survey, new Table(headers, first, read.encoding()), first, guess, read.rows(),
                incomplete, unused(headers, guess), headers.stream().anyMatch(header -> remembered.containsKey(
                        AnswerColumns.fold(header))));
    }

    /** Guesses each question's column (see {@link AnswerColumns}); the survey's first wave. */
    static Mapping guess(Survey survey, Table table) {
        return AnswerColumns.guess(survey, table.headers(), Map.of(), survey.waves().get(0).id());
    }

    /** Checks every row, then writes them all in one transaction (the job of the import pages). */
    public ImportJobs.Outcome run(String token, Mapping mapping, ImportJobs.Progress progress) {
        ImportFile file = imports.file(token);
        Survey survey = survey(file);
        Result result = load(survey, mapping, file.filename(), file.content(), progress);
        imports.forget(file);
        return new ImportJobs.Outcome("/surveys/" + survey.id() + "/results", result.skipped() == 0
                ? message("import.answers.done", result.imported())
                : message("import.answers.doneSkipped", result.imported(), result.skipped()));
    }

    /**
     * Imports an answers file sent to the API into a survey: its columns guessed (the remembered ones
     * first), then {@code given} (header: question code, or {@code code/choice}) over the guess; the
     * survey's first wave unless one is named. All or nothing.
     * @throws ImportRefusedException naming each problem's row and column, nothing written
     */
    public Result importFile(long surveyId, @Nullable Long waveId, Map<String, String> given, String filename,
            byte[] content) {
        Survey survey = surveys.survey(surveyId);
        access.requireStructureRole(survey.structureId(), fr.maillon.organisation.Role.STRUCTURE_EDITOR);
        FileFormat format = FileFormat.detect(content, filename);
        if (format == FileFormat.LIMESURVEY_LSR) {
            throw new ImportRefusedException(List.of(new ImportProblem(0, "", message("import.answers.lsr"))));
        }
        if (format != FileFormat.CSV && format != FileFormat.XLSX && format != FileFormat.LIMESURVEY_LSA) {
            throw new ImportRefusedException(List.of(new ImportProblem(0, "", message("import.answers.format",
                    message(format.messageKey())))));
        }
        long wave = waveId == null ? survey.waves().get(0).id() : waveId;
        if (survey.wave(wave).isEmpty()) {
            throw new ImportRefusedException(List.of(new ImportProblem(0, "", message("import.answers.wave", wave))));
        }
        List<String> headers = new ArrayList<>();
        try {
            AnswerRows.read(content, new AnswerRows.Handler() {
                @Override
                public void headers(List<String> names) {
                    headers.addAll(names);
                }

                @Override
                public boolean row(int line, String[] cells) {
                    return false;
                }
            });
        }
        catch (fr.maillon.web.RuleViolationException ex) {
            throw refused(ex);
        }
        Mapping guess = AnswerColumns.guess(survey, headers, remembered(survey), wave);
        Mapping mapping = given.isEmpty() ? guess : overrule(survey, guess, headers, given);
        try {
            return load(survey, mapping, filename, content, ImportJobs.Progress.NONE);
        }
        catch (fr.maillon.web.RuleViolationException ex) {
            throw refused(ex);
        }
    }

    private ImportRefusedException refused(fr.maillon.web.RuleViolationException ex) {
        var violation = ex.violations().get(0);
        return new ImportRefusedException(List.of(new ImportProblem(0, "", message(violation.code(),
                violation.arguments()))));
    }

    /** The guess with the columns the caller named: a header to a question code, or to {@code code/choice}. */
    private Mapping overrule(Survey survey, Mapping guess, List<String> headers, Map<String, String> given) {
        Map<Long, Integer> questions = new LinkedHashMap<>(guess.questions());
        Map<Long, Map<String, Integer>> choices = new HashMap<>();
        guess.choices().forEach((question, marks) -> choices.put(question, new HashMap<>(marks)));
        List<ImportProblem> problems = new ArrayList<>();
        given.forEach((header, target) -> {
            int column = -1;
            for (int i = 0; i < headers.size() && column < 0; i++) {
                if (AnswerColumns.fold(headers.get(i)).equals(AnswerColumns.fold(header))) {
                    column = i;
                }
            }
            String code = target.contains("/") ? target.substring(0, target.indexOf('/')) : target;
            String choice = target.contains("/") ? target.substring(target.indexOf('/') + 1) : null;
            Question question = survey.questions().stream().filter(candidate -> candidate.code()
                    .equalsIgnoreCase(code.strip())).findFirst().orElse(null);
            if (column < 0 || question == null || (choice != null && question.choices().stream()
                    .noneMatch(known -> known.code().equals(choice)))) {
                problems.add(new ImportProblem(0, header.length() > 200 ? header.substring(0, 200) : header,
                        message("import.answers.mappingUnknown", target.length() > 200 ? target.substring(0, 200)
                                : target)));
                return;
            }
            int chosen = column;
            questions.values().removeIf(existing -> existing == chosen);
            choices.values().forEach(marks -> marks.values().removeIf(existing -> existing == chosen));
            if (choice == null) {
                questions.put(question.id(), column);
                choices.remove(question.id());
            }
            else {
                questions.remove(question.id());
                choices.computeIfAbsent(question.id(), key -> new HashMap<>()).put(choice, column);
            }
        });
        if (!problems.isEmpty()) {
            throw new ImportRefusedException(problems);
        }
        return new Mapping(questions, choices, guess.wave(), guess.date(), guess.consent());
    }

    /**
     * Reads the file a row at a time and writes it in batches in one transaction, each response keyed
     * by its key in the tool ({@code _uuid}, LimeSurvey's id) or else by its line and content, so
     * that the same file imported again stores nothing twice. Every row is checked: once one is
     * wrong, nothing more is written, the other rows are still checked (every problem is named, 200
     * at most), and the transaction is rolled back: nothing of the file is kept.
     */
    Result load(Survey survey, Mapping mapping, String filename, byte[] content, ImportJobs.Progress progress) {
        if (survey.wave(mapping.wave()).isEmpty() || (mapping.questions().isEmpty() && mapping.choices().isEmpty())) {
            throw new ImportRefusedException(List.of(new ImportProblem(0, "", message("import.answers.mapping"))));
        }
        long began = System.nanoTime();
        long[] writing = { 0 };
        List<String> headers = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        int[] stored = { 0 };
        int[] count = { 0 };
        AnswerRows.Read read = transaction.execute(status -> {
            List<AnswerService.ImportedResponse> batch = new ArrayList<>(BATCH);
            List<Integer> lines = new ArrayList<>(BATCH);
            Dates dates = new Dates();
            Runnable flush = () -> {
                if (problems.isEmpty()) {
                    long write = System.nanoTime();
                    AnswerService.ImportedBatch written = answers.importResponses(survey.id(), mapping.wave(),
                            mapping.consent(), batch);
                    writing[0] += System.nanoTime() - write;
                    stored[0] += written.stored();
                    for (int i = 0; i < batch.size(); i++) {
                        problems(survey, headers, mapping, lines.get(i), written.errors().get(i), problems);
                    }
                }
                else {
                    // the file is refused already: the other rows are only checked, to name their problems
                    for (int i = 0; i < batch.size() && problems.size() < MAX_PROBLEMS; i++) {
                        problems(survey, headers, mapping, lines.get(i), AnswerReader.read(survey,
                                batch.get(i).form(), mapping.consent()).errors(), problems);
                    }
                }
                count[0] += batch.size();
                progress.done(count[0]);
                batch.clear();
                lines.clear();
            };
            AnswerRows.Read done = AnswerRows.read(content, new AnswerRows.Handler() {
                @Override
                public void headers(List<String> names) {
                    headers.addAll(names);
                    int width = names.size();
                    if (mapping.date() >= width || mapping.questions().values().stream().anyMatch(
                            column -> column >= width) || mapping.choices().values().stream()
                                    .flatMap(marks -> marks.values().stream()).anyMatch(column -> column >= width)) {
                        throw new ImportRefusedException(List.of(new ImportProblem(0, "", message(
                                "import.answers.mapping"))));
                    }
                    dates.find(names, mapping, survey, clock.getZone());
                }

                @Override
                public boolean row(int line, String[] cells) {
                    Map<String, List<String>> form = form(survey, mapping, cells);
                    String given = dates.key < 0 ? "" : cell(cells, dates.key);
                    String identity = given.isEmpty() ? dates.keySpace + line + "|" + String.join("\u001f", cells)
                            : dates.keySpace + given;
                    batch.add(new AnswerService.ImportedResponse(form, dates.instant(cells),
                            UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8))));
                    lines.add(line);
                    if (batch.size() == BATCH) {
                        flush.run();
                    }
                    return problems.size() < MAX_PROBLEMS;
                }
            });
            flush.run();
            if (!problems.isEmpty()) {
                status.setRollbackOnly();
                return done;
            }
            remember(survey, headers, mapping);
            return done;
        });
        if (!problems.isEmpty()) {
            throw new ImportRefusedException(problems);
        }
        progress.total(read.rows());
        progress.done(read.rows());
        log.debug("Answers of survey {}: {} rows read, checked and written in {} ms (of which storing {} ms)",
                survey.id(), read.rows(), (System.nanoTime() - began) / 1_000_000, writing[0] / 1_000_000);
        List<ImportProblem> notKept = new ArrayList<>();
        unused(headers, mapping).forEach(header -> notKept.add(new ImportProblem(1, header,
                message("import.answers.unusedColumn"))));
        return new Result(FileFormat.detect(content, filename), stored[0], read.rows() - stored[0], notKept);
    }

    /** Each wrong answer of a row, named by its line and column (or its question when it has no column). */
    private void problems(Survey survey, List<String> headers, Mapping mapping, int line, Map<Long, String> errors,
            List<ImportProblem> problems) {
        errors.forEach((question, code) -> {
            if (problems.size() < MAX_PROBLEMS) {
                Integer column = mapping.questions().containsKey(question) ? mapping.questions().get(question)
                        : mapping.choices().getOrDefault(question, Map.of()).values().stream().min(Integer::compare)
                                .orElse(null);
                problems.add(new ImportProblem(line, column == null ? survey.question(question).map(Question::label)
                        .orElse("") : headers.get(column), message(code)));
            }
        });
    }

    /** Where a file keeps its responses' keys and times, and how it writes them. */
    private static final class Dates {

        private int key = -1;
        private int date = -1;
        private int fallback = -1;
        private ZoneId zone = ZoneOffset.UTC;
        private ZoneId fallbackZone = ZoneOffset.UTC;
        private String keySpace = "";

        void find(List<String> headers, Mapping mapping, Survey survey, ZoneId configured) {
            key = AnswerColumns.first(headers, AnswerColumns.KEY_COLUMNS);
            date = mapping.date();
            fallback = AnswerColumns.first(headers, AnswerColumns.FALLBACK_DATE_COLUMNS);
            zone = date >= 0 && AnswerColumns.UTC_COLUMNS.contains(AnswerColumns.fold(headers.get(date)))
                    ? ZoneOffset.UTC : configured;
            fallbackZone = fallback >= 0 && AnswerColumns.UTC_COLUMNS.contains(AnswerColumns.fold(
                    headers.get(fallback))) ? ZoneOffset.UTC : configured;
            keySpace = survey.id() + "|" + (key < 0 ? "" : AnswerColumns.fold(headers.get(key))) + "|";
        }

        /** When the response was sent: its submission time, else its last action (an incomplete one); or none. */
        @Nullable Instant instant(String[] cells) {
            Instant at = date < 0 ? null : AnswerImporter.instant(cell(cells, date), zone);
            return at == null && fallback >= 0 ? AnswerImporter.instant(cell(cells, fallback), fallbackZone) : at;
        }
    }

    /** A row's answers as the questionnaire's form has them, keyed by field. */
    private static Map<String, List<String>> form(Survey survey, Mapping mapping, String[] cells) {
        Map<String, List<String>> form = new HashMap<>();
        for (Question question : survey.questions()) {
            Integer column = mapping.questions().get(question.id());
            List<String> values = column == null ? null : values(question, cell(cells, column));
            if (column == null && mapping.choices().containsKey(question.id())) {
                values = new ArrayList<>();
                Map<String, Integer> marks = mapping.choices().get(question.id());
                for (Choice choice : question.choices()) {
                    Integer mark = marks.get(choice.code());
                    if (mark != null && YES.contains(fold(cell(cells, mark)))) {
                        values.add(choice.code());
                    }
                }
            }
            if (values != null && !values.isEmpty()) {
                form.put(AnswerReader.field(question), values);
            }
        }
        return form;
    }

    /** A cell's text; Kobo's mark of a question not asked ({@code n/a}) is no answer. */
    private static String cell(String[] cells, int column) {
        String cell = column >= 0 && column < cells.length ? cells[column].strip() : "";
        return cell.equalsIgnoreCase("n/a") ? "" : cell;
    }

    /** The column of LimeSurvey's submit date, when the file is a LimeSurvey export (it has the last page reached). */
    private static int limeSurveySubmitDate(List<String> headers) {
        boolean lime = headers.stream().anyMatch(header -> AnswerColumns.LIMESURVEY_PAGE.contains(
                AnswerColumns.fold(header)));
        return lime ? AnswerColumns.first(headers, List.of("submitdate", "date submitted")) : -1;
    }

    /** The headers that answer no question and are not the tools' own. */
    private static List<String> unused(List<String> headers, Mapping mapping) {
        java.util.Set<Integer> used = new java.util.HashSet<>(mapping.questions().values());
        mapping.choices().values().forEach(marks -> used.addAll(marks.values()));
        List<String> unused = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            if (!used.contains(i) && i != mapping.date() && !headers.get(i).isBlank()
                    && !AnswerColumns.toolColumn(headers.get(i))) {
                unused.add(headers.get(i));
            }
        }
        return unused;
    }

    private Map<String, AnswerColumns.Remembered> remembered(Survey survey) {
        Map<String, AnswerColumns.Remembered> remembered = new HashMap<>();
        columns.columns(survey.structureId(), survey.id()).forEach(column -> remembered.put(column.header(),
                new AnswerColumns.Remembered(column.questionId(), column.choiceCode())));
        return remembered;
    }

    /** Remembers which header answered which question, for the next import of this survey. */
    private void remember(Survey survey, List<String> headers, Mapping mapping) {
        Map<String, AnswerColumnRepository.AnswerColumn> byHeader = new LinkedHashMap<>();
        mapping.questions().forEach((question, column) -> byHeader.putIfAbsent(AnswerColumns.fold(headers.get(column)),
                new AnswerColumnRepository.AnswerColumn(AnswerColumns.fold(headers.get(column)), question, null)));
        mapping.choices().forEach((question, marks) -> marks.forEach((choice, column) -> byHeader.putIfAbsent(
                AnswerColumns.fold(headers.get(column)), new AnswerColumnRepository.AnswerColumn(
                        AnswerColumns.fold(headers.get(column)), question, choice))));
        byHeader.keySet().removeIf(header -> header.isEmpty() || header.length() > 10_000);
        columns.remember(survey.structureId(), survey.id(), List.copyOf(byHeader.values()), clock.instant());
    }

    /** An answer's values as the questionnaire wants them: choice codes, a level 1–5, true or false, a text. */
    private static @Nullable List<String> values(Question question, String cell) {
        if (cell.isBlank()) {
            return null;
        }
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
            case AGREEMENT -> {
                String folded = fold(cell);
                yield List.of(AGREEMENT.getOrDefault(folded.replace('’', '\''), folded.replaceAll("^a", "")));
            }
            case YES_NO -> {
                String folded = fold(cell);
                yield List.of(YES.contains(folded) ? "true" : NO.contains(folded) ? "false" : cell);
            }
            default -> List.of(cell.strip());
        };
    }

    private static String choice(Question question, String value) {
        for (Choice choice : question.choices()) {
            if (choice.code().equals(value)) {
                return value;
            }
        }
        String folded = fold(value);
        return question.choices().stream().filter(choice -> choice.code().equalsIgnoreCase(value)
                || Texts.fold(choice.label()).strip().equals(folded) || (choice.labelEn() != null
                        && Texts.fold(choice.labelEn()).strip().equals(folded)))
                .map(Choice::code).findFirst().orElse(value);
    }

    /** {@link Texts#fold}, quick for plain ASCII (most cells of an export: codes, numbers, Y). */
    private static String fold(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return Texts.fold(text).strip();
            }
        }
        return text.toLowerCase(java.util.Locale.ROOT).strip();
    }

    /** A submission time as the tools write it (ISO, with or without zone, or a date); none if unreadable. */
    private static @Nullable Instant instant(String text, ZoneId zone) {
        String value = text.strip().replace(' ', 'T');
        if (value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
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
