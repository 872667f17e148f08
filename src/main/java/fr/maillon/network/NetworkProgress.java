package fr.maillon.network;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EvaluationStatus;
import fr.maillon.chain.StepState;
import fr.maillon.organisation.Organisation;
import fr.maillon.organisation.StructureKind;

/**
 * Where each structure of a network's territory stands in the method, from what it shared with the network only: its
 * shared evaluations and their steps (state, and the day reached or last worked on, in the configured zone), and
 * the milestones it is late for (the agrément calendar's, and the programme's). A structure that shares nothing shows
 * its name only. The programme's milestones come with the structures late for each.
 * <p>
 * One page of the structures the query asks for (a région, a département, or all); {@code total}, {@code sharing}
 * and {@code late} count all of them, {@code places} are the territory's départements to choose from.
 */
public record NetworkProgress(Organisation organisation, LocalDate today, ProgressQuery query,
        List<ProgressQuery.Place> places, int total, int sharing, int late, int page, int pages,
        List<Structure> structures, List<MilestoneStatus> milestones) {

    public NetworkProgress {
        places = List.copyOf(places);
        structures = List.copyOf(structures);
        milestones = List.copyOf(milestones);
    }

    /** The places by région, in their order. */
    public List<Region> regions() {
        Map<String, List<ProgressQuery.Place>> byRegion = new LinkedHashMap<>();
        places.forEach(place -> byRegion.computeIfAbsent(place.region(), key -> new ArrayList<>()).add(place));
        return byRegion.values().stream()
                .map(departements -> new Region(departements.get(0).region(), departements.get(0).regionName(),
                        departements))
                .toList();
    }

    /** A région of the territory and its départements. */
    public record Region(String code, String name, List<ProgressQuery.Place> departements) {

        public Region {
            departements = List.copyOf(departements);
        }
    }

    public record Structure(long id, String name, StructureKind kind, String departement, String commune,
            boolean sharing, List<Evaluation> evaluations, List<Late> late) {

        public Structure {
            evaluations = List.copyOf(evaluations);
            late = List.copyOf(late);
        }
    }

    public record Evaluation(long id, String title, EvaluationStatus status, LocalDate periodStart,
            LocalDate periodEnd, List<Step> steps) {

        public Evaluation {
            steps = List.copyOf(steps);
        }

        public long doneCount() {
            return steps.stream().filter(step -> step.state() == StepState.DONE).count();
        }
    }

    /** A step's state, and the day it was reached (done) or last worked on (started); null when unknown. */
    public record Step(ProgressStep step, StepState state, @Nullable LocalDate date) {
    }

    /** A milestone passed without the structure being where it should: from the agrément calendar or the programme. */
    public record Late(String label, LocalDate date, Source source) {
    }

    public enum Source {
        AGREMENT, PROGRAMME
    }

    /** A programme milestone, whether its day has come, and the sharing structures late for it. */
    public record MilestoneStatus(ProgrammeMilestone milestone, boolean due, List<String> lateStructures) {

        public MilestoneStatus {
            lateStructures = List.copyOf(lateStructures);
        }
    }
}
