package fr.maillon.network.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationStatus;
import fr.maillon.network.AgrementCalendar;
import fr.maillon.network.AnnualSummary;
import fr.maillon.network.AnnualSummaryPage;
import fr.maillon.network.CalendarFiles;
import fr.maillon.network.Comparison;
import fr.maillon.network.EntryFigures;
import fr.maillon.network.Milestone;
import fr.maillon.network.NetworkFiles;
import fr.maillon.network.NetworkHome;
import fr.maillon.network.NetworkService;
import fr.maillon.web.Downloads;
import fr.maillon.web.FormErrors;
import fr.maillon.web.RuleViolationException;

/** A federation's or CAF's pages: its territory, indicators across structures, one structure beside its peers, the year's summary, the agrément calendar. */
@Controller
class NetworkController {

    private final NetworkService network;
    private final ObjectProvider<CalendarFiles> calendarFiles;

    NetworkController(NetworkService network, ObjectProvider<CalendarFiles> calendarFiles) {
        this.network = network;
        this.calendarFiles = calendarFiles;
    }

    @GetMapping("/networks/{organisationId}")
    String home(@PathVariable long organisationId, Model model) {
        model.addAttribute("home", network.home(organisationId));
        model.addAttribute("year", network.lastYear(organisationId));
        return "network/home";
    }

    @GetMapping("/networks/{organisationId}/indicators/{entryId}")
    String entry(@PathVariable long organisationId, @PathVariable long entryId,
            @RequestParam(defaultValue = "false") boolean quarters, @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "false") boolean validated, Model model) {
        EntryFigures figures = network.entry(organisationId, entryId, period, false, validated);
        model.addAttribute("figures", figures);
        validated(organisationId, validated, model);
        model.addAttribute("quarters", quarters);
        model.addAttribute("aggregates", figures.aggregates().stream()
                .filter(aggregate -> aggregate.period().contains("Q") == quarters).toList());
        return "network/entry";
    }

    @GetMapping("/networks/{organisationId}/indicators/{entryId}/figures.xlsx")
    ResponseEntity<byte[]> entryWorkbook(@PathVariable long organisationId, @PathVariable long entryId,
            @RequestParam(defaultValue = "false") boolean validated) {
        EntryFigures figures = network.entry(organisationId, entryId, null, true, validated);
        return Downloads.attachment(NetworkFiles.entryWorkbook(figures), Downloads.XLSX,
                "maillon-" + figures.entry().code() + ".xlsx");
    }

    @GetMapping("/networks/{organisationId}/territories")
    String territories(@PathVariable long organisationId, @RequestParam(required = false) Long entry,
            @RequestParam(required = false) Integer year, Model model) {
        model.addAttribute("figures", network.territories(organisationId, entry, year));
        return "network/territories";
    }

    @GetMapping("/networks/{organisationId}/structures/{structureId}")
    String compare(@PathVariable long organisationId, @PathVariable long structureId,
            @RequestParam(defaultValue = "false") boolean validated, Model model) {
        List<Comparison> comparisons = network.compare(organisationId, structureId, validated);
        validated(organisationId, validated, model);
        NetworkHome home = network.home(organisationId);
        model.addAttribute("home", home);
        model.addAttribute("structure", home.structures().stream().filter(found -> found.id() == structureId)
                .findFirst().orElseThrow());
        model.addAttribute("comparisons", comparisons);
        return "network/compare";
    }

    @GetMapping("/structures/{structureId}/peers")
    String peers(@PathVariable long structureId, Model model) {
        model.addAttribute("structureId", structureId);
        model.addAttribute("comparisons", network.peers(structureId));
        return "network/peers";
    }

    @GetMapping("/networks/{organisationId}/summary")
    String summary(@PathVariable long organisationId, @RequestParam(required = false) Integer year,
            @RequestParam(defaultValue = "false") boolean validated, Model model) {
        AnnualSummaryPage page = network.summaryPage(organisationId, year, validated);
        model.addAttribute("summary", page.summary());
        model.addAttribute("years", page.years());
        validated(organisationId, validated, model);
        return "network/summary";
    }

    @GetMapping("/networks/{organisationId}/summary.xlsx")
    ResponseEntity<byte[]> summaryWorkbook(@PathVariable long organisationId,
            @RequestParam(required = false) Integer year, @RequestParam(defaultValue = "false") boolean validated) {
        AnnualSummary summary = network.summaryPage(organisationId, year, validated).summary();
        return Downloads.attachment(NetworkFiles.summaryWorkbook(summary), Downloads.XLSX,
                "maillon-synthese-" + summary.year() + ".xlsx");
    }

    @GetMapping("/networks/{organisationId}/summary.csv")
    ResponseEntity<byte[]> summaryCsv(@PathVariable long organisationId, @RequestParam(required = false) Integer year,
            @RequestParam(defaultValue = "false") boolean validated) {
        AnnualSummary summary = network.summaryPage(organisationId, year, validated).summary();
        return Downloads.attachment(NetworkFiles.summaryCsv(summary), Downloads.CSV,
                "maillon-synthese-" + summary.year() + ".csv");
    }

    @GetMapping("/networks/{organisationId}/calendar")
    String calendar(@PathVariable long organisationId, Model model) {
        AgrementCalendar calendar = network.calendar(organisationId);
        CalendarFiles files = calendarFiles.getIfAvailable();
        model.addAttribute("calendar", calendar);
        model.addAttribute("files", files == null ? Map.of() : files.files(calendar));
        return "network/calendar";
    }

    @GetMapping("/networks/{organisationId}/milestones")
    String milestones(@PathVariable long organisationId, Model model) {
        model.addAttribute("home", network.home(organisationId));
        model.addAttribute("form", MilestonesForm.of(network.milestones(organisationId)));
        model.addAttribute("statuses", EvaluationStatus.values());
        return "network/milestones";
    }

    @PostMapping("/networks/{organisationId}/milestones")
    String saveMilestones(@PathVariable long organisationId, @ModelAttribute("form") MilestonesForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                network.saveMilestones(organisationId, form.toMilestones());
            }
            catch (RuleViolationException ex) {
                FormErrors.reject(result, ex);
            }
        }
        if (result.hasErrors()) {
            model.addAttribute("home", network.home(organisationId));
            model.addAttribute("statuses", EvaluationStatus.values());
            return "network/milestones";
        }
        redirect.addFlashAttribute("flash", "network.milestones.saved");
        return "redirect:/networks/" + organisationId + "/calendar";
    }

    /** Whether the figures count signed-off data only, and how many action evaluations they leave out. */
    private void validated(long organisationId, boolean validated, Model model) {
        model.addAttribute("validated", validated);
        model.addAttribute("actionEvaluations", network.actionEvaluations(organisationId));
    }

    /** The milestones as rows of a form; rows left empty are dropped, and a few empty ones are offered. */
    public static final class MilestonesForm {

        private List<Row> milestones = new ArrayList<>();

        static MilestonesForm of(List<Milestone> milestones) {
            MilestonesForm form = new MilestonesForm();
            milestones.forEach(milestone -> form.milestones.add(new Row(milestone.monthsBefore(), milestone.label(),
                    milestone.expectedStatus())));
            for (int i = 0; i < 3; i++) {
                form.milestones.add(new Row(null, "", null));
            }
            return form;
        }

        public List<Row> getMilestones() {
            return milestones;
        }

        public void setMilestones(List<Row> milestones) {
            this.milestones = milestones;
        }

        List<Milestone> toMilestones() {
            return milestones.stream().filter(row -> row.getMonthsBefore() != null || !row.getLabel().isBlank())
                    .map(row -> new Milestone(row.getMonthsBefore() == null ? -1 : row.getMonthsBefore(),
                            row.getLabel(), row.getExpectedStatus()))
                    .toList();
        }
    }

    public static final class Row {

        private @Nullable Integer monthsBefore;
        private String label = "";
        private @Nullable EvaluationStatus expectedStatus;

        public Row() {
        }

        Row(@Nullable Integer monthsBefore, String label, @Nullable EvaluationStatus expectedStatus) {
            this.monthsBefore = monthsBefore;
            this.label = label;
            this.expectedStatus = expectedStatus;
        }

        public @Nullable Integer getMonthsBefore() {
            return monthsBefore;
        }

        public void setMonthsBefore(@Nullable Integer monthsBefore) {
            this.monthsBefore = monthsBefore;
        }

        public String getLabel() {
            return label;
        }

        public void setLabel(@Nullable String label) {
            this.label = label == null ? "" : label;
        }

        public @Nullable EvaluationStatus getExpectedStatus() {
            return expectedStatus;
        }

        public void setExpectedStatus(@Nullable EvaluationStatus expectedStatus) {
            this.expectedStatus = expectedStatus;
        }
    }
}
