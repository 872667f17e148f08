/**
 * The cadre d'évaluation: transformation objectives, evaluative questions under their criteria,
 * indicators with their targets, periods and formulas, and the results computed from the values
 * collected, disaggregated and over custom periods; the libraries of indicators that structures copy
 * and federations publish; the renewal of resources and the share of support activities.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "account", "organisation", "chain" })
package fr.maillon.framework;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
