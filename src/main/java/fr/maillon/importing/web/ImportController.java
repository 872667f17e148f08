package fr.maillon.importing.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import fr.maillon.chain.EvaluationService;
import fr.maillon.importing.AnswerImporter;
import fr.maillon.importing.Dhis2Importer;
import fr.maillon.importing.ImportFile;
import fr.maillon.importing.ImportJobs;
import fr.maillon.importing.ImportKind;
import fr.maillon.importing.ImportService;
import fr.maillon.importing.ValueImporter;
import fr.maillon.importing.WideTemplate;
import fr.maillon.importing.XlsFormImporter;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.survey.SurveyService;
import fr.maillon.web.RuleViolationException;

/** Imports through the pages: upload, preview and mapping, then a background job and its progress. */
@Controller
class ImportController {

    /** What a preview's form names its choices: a column per question or choice, the layout, the boxes. */
    private static final Pattern CHOICE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,120}");
    private static final int MAX_CHOICES = 2_000;
    /** The longest way back kept with its choices; longer, the preview with its guesses. */
    private static final int MAX_BACK = 8_000;

    private final ImportService imports;
    private final ImportJobs jobs;
    private final ValueImporter values;
    private final XlsFormImporter xlsForms;
    private final AnswerImporter answers;
    private final EvaluationService evaluations;
    private final SurveyService surveys;
    private final AccessPolicy access;
    private final MessageSource messages;
    private final Dhis2Importer dhis2;
    private final WideTemplate wideTemplate;

    ImportController(ImportService imports, ImportJobs jobs, ValueImporter values, XlsFormImporter xlsForms,
            AnswerImporter answers, EvaluationService evaluations, SurveyService surveys, AccessPolicy access,
            MessageSource messages, Dhis2Importer dhis2, WideTemplate wideTemplate) {
        this.dhis2 = dhis2;
        this.wideTemplate = wideTemplate;
        this.imports = imports;
        this.jobs = jobs;
        this.values = values;
        this.xlsForms = xlsForms;
        this.answers = answers;
        this.evaluations = evaluations;
        this.surveys = surveys;
        this.access = access;
        this.messages = messages;
    }

    @GetMapping("/evaluations/{evaluationId}/imports")
    String start(@PathVariable long evaluationId, Model model) {
        return startPage(evaluationId, model);
    }

    @PostMapping("/evaluations/{evaluationId}/imports")
    String upload(@PathVariable long evaluationId, @RequestParam ImportKind kind,
            @RequestParam(required = false) Long surveyId, @RequestParam(required = false) MultipartFile file,
            Model model, Locale locale) throws IOException {
        try {
            if (kind == ImportKind.ANSWERS && (surveyId == null || surveys.surveys(evaluationId).stream()
                    .noneMatch(survey -> survey.id() == surveyId))) {
                throw new RuleViolationException("surveyId", "import.answers.survey");
            }
            byte[] content = file == null ? new byte[0] : file.getBytes();
            String token = imports.upload(evaluationId, kind, kind == ImportKind.ANSWERS ? surveyId : null,
                    file == null ? null : file.getOriginalFilename(), content);
            return "redirect:/imports/" + token;
        }
        catch (RuleViolationException ex) {
            model.addAttribute("uploadError", messages.getMessage(ex.violations().get(0).code(),
                    ex.violations().get(0).arguments(), locale));
            model.addAttribute("uploadKind", kind.name());
            model.addAttribute("uploadSurveyId", surveyId);
            return startPage(evaluationId, model);
        }
    }

    /** The wide layout's template: a column per indicator, a row per period, the totals recorded. */
    @GetMapping("/evaluations/{evaluationId}/imports/values-wide.xlsx")
    ResponseEntity<byte[]> wideTemplate(@PathVariable long evaluationId) {
        return wideTemplate.download(evaluationId);
    }

    /**
     * The preview and its choices; the query may carry the choices made before (the way back from a
     * refused import), which the selects then show instead of the guesses.
     */
    @GetMapping("/imports/{token}")
    String preview(@PathVariable String token, @RequestParam(required = false) String leadLanguage,
            @RequestParam(required = false) Long mappingId, @RequestParam Map<String, String> parameters, Model model,
            Locale locale) {
        model.addAttribute("chosen", choices(parameters));
        ImportFile file = imports.file(token);
        model.addAttribute("file", file);
        model.addAttribute("format", imports.format(file));
        model.addAttribute("page", evaluations.page(file.evaluationId()));
        try {
            if (file.kind() == ImportKind.VALUES && Dhis2Importer.isDhis2(file)) {
                model.addAttribute("preview", dhis2.preview(token, mappingId));
                return "importing/dhis2";
            }
            return previewPage(file, token, leadLanguage, model);
        }
        catch (RuleViolationException ex) {
            model.addAttribute("uploadError", messages.getMessage(ex.violations().get(0).code(),
                    ex.violations().get(0).arguments(), locale));
            model.addAttribute("uploadKind", file.kind().name());
            return startPage(file.evaluationId(), model);
        }
    }

    private String previewPage(ImportFile file, String token, String leadLanguage, Model model) {
        return switch (file.kind()) {
            case VALUES -> {
                model.addAttribute("preview", values.preview(token));
                yield "importing/values";
            }
            case ANSWERS -> {
                model.addAttribute("preview", answers.preview(token));
                yield "importing/answers";
            }
            case XLSFORM -> {
                model.addAttribute("preview", xlsForms.preview(token, leadLanguage));
                yield "importing/xlsform";
            }
        };
    }

    /**
     * Starts the import with the mapping the preview's selects send (a column's index, -1 for none).
     * Refused (too many imports waiting, no mapping): the preview again with the reason and the
     * choices made; the job's page leads back to the same preview when the file is refused.
     */
    @PostMapping("/imports/{token}")
    String run(@PathVariable String token, @RequestParam Map<String, String> parameters, Model model,
            Locale locale) {
        ImportFile file = imports.file(token);
        long user = access.currentUserId();
        try {
            return "redirect:/imports/jobs/" + start(token, file, user, parameters);
        }
        catch (RuleViolationException ex) {
            model.addAttribute("runError", messages.getMessage(ex.violations().get(0).code(),
                    ex.violations().get(0).arguments(), locale));
            return preview(token, parameters.get("leadLanguage"), mappingId(parameters.get("mappingId")), parameters,
                    model, locale);
        }
    }

    private String start(String token, ImportFile file, long user, Map<String, String> parameters) {
        String back = back(token, parameters);
        return switch (file.kind()) {
            case VALUES -> Dhis2Importer.isDhis2(file) ? startDhis2(token, file, user, back, mappingId(parameters))
                    : jobs.start(file.structureId(), user, file.filename(), back, progress -> values.run(token,
                    new ValueImporter.Mapping(column(parameters, "indicator"), column(parameters, "period"),
                            column(parameters, "category"), column(parameters, "value"),
                            column(parameters, "comment"), "true".equals(parameters.get("addUp")),
                            layout(parameters)), progress));
            case ANSWERS -> jobs.start(file.structureId(), user, file.filename(), back,
                    progress -> answers.run(token, AnswerImporter.Mapping.from(parameters), progress));
            case XLSFORM -> jobs.start(file.structureId(), user, file.filename(), back,
                    progress -> xlsForms.run(token, parameters.get("leadLanguage"), progress));
        };
    }

    @GetMapping("/imports/jobs/{id}")
    String job(@PathVariable String id, Model model) {
        model.addAttribute("job", jobs.job(id, access.currentUserId()));
        return "importing/job";
    }

    private String startDhis2(String token, ImportFile file, long user, String back, long mappingId) {
        return jobs.start(file.structureId(), user, file.filename(), back,
                progress -> dhis2.run(token, mappingId, progress));
    }

    /** The choices a preview's form sent, as its selects and boxes are named (bounded: names and values short). */
    private static Map<String, String> choices(Map<String, String> parameters) {
        Map<String, String> chosen = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (CHOICE_NAME.matcher(name).matches() && value != null && value.length() <= 40
                    && chosen.size() < MAX_CHOICES) {
                chosen.put(name, value);
            }
        });
        return chosen;
    }

    /** The preview with the choices made, for the job's page: the way back when the file is refused. */
    private static String back(String token, Map<String, String> parameters) {
        String preview = "/imports/" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        String query = choices(parameters).entrySet().stream().map(choice -> URLEncoder.encode(choice.getKey(),
                StandardCharsets.UTF_8) + "=" + URLEncoder.encode(choice.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return query.isEmpty() || preview.length() + query.length() >= MAX_BACK ? preview : preview + "?" + query;
    }

    private static @Nullable Long mappingId(@Nullable String value) {
        return value != null && value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
    }

    private static ValueImporter.Layout layout(Map<String, String> parameters) {
        String value = parameters.getOrDefault("layout", "LONG");
        for (ValueImporter.Layout layout : ValueImporter.Layout.values()) {
            if (layout.name().equals(value)) {
                return layout;
            }
        }
        return ValueImporter.Layout.LONG;
    }

    /** The mapping chosen; without one, the import is refused (as a rule) and the preview shown again. */
    private static long mappingId(Map<String, String> parameters) {
        String value = parameters.getOrDefault("mappingId", "");
        if (!value.matches("\\d{1,18}")) {
            throw new RuleViolationException("mappingId", "import.dhis2.mappingRequired");
        }
        return Long.parseLong(value);
    }

    private static int column(Map<String, String> parameters, String name) {
        String value = parameters.getOrDefault(name, "-1");
        return value.matches("\\d{1,4}") ? Integer.parseInt(value) : -1;
    }

    private String startPage(long evaluationId, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("surveys", surveys.surveys(evaluationId));
        return "importing/start";
    }
}
