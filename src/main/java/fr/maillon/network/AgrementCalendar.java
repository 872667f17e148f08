package fr.maillon.network;

import java.util.List;

import fr.maillon.organisation.Organisation;

/** The agrément renewals of a network's sharing structures, soonest end first, and those whose end date is unknown. */
public record AgrementCalendar(Organisation organisation, List<Milestone> milestones, List<CalendarLine> lines,
        List<TerritoryStructure> undated) {
}
