package fr.maillon.framework.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
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
import fr.maillon.framework.DataGrid;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.PeriodType;
import fr.maillon.web.RuleViolationException;

/** The entry grid (indicators × periods, values or targets) and the results. */
@Controller
class GridController {

    private static final String CELL = "cell_";

    private final FrameworkService framework;
    private final EvaluationService evaluations;
    private final MessageSource messages;

    GridController(FrameworkService framework, EvaluationService evaluations, MessageSource messages) {
        this.framework = framework;
        this.evaluations = evaluations;
        this.messages = messages;
    }

    @ModelAttribute("frequencies")
    List<String> frequencies() {
        return List.of("YEAR", "QUARTER", "MONTH");
    }

    @GetMapping("/evaluations/{evaluationId}/data")
    String grid(@PathVariable long evaluationId, @RequestParam(defaultValue = "YEAR") PeriodType frequency,
            @RequestParam(defaultValue = "false") boolean targets, Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("grid", framework.grid(evaluationId, frequency == PeriodType.CUSTOM ? PeriodType.YEAR
                : frequency, targets));
        model.addAttribute("canEdit", framework.canEdit(evaluationId));
        return "framework/grid";
    }

    @PostMapping("/evaluations/{evaluationId}/data")
    String save(@PathVariable long evaluationId, @RequestParam(defaultValue = "YEAR") PeriodType frequency,
            @RequestParam(defaultValue = "false") boolean targets, @RequestParam Map<String, String> parameters,
            Locale locale, Model model, RedirectAttributes redirect) {
        List<CellInput> cells = new ArrayList<>();
        parameters.forEach((name, text) -> {
            if (name.startsWith(CELL)) {
                String[] parts = name.substring(CELL.length()).split("_", 2);
                if (parts.length == 2 && parts[0].matches("\\d{1,18}")) {
                    cells.add(new CellInput(Long.parseLong(parts[0]), parts[1], text));
                }
            }
        });
        try {
            framework.saveGrid(evaluationId, targets, cells);
            redirect.addFlashAttribute("flash", targets ? "framework.grid.targetsSaved" : "framework.grid.saved");
            return "redirect:/evaluations/" + evaluationId + "/data?frequency=" + frequency + "&targets=" + targets;
        }
        catch (RuleViolationException ex) {
            Map<String, String> errors = new LinkedHashMap<>();
            ex.violations().forEach(violation -> errors.put(violation.field().substring(CELL.length()),
                    messages.getMessage(violation.code(), violation.arguments(), locale)));
            DataGrid grid = framework.grid(evaluationId, frequency, targets);
            Map<String, String> typed = new LinkedHashMap<>(grid.cells());
            cells.forEach(cell -> typed.put(DataGrid.key(cell.indicatorId(), cell.period()), cell.text()));
            model.addAttribute("grid", new DataGrid(targets, grid.frequency(), grid.indicators(), grid.periods(), typed));
            model.addAttribute("cellErrors", errors);
            model.addAttribute("page", evaluations.page(evaluationId));
            model.addAttribute("canEdit", true);
            return "framework/grid";
        }
    }

    @GetMapping("/evaluations/{evaluationId}/results")
    String results(@PathVariable long evaluationId, @RequestParam(defaultValue = "YEAR") PeriodType frequency,
            Model model) {
        model.addAttribute("page", evaluations.page(evaluationId));
        model.addAttribute("frequency", frequency == PeriodType.CUSTOM ? PeriodType.YEAR : frequency);
        model.addAttribute("results", framework.results(evaluationId,
                frequency == PeriodType.CUSTOM ? PeriodType.YEAR : frequency));
        return "framework/results";
    }

}
