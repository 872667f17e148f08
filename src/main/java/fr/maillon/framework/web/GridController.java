package fr.maillon.framework.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.CustomPeriod;
import fr.maillon.framework.DataGrid;
import fr.maillon.framework.DisaggregationService;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.PeriodType;
import fr.maillon.framework.RenewalService;
import fr.maillon.framework.ValuesWorkbook;
import fr.maillon.web.RuleViolationException;

/** The entry grid (indicators × periods, values or targets) and the results. */
@Controller
class GridController {

    private static final String CELL = "cell_";

    private final FrameworkService framework;
    private final EvaluationService evaluations;
    private final MessageSource messages;
    private final DisaggregationService disaggregations;
    private final RenewalService renewals;
    private final ValuesWorkbook workbooks;

    GridController(FrameworkService framework, EvaluationService evaluations, MessageSource messages,
            DisaggregationService disaggregations, RenewalService renewals, ValuesWorkbook workbooks) {
        this.workbooks = workbooks;
        this.renewals = renewals;
        this.disaggregations = disaggregations;
        this.framework = framework;
        this.evaluations = evaluations;
        this.messages = messages;
    }

    @ModelAttribute("frequencies")
    List<String> frequencies() {
        return List.of("YEAR", "QUARTER", "MONTH", "CUSTOM");
    }

    @GetMapping("/evaluations/{evaluationId}/data")
    String grid(@PathVariable long evaluationId, @RequestParam(defaultValue = "YEAR") PeriodType frequency,
            @RequestParam(defaultValue = "false") boolean targets, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("grid", framework.grid(evaluationId, frequency, targets));
        model.addAttribute("canEdit", framework.canEdit(evaluationId));
        return "framework/grid";
    }

    /** Reads the cells named {@code cell_<indicator>_<period>[_<category>]}; a refused cell is shown in place. */
    @PostMapping("/evaluations/{evaluationId}/data")
    String save(@PathVariable long evaluationId, @RequestParam(defaultValue = "YEAR") PeriodType frequency,
            @RequestParam(defaultValue = "false") boolean targets, @RequestParam Map<String, String> parameters,
            Locale locale, Model model, RedirectAttributes redirect) {
        DataGrid grid = framework.grid(evaluationId, frequency, targets);
        Map<String, String> labels = new HashMap<>();
        grid.rows().forEach(row -> labels.put(row.id(), row.categoryLabel() == null ? "" : row.categoryLabel()));
        List<String> keys = new ArrayList<>();
        List<CellInput> cells = new ArrayList<>();
        parameters.forEach((name, text) -> {
            String[] parts = name.startsWith(CELL) ? name.substring(CELL.length()).split("_", 3) : new String[0];
            if (parts.length >= 2 && parts[0].matches("\\d{1,18}")) {
                String row = parts.length == 3 ? parts[0] + "_" + parts[2] : parts[0];
                String category = labels.getOrDefault(row, parts.length == 3 ? "?" + parts[2] : "");
                keys.add(name.substring(CELL.length()));
                cells.add(new CellInput(Long.parseLong(parts[0]), parts[1], category, text));
            }
        });
        try {
            framework.saveGrid(evaluationId, targets, cells);
            redirect.addFlashAttribute("flash", targets ? "framework.grid.targetsSaved" : "framework.grid.saved");
            return "redirect:/evaluations/" + evaluationId + "/data?frequency=" + frequency + "&targets=" + targets;
        }
        catch (RuleViolationException ex) {
            Map<String, String> errors = new LinkedHashMap<>();
            ex.violations().forEach(violation -> errors.put(keys.get(Integer.parseInt(violation.field())),
                    messages.getMessage(violation.code(), violation.arguments(), locale)));
            Map<String, String> typed = new LinkedHashMap<>(grid.cells());
            for (int i = 0; i < keys.size(); i++) {
                typed.put(keys.get(i), cells.get(i).text());
            }
            model.addAttribute("grid", new DataGrid(targets, grid.frequency(), grid.rows(), grid.periods(),
                    grid.periodLabels(), typed));
            model.addAttribute("cellErrors", errors);
            model.addAttribute("page", evaluations.page(evaluationId));
            model.addAttribute("canEdit", true);
            return "framework/grid";
        }
    }

    @GetMapping("/evaluations/{evaluationId}/values.xlsx")
    ResponseEntity<byte[]> valuesWorkbook(@PathVariable long evaluationId) {
        return workbooks.download(evaluationId);
    }

    @GetMapping("/evaluations/{evaluationId}/results")
    String results(@PathVariable long evaluationId, @RequestParam(defaultValue = "YEAR") PeriodType frequency,
            Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("frequency", frequency);
        model.addAttribute("results", framework.results(evaluationId, frequency));
        model.addAttribute("renewal", renewals.renewal(evaluationId, frequency));
        model.addAttribute("periodLabels", disaggregations.customPeriods(evaluationId).stream().collect(
                Collectors.toMap(period -> period.period().code(), CustomPeriod::label, (a, b) -> a)));
        return "framework/results";
    }

}
