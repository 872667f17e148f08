/**
 * The exchange format: a versioned JSON document of a whole evaluation (its value chain, its
 * framework with values, its surveys with their responses, its evidence, its contribution analyses
 * and its reports with their finalised versions, the texts of its dossier d'agrément),
 * with its JSON Schema; export, and import into a chosen structure as a new evaluation, all or
 * nothing, every problem reported with its JSON path.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "organisation", "chain", "framework", "survey", "evidence",
        "restitution", "workshop", "agrement" })
package fr.maillon.exchange;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
