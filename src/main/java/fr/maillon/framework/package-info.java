/**
 * The cadre d'évaluation: transformation objectives, evaluative questions under their criteria,
 * indicators with their targets, periods and formulas, and the results computed from the values
 * collected. So far: periods, formulas and the results calculator.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web" })
package fr.maillon.framework;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
