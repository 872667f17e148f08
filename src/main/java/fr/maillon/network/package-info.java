/**
 * What federations and CAF see of the structures of their territory, built only on what each
 * structure shared with them: the structures and the state of their evaluations, indicators
 * aggregated across structures for the same library entry (totals, averages, medians, quartiles per
 * period, with any group of fewer than three structures hidden), one structure beside its peers, an
 * annual summary in the shape of the observatory's socle, and the agrément calendar; each structure's
 * progress through the method's steps; programmes (a cohort that joins by invitation, with dated
 * milestones and printable workshop kits).
 * <p>
 * Aggregates read results computed in the background ({@link fr.maillon.network.NetworkResults}):
 * each evaluation's results per year and quarter, recomputed when its data changes.
 */
@ApplicationModule(allowedDependencies = { "web", "account", "organisation", "chain", "framework" })
@NullMarked
package fr.maillon.network;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
