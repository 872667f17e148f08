package fr.maillon.network;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.StepState;
import fr.maillon.network.NetworkProgress.Late;
import fr.maillon.network.NetworkProgress.MilestoneStatus;
import fr.maillon.network.NetworkProgress.Source;
import fr.maillon.network.internal.NetworkRepository;
import fr.maillon.network.internal.ProgrammeRepository;
import fr.maillon.network.internal.ProgressRepository;
import fr.maillon.network.internal.ProgressRepository.Facts;
import fr.maillon.network.internal.ProgressRules;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Organisation;
import fr.maillon.organisation.OrganisationService;

/**
 * Where each structure of a network's territory (a federation's, a CAF's, a département's, a programme's cohort)
 * stands in the method, from what it shared with the network. Five statements whatever the number of structures: the
 * territory's départements, its structures, the facts of a page's shared evaluations at once, the agrément
 * milestones, the programme's milestones.
 */
@Service
public class ProgressService {

    private final AccessPolicy access;
    private final OrganisationService organisations;
    private final NetworkRepository networks;
    private final ProgressRepository progress;
    private final ProgrammeRepository programmes;
    private final NetworkService networkService;
    private final Clock clock;

    ProgressService(AccessPolicy access, OrganisationService organisations, NetworkRepository networks,
            ProgressRepository progress, ProgrammeRepository programmes, NetworkService networkService, Clock clock) {
        this.access = access;
        this.organisations = organisations;
        this.networks = networks;
        this.progress = progress;
        this.programmes = programmes;
        this.networkService = networkService;
        this.clock = clock;
    }

    /** How many structures a page shows. */
    public static final int PAGE_SIZE = 50;

    /** The progress as of today in the configured zone; for the network's members only (404 otherwise). */
    @Transactional(readOnly = true)
    public NetworkProgress progress(long organisationId, ProgressQuery query) {
        return progress(organisationId, query, LocalDate.now(clock));
    }

    /**
     * One page of the structures the query asks for. The steps are read for that page only, but once a programme's
     * milestone is due, which needs every structure's steps to say who is late; what is late against the agrément
     * calendar comes from the territory alone.
     */
    @Transactional(readOnly = true)
    public NetworkProgress progress(long organisationId, ProgressQuery query, LocalDate today) {
        access.requireNetworkMember(organisationId);
        Organisation organisation = organisations.organisation(organisationId);
        List<ProgressQuery.Place> places = progress.places(organisationId);
        Set<String> departements = places.stream().filter(query::includes).map(ProgressQuery.Place::departement)
                .collect(Collectors.toSet());
        List<TerritoryStructure> territory = networks.territory(organisationId).stream()
                .filter(structure -> departements.contains(structure.departement())).toList();
        int pages = Math.max(1, (territory.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(query.page(), pages);
        List<TerritoryStructure> shown = territory.subList((page - 1) * PAGE_SIZE,
                Math.min(territory.size(), page * PAGE_SIZE));
        List<ProgrammeMilestone> milestones = programmes.milestones(organisationId);
        boolean anyDue = milestones.stream().anyMatch(milestone -> !milestone.dueOn().isAfter(today));
        List<TerritoryStructure> read = (anyDue ? territory : shown).stream().filter(TerritoryStructure::sharing).toList();
        Map<Long, Facts> facts = progress.facts(organisationId, read.stream().map(TerritoryStructure::id).toList())
                .stream().collect(Collectors.toMap(Facts::id, Function.identity()));
        Map<Long, List<NetworkProgress.Evaluation>> evaluations = new HashMap<>();
        read.forEach(structure -> evaluations.put(structure.id(), structure.evaluations().stream()
                .filter(evaluation -> facts.containsKey(evaluation.id()))
                .map(evaluation -> new NetworkProgress.Evaluation(evaluation.id(), evaluation.title(),
                        evaluation.status(), evaluation.periodStart(), evaluation.periodEnd(),
                        ProgressRules.steps(facts.get(evaluation.id()), clock.getZone())))
                .toList()));
        Map<Long, List<Late>> late = new HashMap<>();
        networkService.calendar(organisation, territory, today).lines().forEach(line -> late.put(
                line.structure().id(), line.steps().stream().filter(CalendarLine.Step::late)
                        .map(step -> new Late(step.milestone().label(), step.date(), Source.AGREMENT))
                        .collect(Collectors.toCollection(ArrayList::new))));
        for (ProgrammeMilestone milestone : milestones) {
            if (!milestone.dueOn().isAfter(today)) {
                evaluations.forEach((structure, shared) -> {
                    if (!reached(shared, milestone.step())) {
                        late.computeIfAbsent(structure, key -> new ArrayList<>())
                                .add(new Late(milestone.label(), milestone.dueOn(), Source.PROGRAMME));
                    }
                });
            }
        }
        List<NetworkProgress.Structure> structures = shown.stream()
                .map(structure -> new NetworkProgress.Structure(structure.id(), structure.name(), structure.kind(),
                        structure.departement(), structure.commune(), structure.sharing(),
                        evaluations.getOrDefault(structure.id(), List.of()),
                        late.getOrDefault(structure.id(), List.of())))
                .toList();
        List<MilestoneStatus> statuses = milestones.stream().map(milestone -> {
            boolean due = !milestone.dueOn().isAfter(today);
            List<String> lateStructures = due ? read.stream()
                    .filter(structure -> !reached(evaluations.get(structure.id()), milestone.step()))
                    .map(TerritoryStructure::name).toList() : List.of();
            return new MilestoneStatus(milestone, due, lateStructures);
        }).toList();
        int sharing = (int) territory.stream().filter(TerritoryStructure::sharing).count();
        int lateCount = (int) late.values().stream().filter(lines -> !lines.isEmpty()).count();
        return new NetworkProgress(organisation, today, query.page(page), places, territory.size(), sharing, lateCount,
                page, pages, structures, statuses);
    }

    /** Whether one of the shared evaluations has done the step. */
    private static boolean reached(List<NetworkProgress.Evaluation> evaluations, ProgressStep step) {
        return evaluations.stream().flatMap(evaluation -> evaluation.steps().stream())
                .anyMatch(found -> found.step() == step && found.state() == StepState.DONE);
    }
}
