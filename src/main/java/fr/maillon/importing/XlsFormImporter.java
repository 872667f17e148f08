package fr.maillon.importing;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.survey.FormDefinition;
import fr.maillon.survey.SurveyService;
import fr.maillon.web.RuleViolationException;

/**
 * A questionnaire from another tool's file (XLSForm as .xlsx, .xls, pyxform's CSV and Markdown
 * layouts; other formats as their readers come) becomes a survey: previewed with what was
 * recognised, what is not kept and, when the file has no French, which language leads; then
 * created in one transaction through {@link SurveyService#createFrom}.
 */
@Service
public class XlsFormImporter {

    /** What the preview shows: the questionnaire read, and whether the leading language is still to choose. */
    public record Preview(FormRead read, @Nullable String leadLanguage, boolean chooseLanguage) {

        public FileFormat format() {
            return read.format();
        }

        public FormDefinition form() {
            return read.form();
        }

        public int questions() {
            return read.form().fields().size();
        }

        /** The questionnaire as the preview lists it: groups and questions in order, each with its depth. */
        public List<Line> lines() {
            List<Line> lines = new ArrayList<>();
            lines(read.form().items(), 0, lines);
            return lines;
        }

        private static void lines(List<FormDefinition.Item> items, int depth, List<Line> lines) {
            for (FormDefinition.Item item : items) {
                if (item instanceof FormDefinition.Group group) {
                    lines.add(new Line(depth, true, group.title(), null, group.relevant(), null, false, List.of(),
                            false, group.matrix()));
                    lines(group.items(), depth + 1, lines);
                }
                else if (item instanceof FormDefinition.Field field) {
                    lines.add(new Line(depth, false, field.label(), field.kind().name(), field.relevant(),
                            field.constraint(), field.required(), field.choices().stream()
                                    .map(fr.maillon.survey.Choice::label).toList(), field.orOther(), false));
                }
            }
        }

        /** Top-level groups: the survey's sections. */
        public int sections() {
            return (int) read.form().items().stream().filter(FormDefinition.Group.class::isInstance).count();
        }
    }

    /** A group or a question of the preview, at its depth (0: not in a group). */
    public record Line(int depth, boolean group, String text, @Nullable String kind, @Nullable String relevant,
            @Nullable String constraint, boolean required, List<String> choices, boolean orOther, boolean matrix) {
    }

    /** What an import through the API made: the survey, the file's format and every element not kept. */
    public record Imported(long surveyId, FileFormat format, List<ImportProblem> notKept) {
    }

    private final ImportService imports;
    private final SurveyService surveys;
    private final EvaluationService evaluations;
    private final AccessPolicy access;
    private final TransactionTemplate transaction;
    private final MessageSource messages;

    XlsFormImporter(ImportService imports, SurveyService surveys, EvaluationService evaluations, AccessPolicy access,
            TransactionTemplate transaction, MessageSource messages) {
        this.imports = imports;
        this.surveys = surveys;
        this.evaluations = evaluations;
        this.access = access;
        this.transaction = transaction;
        this.messages = messages;
    }

    public Preview preview(String token, @Nullable String leadLanguage) {
        ImportFile file = imports.file(token);
        FormRead read = FormReaders.read(file.content(), file.filename(), leadLanguage);
        return new Preview(read, read.languages().isEmpty() ? null : read.languages().get(0),
                FormReaders.needsLeadLanguage(read, leadLanguage));
    }

    /** Creates the survey in the file's evaluation, in one transaction; the language chosen leads. */
    public ImportJobs.Outcome run(String token, @Nullable String leadLanguage, ImportJobs.Progress progress) {
        ImportFile file = imports.file(token);
        FormRead read = FormReaders.read(file.content(), file.filename(), leadLanguage);
        if (FormReaders.needsLeadLanguage(read, leadLanguage)) {
            throw new RuleViolationException("leadLanguage", "import.form.leadLanguage.required",
                    String.join(", ", read.languages()));
        }
        int questions = read.form().fields().size();
        progress.total(questions);
        SurveyService.Created created = create(file.evaluationId(), read.form());
        progress.done(questions);
        imports.forget(file);
        List<String> notKept = new ArrayList<>();
        read.notKept().forEach(problem -> notKept.add(problem.column().isEmpty() ? problem.message()
                : problem.column() + " : " + problem.message()));
        notKept.addAll(created.notKept());
        String message = message("import.xlsform.done", questions, notKept.size());
        if (!notKept.isEmpty()) {
            message += " " + message("import.xlsform.doneNotKept", String.join(" ; ", notKept.size() > 30
                    ? notKept.subList(0, 30) : notKept) + (notKept.size() > 30 ? " …" : ""));
        }
        return new ImportJobs.Outcome("/surveys/" + created.surveyId(), message);
    }

    /**
     * Reads a questionnaire file and creates its survey at once (the API): refused as a whole, with
     * every problem, when the file does not read or the survey cannot be made of it.
     */
    public Imported importForm(long evaluationId, @Nullable String filename, byte[] content,
            @Nullable String leadLanguage) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        String name = filename == null || filename.isBlank() ? "questionnaire" : filename.strip();
        FormRead read = FormReaders.read(content, name, leadLanguage);
        if (FormReaders.needsLeadLanguage(read, leadLanguage)) {
            throw new RuleViolationException("leadLanguage", "import.form.leadLanguage.required",
                    String.join(", ", read.languages()));
        }
        SurveyService.Created created = create(evaluationId, read.form());
        List<ImportProblem> notKept = new ArrayList<>(read.notKept());
        created.notKept().forEach(element -> notKept.add(new ImportProblem(0, element,
                message("import.xlsform.notKeptBySurvey"))));
        return new Imported(created.surveyId(), read.format(), notKept);
    }

    /** The survey made of the questionnaire, or nothing: a rule it breaks refuses the whole file. */
    private SurveyService.Created create(long evaluationId, FormDefinition form) {
        try {
            return transaction.execute(status -> surveys.createFrom(evaluationId, form));
        }
        catch (RuleViolationException ex) {
            List<ImportProblem> problems = new ArrayList<>();
            for (RuleViolationException.Violation violation : ex.violations()) {
                problems.add(new ImportProblem(0, violation.field(), message(violation.code(),
                        violation.arguments())));
            }
            throw new ImportRefusedException(problems);
        }
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
