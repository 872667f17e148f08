/**
 * The next cycle: when an evaluation ends (a new agrément, a new projet social), its structure starts the next one
 * from it, with the chain and the cadre copied (stakeholders, elements, links, interactions, objectives, questions,
 * indicators, targets moved on) and none of the values, answers or verdicts, which stay with the previous cycle.
 * Each module copies its own tables in one transaction; the previous evaluation is kept unchanged.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "account", "organisation", "chain", "framework" })
package fr.maillon.cycle;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
