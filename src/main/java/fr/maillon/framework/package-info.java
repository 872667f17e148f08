/**
 * The cadre d'évaluation: transformation objectives, evaluative questions under their criteria,
 * indicators with their targets, periods and formulas, and the results computed from the values
 * collected. So far: indicators, targets, the entry grid and the results; objectives and evaluative
 * questions come next.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "organisation", "chain" })
package fr.maillon.framework;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
