package fr.maillon.importing.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.FrameworkService;
import fr.maillon.importing.Dhis2Importer;
import fr.maillon.importing.Dhis2Mapping;
import fr.maillon.importing.Dhis2Mappings;
import fr.maillon.web.RuleViolationException;

/**
 * The structure's DHIS2 mappings, from one of its evaluations: the list, a new mapping (filled with
 * the data elements of an uploaded file when it comes from its preview), a mapping changed or deleted.
 */
@Controller
class Dhis2MappingController {

    /** Blank lines offered under those typed, to add more. */
    private static final int BLANK_LINES = 5;
    /** An uploaded file's token, as {@code import_file} allows it. */
    private static final String TOKEN = "[A-Za-z0-9_-]{20,64}";

    private final Dhis2Mappings mappings;
    private final Dhis2Importer dhis2;
    private final EvaluationService evaluations;
    private final FrameworkService framework;
    private final MessageSource messages;

    Dhis2MappingController(Dhis2Mappings mappings, Dhis2Importer dhis2, EvaluationService evaluations,
            FrameworkService framework, MessageSource messages) {
        this.mappings = mappings;
        this.dhis2 = dhis2;
        this.evaluations = evaluations;
        this.framework = framework;
        this.messages = messages;
    }

    /** What the form holds: the mapping's fields and its lines, typed or stored. */
    public record MappingForm(@Nullable Long id, String name, String organisationUnit, int version,
            List<Dhis2Mapping.Line> lines, @Nullable String token) {
    }

    @GetMapping("/evaluations/{evaluationId}/dhis2-mappings")
    String list(@PathVariable long evaluationId, @RequestParam(required = false) @Nullable String token,
            Model model) {
        model.addAttribute("mappings", mappings.mappings(evaluationId));
        String file = token != null && token.matches(TOKEN) ? token : null;
        List<Dhis2Mapping.Line> lines = file == null ? List.of() : dhis2.pairs(file);
        return page(evaluationId, new MappingForm(null, "", "", 0, lines, file), List.of(), model);
    }

    @PostMapping("/evaluations/{evaluationId}/dhis2-mappings")
    String create(@PathVariable long evaluationId, @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String organisationUnit,
            @RequestParam(required = false) @Nullable List<String> dataElement,
            @RequestParam(required = false) @Nullable List<String> categoryOptionCombo,
            @RequestParam(required = false) @Nullable List<String> indicatorCode,
            @RequestParam(required = false) @Nullable List<String> category,
            @RequestParam(required = false) @Nullable String token, Model model, Locale locale,
            RedirectAttributes redirect) {
        List<Dhis2Mapping.Line> lines = lines(dataElement, categoryOptionCombo, indicatorCode, category);
        try {
            long id = mappings.create(evaluationId, new Dhis2Mappings.Draft(name, organisationUnit, lines));
            redirect.addFlashAttribute("flash", "import.dhis2.mapping.saved");
            return token != null && token.matches(TOKEN) ? "redirect:/imports/" + token
                    + "?mappingId=" + id : "redirect:/evaluations/" + evaluationId + "/dhis2-mappings/" + id;
        }
        catch (RuleViolationException ex) {
            model.addAttribute("mappings", mappings.mappings(evaluationId));
            return page(evaluationId, new MappingForm(null, text(name), text(organisationUnit), 0, lines,
                    token != null && token.matches(TOKEN) ? token : null),
                    errors(ex, locale), model);
        }
    }

    @GetMapping("/evaluations/{evaluationId}/dhis2-mappings/{mappingId}")
    String editForm(@PathVariable long evaluationId, @PathVariable long mappingId, Model model) {
        Dhis2Mapping mapping = mappings.mapping(evaluationId, mappingId);
        return page(evaluationId, new MappingForm(mapping.id(), mapping.name(), text(mapping.organisationUnit()),
                mapping.version(), mapping.lines(), null), List.of(), model);
    }

    @PostMapping("/evaluations/{evaluationId}/dhis2-mappings/{mappingId}")
    String update(@PathVariable long evaluationId, @PathVariable long mappingId,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String organisationUnit,
            @RequestParam(defaultValue = "0") int version,
            @RequestParam(required = false) @Nullable List<String> dataElement,
            @RequestParam(required = false) @Nullable List<String> categoryOptionCombo,
            @RequestParam(required = false) @Nullable List<String> indicatorCode,
            @RequestParam(required = false) @Nullable List<String> category, Model model, Locale locale,
            RedirectAttributes redirect) {
        List<Dhis2Mapping.Line> lines = lines(dataElement, categoryOptionCombo, indicatorCode, category);
        try {
            mappings.update(evaluationId, mappingId, new Dhis2Mappings.Draft(name, organisationUnit, lines), version);
            redirect.addFlashAttribute("flash", "import.dhis2.mapping.saved");
            return "redirect:/evaluations/" + evaluationId + "/dhis2-mappings/" + mappingId;
        }
        catch (RuleViolationException ex) {
            return page(evaluationId, new MappingForm(mappingId, text(name), text(organisationUnit), version, lines,
                    null), errors(ex, locale), model);
        }
    }

    @PostMapping("/evaluations/{evaluationId}/dhis2-mappings/{mappingId}/delete")
    String delete(@PathVariable long evaluationId, @PathVariable long mappingId, RedirectAttributes redirect) {
        mappings.delete(evaluationId, mappingId);
        redirect.addFlashAttribute("flash", "import.dhis2.mapping.deleted");
        return "redirect:/evaluations/" + evaluationId + "/dhis2-mappings";
    }

    private String page(long evaluationId, MappingForm form, List<String> errors, Model model) {
        List<Dhis2Mapping.Line> lines = new ArrayList<>(form.lines());
        for (int i = 0; i < BLANK_LINES; i++) {
            lines.add(new Dhis2Mapping.Line("", "", "", ""));
        }
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("form", new MappingForm(form.id(), form.name(), form.organisationUnit(), form.version(),
                lines, form.token()));
        model.addAttribute("indicators", framework.indicators(evaluationId).stream()
                .filter(indicator -> !indicator.computedByFormula()).toList());
        model.addAttribute("errors", errors);
        return "importing/dhis2-mappings";
    }

    /** The lines typed, those left blank dropped; the lists come in step, one item per row of the form. */
    private static List<Dhis2Mapping.Line> lines(@Nullable List<String> elements, @Nullable List<String> combos,
            @Nullable List<String> codes, @Nullable List<String> categories) {
        List<Dhis2Mapping.Line> lines = new ArrayList<>();
        int count = elements == null ? 0 : Math.min(elements.size(), 600);
        for (int i = 0; i < count; i++) {
            Dhis2Mapping.Line line = new Dhis2Mapping.Line(item(elements, i), item(combos, i), item(codes, i),
                    item(categories, i));
            if (!(line.dataElement() + line.categoryOptionCombo() + line.indicatorCode() + line.category()).isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String item(@Nullable List<String> list, int index) {
        return list == null || index >= list.size() || list.get(index) == null ? "" : list.get(index).strip();
    }

    private static String text(@Nullable String text) {
        return text == null ? "" : text;
    }

    private List<String> errors(RuleViolationException ex, Locale locale) {
        return ex.violations().stream().map(violation -> messages.getMessage(violation.code(), violation.arguments(),
                locale)).toList();
    }
}
