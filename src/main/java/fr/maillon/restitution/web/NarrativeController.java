package fr.maillon.restitution.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.restitution.NarrativeEdit;
import fr.maillon.restitution.NarrativesConflictException;
import fr.maillon.restitution.Report;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportService;
import fr.maillon.web.RuleViolationException;

/**
 * The texts of a draft's sections, saved all at once from the page's one form, so that nothing
 * typed in one box is lost by saving another. A refused save writes nothing and shows the page
 * again with everything typed.
 */
@Controller
class NarrativeController {

    private final ReportService reports;
    private final ReportPage page;

    NarrativeController(ReportService reports, ReportPage page) {
        this.reports = reports;
        this.page = page;
    }

    /**
     * Saves every section's text; the form's fields come in section order (section, version, read,
     * narrative). When a text is refused, or someone saved a section meanwhile, nothing is written
     * and the page comes again (200) with everything typed; under each section at fault, why, or the
     * stored text and who saved it when.
     */
    @PostMapping("/reports/{reportId}/narratives")
    String narrateAll(@PathVariable long reportId, @RequestParam MultiValueMap<String, String> form,
            @RequestParam(required = false) @Nullable String save, Model model, RedirectAttributes redirect) {
        List<String> sections = form.getOrDefault("section", List.of());
        List<String> texts = form.getOrDefault("narrative", List.of());
        List<String> versions = form.getOrDefault("version", List.of());
        List<String> reads = form.getOrDefault("read", List.of());
        List<NarrativeEdit> edits = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            ReportAudience.Section section = section(sections.get(i));
            Integer version = i < versions.size() ? number(versions.get(i)) : null;
            if (section == null || i >= texts.size() || version == null) {
                redirect.addFlashAttribute("flash", "restitution.report.narrativeRefused");
                return "redirect:/reports/" + reportId + "#narratives";
            }
            edits.add(new NarrativeEdit(section, texts.get(i), version, i < reads.size() ? reads.get(i) : null));
        }
        return narrate(reportId, edits, section(save), "restitution.report.narrativesSaved", model, redirect);
    }

    /** Saves one section's text (as scripts, and pages made before the one form, post it). */
    @PostMapping("/reports/{reportId}/sections/{section}")
    String narrate(@PathVariable long reportId, @PathVariable ReportAudience.Section section,
            @ModelAttribute("narrativeForm") NarrativeForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            redirect.addFlashAttribute("flash", "restitution.report.narrativeRefused");
            return "redirect:/reports/" + reportId + "#narratives";
        }
        return narrate(reportId, List.of(new NarrativeEdit(section, form.narrative(), form.version(), null)), section,
                "restitution.report.narrativeSaved", model, redirect);
    }

    private String narrate(long reportId, List<NarrativeEdit> edits, ReportAudience.@Nullable Section anchor,
            String saved, Model model, RedirectAttributes redirect) {
        try {
            reports.narrate(reportId, edits);
            redirect.addFlashAttribute("flash", saved);
            return "redirect:/reports/" + reportId + (anchor == null ? "#narratives" : "#narrative-" + anchor);
        }
        catch (NarrativesConflictException ex) {
            Map<ReportAudience.Section, NarrativesConflictException.Conflict> conflicts = new EnumMap<>(
                    ReportAudience.Section.class);
            ex.conflicts().forEach(conflict -> conflicts.put(conflict.stored().section(), conflict));
            return refused(reportId, edits, conflicts, null, model);
        }
        catch (RuleViolationException ex) {
            return refused(reportId, edits, Map.of(), ex.violations().get(0), model);
        }
    }

    /** The draft page again, every box with what was typed in it; the sections at fault say why. */
    private String refused(long reportId, List<NarrativeEdit> edits,
            Map<ReportAudience.Section, NarrativesConflictException.Conflict> conflicts,
            RuleViolationException.@Nullable Violation violation, Model model) {
        Report report = reports.report(reportId);
        Map<ReportAudience.Section, NarrativeEdit> posted = new EnumMap<>(ReportAudience.Section.class);
        edits.forEach(edit -> posted.put(edit.section(), edit));
        ReportContent draft = reports.content(reportId, 0);
        Map<ReportAudience.Section, Integer> versions = reports.narrativeVersions(reportId);
        model.addAttribute("narrativeEntries", report.audience().sections().stream().map(section -> {
            NarrativeEdit edit = posted.get(section);
            if (edit == null) {
                return ReportPage.entry(section, draft.narrative(section), versions.getOrDefault(section, 0), null,
                        null, null);
            }
            NarrativesConflictException.Conflict conflict = conflicts.get(section);
            RuleViolationException.Violation error = violation != null
                    && violation.field().equals("narratives." + section) ? violation : null;
            int version = conflict != null ? conflict.stored().version()
                    : edit.version() != null ? edit.version() : versions.getOrDefault(section, 0);
            String read = conflict != null ? NarrativeEdit.digest(conflict.stored().text()) : edit.read();
            return ReportPage.entry(section, edit.text(), version, read, conflict, error);
        }).toList());
        model.addAttribute("narrativesRefused", conflicts.isEmpty() ? "restitution.report.narrativesInvalid"
                : "restitution.report.narrativesConflict");
        return page.show(report, 0, model);
    }

    private static ReportAudience.@Nullable Section section(@Nullable String name) {
        return Arrays.stream(ReportAudience.Section.values()).filter(section -> section.name().equals(name))
                .findFirst().orElse(null);
    }

    private static @Nullable Integer number(@Nullable String text) {
        return text != null && text.matches("\\d{1,9}") ? Integer.valueOf(text) : null;
    }
}
