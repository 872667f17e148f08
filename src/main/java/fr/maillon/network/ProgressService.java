package fr.maillon.network;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * stands in the method, from what it shared with the network. Four statements whatever the number of structures: the
 * territory, the facts of every shared evaluation at once, the agrément milestones, the programme's milestones.
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

    /** The progress as of today in the configured zone; for the network's members only (404 otherwise). */
    @Transactional(readOnly = true)
    public NetworkProgress progress(long organisationId) {
        return progress(organisationId, LocalDate.now(clock));
    }

    @Transactional(readOnly = true)
    public NetworkProgress progress(long organisationId, LocalDate today) {
        access.requireNetworkMember(organisationId);
        Organisation organisation = organisations.organisation(organisationId);
        List<TerritoryStructure> territory = networks.territory(organisationId);
        Map<Long, Facts> facts = progress.facts(organisationId).stream()
                .collect(Collectors.toMap(Facts::id, Function.identity()));
        Map<Long, CalendarLine> calendar = networkService.calendar(organisation, territory, today).lines().stream()
                .collect(Collectors.toMap(line -> line.structure().id(), Function.identity()));
        List<ProgrammeMilestone> milestones = programmes.milestones(organisationId);
        List<NetworkProgress.Structure> structures = new ArrayList<>();
        for (TerritoryStructure structure : territory) {
            if (!structure.sharing()) {
                structures.add(new NetworkProgress.Structure(structure.id(), structure.name(), structure.kind(),
                        structure.departement(), structure.commune(), false, List.of(), List.of()));
                continue;
            }
            List<NetworkProgress.Evaluation> evaluations = structure.evaluations().stream()
                    .filter(evaluation -> facts.containsKey(evaluation.id()))
                    .map(evaluation -> new NetworkProgress.Evaluation(evaluation.id(), evaluation.title(),
                            evaluation.status(), evaluation.periodStart(), evaluation.periodEnd(),
                            ProgressRules.steps(facts.get(evaluation.id()), clock.getZone())))
                    .toList();
            List<Late> late = new ArrayList<>();
            CalendarLine line = calendar.get(structure.id());
            if (line != null) {
                line.steps().stream().filter(CalendarLine.Step::late)
                        .forEach(step -> late.add(new Late(step.milestone().label(), step.date(), Source.AGREMENT)));
            }
            milestones.stream().filter(milestone -> !milestone.dueOn().isAfter(today))
                    .filter(milestone -> !reached(evaluations, milestone.step()))
                    .forEach(milestone -> late.add(new Late(milestone.label(), milestone.dueOn(), Source.PROGRAMME)));
            structures.add(new NetworkProgress.Structure(structure.id(), structure.name(), structure.kind(),
                    structure.departement(), structure.commune(), true, evaluations, late));
        }
        List<MilestoneStatus> statuses = milestones.stream().map(milestone -> {
            boolean due = !milestone.dueOn().isAfter(today);
            List<String> lateStructures = due ? structures.stream().filter(NetworkProgress.Structure::sharing)
                    .filter(structure -> !reached(structure.evaluations(), milestone.step()))
                    .map(NetworkProgress.Structure::name).toList() : List.of();
            return new MilestoneStatus(milestone, due, lateStructures);
        }).toList();
        return new NetworkProgress(organisation, today, structures, statuses);
    }

    /** Whether one of the shared evaluations has done the step. */
    private static boolean reached(List<NetworkProgress.Evaluation> evaluations, ProgressStep step) {
        return evaluations.stream().flatMap(evaluation -> evaluation.steps().stream())
                .anyMatch(found -> found.step() == step && found.state() == StepState.DONE);
    }
}
