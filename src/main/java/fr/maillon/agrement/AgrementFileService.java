package fr.maillon.agrement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.agrement.internal.AgrementNoteRepository;
import fr.maillon.agrement.internal.AgrementNoteRepository.Note;
import fr.maillon.agrement.internal.FileFactsRepository;
import fr.maillon.agrement.internal.FileFactsRepository.Facts;
import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationCycles;
import fr.maillon.chain.EvaluationNotFoundException;
import fr.maillon.chain.EvaluationPage;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.Stakeholder;
import fr.maillon.chain.StakeholderType;
import fr.maillon.chain.StepText;
import fr.maillon.chain.ValueChain;
import fr.maillon.framework.FrameworkOverview;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorResults;
import fr.maillon.framework.Objective;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.framework.PeriodResult;
import fr.maillon.framework.PeriodType;
import fr.maillon.network.AgrementCalendar;
import fr.maillon.network.CalendarFiles;
import fr.maillon.network.CalendarLine;
import fr.maillon.network.NetworkService;
import fr.maillon.network.SharedEvaluation;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.Structure;
import fr.maillon.organisation.StructureKind;
import fr.maillon.restitution.QuestionVerdict;
import fr.maillon.restitution.Report;
import fr.maillon.restitution.ReportService;
import fr.maillon.restitution.VerdictService;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.WorkshopService;
import fr.maillon.workshop.WorkshopTrace;

/**
 * The CAF's file for the agrément renewal of a projet social, drawn from an evaluation of the whole projet
 * social (scope PROJET_SOCIAL) of a centre social or an espace de vie sociale. Whoever reads the evaluation
 * reads its file: the structure's members, and the networks it was shared with (a CAF, a federation
 * accompanying the renewal), read-only; the structure's editors write the texts of its parts. Any other
 * evaluation is "not found".
 */
@Service
public class AgrementFileService implements CalendarFiles {

    /** Words of a name or title that say it belongs to the projet familles (folded: no accents, lower case). */
    private static final List<String> FAMILY_WORDS = List.of("famil", "parentalit", "acf");

    private static final int MAX_NAMES = 5;
    private static final int MAX_SAYS = 280;

    private final EvaluationService evaluations;
    private final ChainService chains;
    private final ObjectiveService objectives;
    private final FrameworkService framework;
    private final VerdictService verdicts;
    private final ReportService reports;
    private final WorkshopService workshops;
    private final NetworkService networks;
    private final AccessPolicy access;
    private final AgrementNoteRepository notes;
    private final FileFactsRepository facts;
    private final Clock clock;

    AgrementFileService(EvaluationService evaluations, ChainService chains, ObjectiveService objectives,
            FrameworkService framework, VerdictService verdicts, ReportService reports, WorkshopService workshops,
            NetworkService networks, AccessPolicy access, AgrementNoteRepository notes, FileFactsRepository facts,
            Clock clock) {
        this.evaluations = evaluations;
        this.chains = chains;
        this.objectives = objectives;
        this.framework = framework;
        this.verdicts = verdicts;
        this.reports = reports;
        this.workshops = workshops;
        this.networks = networks;
        this.access = access;
        this.notes = notes;
        this.facts = facts;
        this.clock = clock;
    }

    /** Whether an evaluation has a file: a projet social of a structure the CAF gives an agrément to. */
    public static boolean hasFile(Evaluation evaluation, StructureKind kind) {
        return evaluation.scope() == EvaluationScope.PROJET_SOCIAL && kind.agreedByCaf();
    }

    /** The file of an evaluation the caller may read; 404 when she may not, or when it has none. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public AgrementFile file(long evaluationId) {
        EvaluationPage page = evaluations.page(evaluationId);
        if (!hasFile(page.evaluation(), page.structure().kind())) {
            throw new EvaluationNotFoundException(evaluationId);
        }
        return build(page);
    }

    /** The file, for the structure's editors who write its texts (403 for those who only read it). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public AgrementFile editable(long evaluationId) {
        AgrementFile file = file(evaluationId);
        access.requireStructureRole(file.structure().id(), Role.STRUCTURE_EDITOR);
        return file;
    }

    /**
     * Writes the structure's text for a part (blank: none), and for the projet familles whether it is "sans
     * objet"; for the structure's editors (403 for those who only read it).
     */
    @Transactional
    public void saveNote(long evaluationId, AgrementPart part, @Nullable String text, boolean notApplicable) {
        EvaluationPage page = evaluations.page(evaluationId);
        if (!hasFile(page.evaluation(), page.structure().kind())) {
            throw new EvaluationNotFoundException(evaluationId);
        }
        long structureId = page.evaluation().structureId();
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        String kept = checked(part, text, notApplicable);
        notes.save(structureId, evaluationId, part, kept, notApplicable, clock.instant(), access.currentUserId());
    }

    /**
     * The texts and marks the structure wrote in an evaluation's file, in the parts' order: for the exchange's export
     * of an evaluation the caller has already read.
     */
    @Transactional(readOnly = true)
    public List<AgrementNote> notes(Evaluation evaluation) {
        return notes.notes(evaluation.structureId(), evaluation.id()).stream()
                .map(note -> new AgrementNote(note.part(), note.text(), note.notApplicable()))
                .sorted(java.util.Comparator.comparing(AgrementNote::part)).toList();
    }

    /**
     * Writes a text and mark read from an exchange document into an evaluation the importer has just created (she
     * was checked as an editor of the structure); the same rules as {@link #saveNote}.
     * @throws RuleViolationException naming the field ({@code text}, {@code notApplicable}) and how to fix it
     */
    @Transactional
    public void importNote(long structureId, long evaluationId, AgrementNote note) {
        String kept = checked(note.part(), note.text(), note.notApplicable());
        notes.save(structureId, evaluationId, note.part(), kept, note.notApplicable(), clock.instant(),
                access.currentUserId());
    }

    /** The text as kept (stripped, blank: none), or every rule it breaks. */
    private static @Nullable String checked(AgrementPart part, @Nullable String text, boolean notApplicable) {
        String kept = text == null || text.isBlank() ? null : text.strip().replace("\r\n", "\n");
        List<RuleViolationException.Violation> violations = new ArrayList<>();
        if (kept != null && kept.length() > AgrementPart.MAX_NOTE) {
            violations.add(new RuleViolationException.Violation("text", "agrement.note.tooLong",
                    AgrementPart.MAX_NOTE, kept.length()));
        }
        else if (kept != null && Texts.hasControlCharacters(kept)) {
            violations.add(new RuleViolationException.Violation("text", "web.text.control"));
        }
        if (notApplicable && !part.mayBeNotApplicable()) {
            violations.add(new RuleViolationException.Violation("notApplicable", "agrement.note.notApplicable.refused"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return kept;
    }

    /**
     * A network's agrément calendar with each sharing structure's file: the latest projet social evaluation it
     * shares with the network and its parts done. For the network's members only (404 for others).
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public NetworkFiles networkFiles(long organisationId) {
        AgrementCalendar calendar = networks.calendar(organisationId);
        return new NetworkFiles(calendar, lines(calendar));
    }

    /** For the calendar page: each structure's file, complete or with the number of parts to complete. */
    @Override
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Map<Long, CalendarFiles.CalendarFile> files(AgrementCalendar calendar) {
        Map<Long, CalendarFiles.CalendarFile> files = new HashMap<>();
        for (NetworkFiles.Line line : lines(calendar)) {
            if (line.evaluation() != null) {
                files.put(line.calendar().structure().id(), new CalendarFiles.CalendarFile(line.evaluation().id(),
                        line.toComplete().size()));
            }
        }
        return files;
    }

    /**
     * Each calendar line's file, set-based: the facts of every shared projet social read in one statement, each
     * structure's latest one (they come latest first) judged by the same rules as the file's page.
     */
    private List<NetworkFiles.Line> lines(AgrementCalendar calendar) {
        Map<Long, Facts> facts = this.facts.facts(calendar.lines().stream()
                .flatMap(line -> line.structure().evaluations().stream()).map(SharedEvaluation::id).toList());
        List<NetworkFiles.Line> lines = new ArrayList<>();
        for (CalendarLine line : calendar.lines()) {
            SharedEvaluation projetSocial = line.structure().kind().agreedByCaf() ? line.structure().evaluations()
                    .stream().filter(shared -> facts.containsKey(shared.id())).findFirst().orElse(null) : null;
            if (projetSocial == null) {
                lines.add(new NetworkFiles.Line(line, null, 0, AgrementPart.values().length, List.of()));
                continue;
            }
            Facts found = facts.get(projetSocial.id());
            // the previous cycle counts when the network reads it too, as on the file's page
            boolean previousRead = found.previousEvaluationId() != null && line.structure().evaluations().stream()
                    .anyMatch(shared -> shared.id() == found.previousEvaluationId());
            List<AgrementPart> toComplete = new ArrayList<>();
            if (!diagnosticPresent(found.framed(), found.stakeholders() > 0, found.resources() > 0)) {
                toComplete.add(AgrementPart.DIAGNOSTIC);
            }
            if (!participationPresent(found.inhabitants(), found.inhabitantStakeholders())) {
                toComplete.add(AgrementPart.PARTICIPATION);
            }
            if (!familiesDone(line.structure().kind(), found.familiesMarkedNotApplicable(),
                    found.familyCandidates().stream().anyMatch(AgrementFileService::speaksOfFamilies))) {
                toComplete.add(AgrementPart.FAMILIES);
            }
            if (!objectivesPresent(found.objectives(), found.questions())) {
                toComplete.add(AgrementPart.OBJECTIVES);
            }
            if (!previousPresent(found.questions(), found.verdicts(), previousRead ? found.previousFinalisedReports()
                    : 0)) {
                toComplete.add(AgrementPart.PREVIOUS_EVALUATION);
            }
            int parts = AgrementPart.values().length;
            lines.add(new NetworkFiles.Line(line, projetSocial, parts - toComplete.size(), parts, toComplete));
        }
        return lines;
    }

    // --- the rules of the parts, shared by the file's page and the network's list ------------------

    static boolean diagnosticPresent(boolean framed, boolean stakeholders, boolean resources) {
        return framed && stakeholders && resources;
    }

    static boolean participationPresent(int inhabitants, int inhabitantStakeholders) {
        return inhabitants > 0 || inhabitantStakeholders > 0;
    }

    /** Sans objet (an espace de vie sociale, or marked so), or present when something speaks of families. */
    static boolean familiesDone(StructureKind kind, boolean marked, boolean speaksOfFamilies) {
        return kind == StructureKind.ESPACE_VIE_SOCIALE || marked || speaksOfFamilies;
    }

    static boolean objectivesPresent(int objectives, int questions) {
        return objectives > 0 && questions > 0;
    }

    static boolean previousPresent(int questions, long answered, long previousFinalised) {
        return (questions > 0 && answered == questions) || previousFinalised > 0;
    }

    // --- the parts --------------------------------------------------------------------------------

    private AgrementFile build(EvaluationPage page) {
        Evaluation evaluation = page.evaluation();
        long id = evaluation.id();
        ValueChain chain = chains.chain(id);
        FrameworkOverview overview = objectives.overview(id);
        List<IndicatorResults> results = framework.results(id, PeriodType.YEAR);
        List<QuestionVerdict> answers = verdicts.verdicts(id);
        List<WorkshopTrace> traces = workshops.traces(id);
        List<Report> ownReports = reports.reports(id);
        EvaluationCycles cycles = evaluations.cycles(id);
        List<Report> previousReports = cycles.previous() == null ? List.of() : reports.reports(cycles.previous().id());
        Map<AgrementPart, Note> stored = new EnumMap<>(AgrementPart.class);
        notes.notes(evaluation.structureId(), id).forEach(note -> stored.put(note.part(), note));
        String base = "/evaluations/" + id;

        int inhabitants = traces.stream()
                .mapToInt(trace -> trace.participants().getOrDefault(ParticipantRole.HABITANT, 0)).sum();
        int participants = traces.stream().mapToInt(WorkshopTrace::participantCount).sum();
        int keptFromInhabitants = traces.stream().mapToInt(WorkshopTrace::keptFromInhabitants).sum();
        List<Stakeholder> inhabitantStakeholders = chain.stakeholders().stream()
                .filter(stakeholder -> stakeholder.type() == StakeholderType.HABITANTS).toList();
        KeyResults.Participation participation = new KeyResults.Participation(traces.size(), participants,
                inhabitants, keptFromInhabitants, inhabitantStakeholders.size());

        List<FilePart> parts = List.of(
                diagnostic(evaluation, chain, note(stored, AgrementPart.DIAGNOSTIC), base),
                participation(participation, traces, note(stored, AgrementPart.PARTICIPATION), base),
                families(page.structure(), chain, overview, stored.get(AgrementPart.FAMILIES), base),
                objectives(overview, results, note(stored, AgrementPart.OBJECTIVES), base),
                previous(answers, ownReports, cycles, previousReports, note(stored, AgrementPart.PREVIOUS_EVALUATION),
                        base));
        KeyResults key = new KeyResults(indicatorLines(results), verdictLines(answers), participation);
        return new AgrementFile(page.structure(), evaluation, page.canEdit(), parts, key, LocalDate.now(clock));
    }

    private static @Nullable String note(Map<AgrementPart, Note> stored, AgrementPart part) {
        Note note = stored.get(part);
        return note == null ? null : note.text();
    }

    /** Present: the framing says why and who steers, the chain has its stakeholders and its resources. */
    private static FilePart diagnostic(Evaluation evaluation, ValueChain chain, @Nullable String note, String base) {
        List<StepText> filled = new ArrayList<>();
        List<StepText> toDo = new ArrayList<>();
        List<ChainElement> resources = chain.elements(ElementKind.RESOURCE);
        long partners = chain.stakeholders().stream()
                .filter(stakeholder -> stakeholder.type() != StakeholderType.HABITANTS).count();
        if (evaluation.framed()) {
            filled.add(StepText.linked(base, "agrement.diagnostic.framed"));
        }
        else {
            toDo.add(StepText.linked(base + "/edit", "agrement.diagnostic.todo.framing"));
        }
        if (!chain.stakeholders().isEmpty()) {
            filled.add(StepText.linked(base + "#stakeholders", "agrement.diagnostic.stakeholders",
                    chain.stakeholders().size(), partners));
        }
        else {
            toDo.add(StepText.linked(base + "/stakeholders/new", "agrement.diagnostic.todo.stakeholders"));
        }
        if (!resources.isEmpty()) {
            BigDecimal valued = resources.stream().map(ChainElement::valueEur).filter(Objects::nonNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            filled.add(StepText.linked(base + "/resources", "agrement.diagnostic.resources", resources.size(),
                    valued.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact()));
        }
        else {
            toDo.add(StepText.linked(base + "/elements/new?kind=RESOURCE", "agrement.diagnostic.todo.resources"));
        }
        int effects = chain.elements(ElementKind.EFFECT).size();
        if (effects > 0) {
            filled.add(StepText.linked(base + "/diagram", "agrement.diagnostic.effects", effects));
        }
        boolean present = diagnosticPresent(evaluation.framed(), !chain.stakeholders().isEmpty(), !resources.isEmpty());
        return new FilePart(AgrementPart.DIAGNOSTIC, state(present, !filled.isEmpty() || note != null), filled,
                present ? List.of() : toDo, note, false);
    }

    /** Present: inhabitants took part in a workshop, or the chain counts inhabitants among its stakeholders. */
    private static FilePart participation(KeyResults.Participation participation, List<WorkshopTrace> traces,
            @Nullable String note, String base) {
        List<StepText> filled = new ArrayList<>();
        List<StepText> toDo = new ArrayList<>();
        if (!traces.isEmpty()) {
            filled.add(StepText.linked(base + "/workshops", "agrement.participation.workshops",
                    participation.workshops(), participation.participants(), participation.inhabitants()));
            if (participation.keptFromInhabitants() > 0) {
                filled.add(StepText.linked(base + "/workshops", "agrement.participation.kept",
                        participation.keptFromInhabitants()));
            }
        }
        if (participation.inhabitantStakeholders() > 0) {
            filled.add(StepText.linked(base + "#stakeholders", "agrement.participation.stakeholders",
                    participation.inhabitantStakeholders()));
        }
        boolean present = participationPresent(participation.inhabitants(), participation.inhabitantStakeholders());
        if (participation.inhabitants() == 0) {
            toDo.add(StepText.linked(base + "/workshops", "agrement.participation.todo.workshop"));
        }
        if (participation.inhabitantStakeholders() == 0) {
            toDo.add(StepText.linked(base + "/stakeholders/new", "agrement.participation.todo.stakeholder"));
        }
        return new FilePart(AgrementPart.PARTICIPATION, state(present, !filled.isEmpty() || note != null), filled,
                present ? List.of() : toDo, note, false);
    }

    /**
     * Sans objet for an espace de vie sociale (no animation collective familles), or when the structure marks it
     * so; present when an objective or an element of the chain speaks of families.
     */
    private static FilePart families(Structure structure, ValueChain chain, FrameworkOverview overview,
            @Nullable Note note, String base) {
        String text = note == null ? null : note.text();
        boolean marked = note != null && note.notApplicable();
        List<StepText> filled = new ArrayList<>();
        List<String> names = Stream.concat(overview.objectives().stream().map(Objective::title),
                chain.elements().stream().map(ChainElement::name))
                .filter(AgrementFileService::speaksOfFamilies).distinct().toList();
        if (!names.isEmpty()) {
            filled.add(StepText.linked(base + "/framework", "agrement.families.items", names.size(),
                    String.join(", ", names.subList(0, Math.min(MAX_NAMES, names.size())))));
        }
        if (structure.kind() == StructureKind.ESPACE_VIE_SOCIALE) {
            filled.add(0, StepText.of("agrement.families.evs"));
            return new FilePart(AgrementPart.FAMILIES, PartState.NOT_APPLICABLE, filled, List.of(), text, marked);
        }
        if (marked) {
            filled.add(0, StepText.of("agrement.families.marked"));
            return new FilePart(AgrementPart.FAMILIES, PartState.NOT_APPLICABLE, filled, List.of(), text, true);
        }
        boolean present = !names.isEmpty();
        List<StepText> toDo = present ? List.of()
                : List.of(StepText.linked(base + "/framework", "agrement.families.todo"),
                        StepText.linked(base + "/agrement/families/edit", "agrement.families.todo.notApplicable"));
        return new FilePart(AgrementPart.FAMILIES, state(present, text != null), filled, toDo, text, false);
    }

    static boolean speaksOfFamilies(String name) {
        String folded = Texts.fold(name);
        return FAMILY_WORDS.stream().anyMatch(word -> word.equals("acf")
                ? folded.matches("(?s).*\\bacf\\b.*") : folded.contains(word));
    }

    /** Present: the cadre has its objectives and its evaluative questions. */
    private static FilePart objectives(FrameworkOverview overview, List<IndicatorResults> results,
            @Nullable String note, String base) {
        List<StepText> filled = new ArrayList<>();
        List<StepText> toDo = new ArrayList<>();
        if (!overview.objectives().isEmpty()) {
            filled.add(StepText.linked(base + "/framework", "agrement.objectives.objectives",
                    overview.objectives().size(), overview.objectives().stream().map(Objective::target).distinct()
                            .count()));
        }
        else {
            toDo.add(StepText.linked(base + "/objectives/new", "agrement.objectives.todo.objectives"));
        }
        if (!overview.questions().isEmpty()) {
            filled.add(StepText.linked(base + "/framework", "agrement.objectives.questions",
                    overview.questions().size()));
        }
        else {
            toDo.add(StepText.linked(base + "/framework", "agrement.objectives.todo.questions"));
        }
        if (!results.isEmpty()) {
            long targeted = results.stream().filter(AgrementFileService::hasTarget).count();
            filled.add(StepText.linked(base + "/indicators", "agrement.objectives.indicators", results.size(),
                    targeted));
        }
        boolean present = objectivesPresent(overview.objectives().size(), overview.questions().size());
        return new FilePart(AgrementPart.OBJECTIVES, state(present, !filled.isEmpty() || note != null), filled,
                present ? List.of() : toDo, note, false);
    }

    /**
     * Present: every evaluative question has its verdict, or the previous cycle's evaluation has a finalised
     * report.
     */
    private static FilePart previous(List<QuestionVerdict> answers, List<Report> ownReports, EvaluationCycles cycles,
            List<Report> previousReports, @Nullable String note, String base) {
        List<StepText> filled = new ArrayList<>();
        List<StepText> toDo = new ArrayList<>();
        long answered = answers.stream().filter(QuestionVerdict::answered).count();
        if (answered > 0) {
            filled.add(StepText.linked(base + "/verdicts", "agrement.previous.verdicts", answered, answers.size()));
        }
        long finalised = ownReports.stream().filter(report -> report.lastVersion() > 0).count();
        if (finalised > 0) {
            filled.add(StepText.linked(base + "/reports", "agrement.previous.reports", finalised));
        }
        long previousFinalised = previousReports.stream().filter(report -> report.lastVersion() > 0).count();
        if (cycles.previous() != null) {
            filled.add(StepText.linked("/evaluations/" + cycles.previous().id() + "/reports",
                    "agrement.previous.cycle", cycles.previous().title(), previousFinalised));
        }
        boolean allAnswered = !answers.isEmpty() && answered == answers.size();
        boolean present = previousPresent(answers.size(), answered, previousFinalised);
        if (!allAnswered) {
            toDo.add(answers.isEmpty() ? StepText.linked(base + "/framework", "agrement.previous.todo.questions")
                    : StepText.linked(base + "/verdicts", "agrement.previous.todo.verdicts",
                            answers.size() - answered));
        }
        if (finalised == 0) {
            toDo.add(StepText.linked(base + "/reports", "agrement.previous.todo.report"));
        }
        return new FilePart(AgrementPart.PREVIOUS_EVALUATION, state(present, !filled.isEmpty() || note != null),
                filled, present ? List.of() : toDo, note, false);
    }

    private static PartState state(boolean present, boolean begun) {
        return present ? PartState.PRESENT : begun ? PartState.PARTIAL : PartState.MISSING;
    }

    private static boolean hasTarget(IndicatorResults results) {
        return results.periods().stream().anyMatch(period -> period.target() != null);
    }

    // --- key results ------------------------------------------------------------------------------

    /** The most indicators the note lists. */
    private static final int MAX_INDICATORS = 12;

    /**
     * Each indicator's latest figure: its latest period with a target and a value (else its latest target), or for
     * an indicator without targets its latest value; those with a target first, at most {@value #MAX_INDICATORS}.
     */
    private static List<KeyResults.IndicatorLine> indicatorLines(List<IndicatorResults> results) {
        List<KeyResults.IndicatorLine> targeted = new ArrayList<>();
        List<KeyResults.IndicatorLine> others = new ArrayList<>();
        for (IndicatorResults indicator : results) {
            PeriodResult shown = null;
            for (PeriodResult period : indicator.periods()) {
                if (period.target() != null && (period.value() != null || shown == null || shown.value() == null)) {
                    shown = period;
                }
            }
            boolean hasTarget = shown != null;
            if (!hasTarget) {
                for (PeriodResult period : indicator.periods()) {
                    if (period.value() != null) {
                        shown = period;
                    }
                }
            }
            if (shown != null) {
                BigDecimal value = indicator.indicator().cumulativeTargets() && shown.cumulative() != null
                        ? shown.cumulative() : shown.value();
                (hasTarget ? targeted : others).add(new KeyResults.IndicatorLine(indicator.indicator().name(),
                        indicator.indicator().unit(), indicator.indicator().displayPrecision(),
                        shown.period().code(), value, shown.target(), shown.percentOfTarget()));
            }
        }
        targeted.addAll(others);
        return targeted.subList(0, Math.min(MAX_INDICATORS, targeted.size()));
    }

    private static List<KeyResults.VerdictLine> verdictLines(List<QuestionVerdict> answers) {
        return answers.stream().map(answer -> new KeyResults.VerdictLine(answer.criterion(), answer.question(),
                answer.verdict() == null ? null : answer.verdict().name(), says(answer))).toList();
    }

    private static @Nullable String says(QuestionVerdict answer) {
        String text = answer.plainMessage() != null && !answer.plainMessage().isBlank() ? answer.plainMessage()
                : answer.argument();
        if (text == null || text.isBlank()) {
            return null;
        }
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.length() <= MAX_SAYS) {
            return line;
        }
        int cut = line.lastIndexOf(' ', MAX_SAYS - 1);
        return line.substring(0, cut > MAX_SAYS / 2 ? cut : MAX_SAYS - 1) + "…";
    }
}
