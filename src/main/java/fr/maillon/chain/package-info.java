/**
 * The value chain of a structure's project. So far: evaluations (démarches d'évaluation), their
 * scope, period and status, the structure's page that lists them and what it shares, and the
 * home page. Stakeholders, resources, activities, outputs, effects and links come next.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "account", "organisation" })
package fr.maillon.chain;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
