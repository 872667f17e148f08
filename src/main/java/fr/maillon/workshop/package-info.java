/**
 * Live workshops: a facilitator opens one on an evaluation and projects its short code; the people
 * concerned join from their own phones without an account, say who they are (a role, never a
 * name) and post cards (what they bring, what is done together, what it changes and for whom, a
 * testimony given with consent) and put dots on others' cards; the facilitator merges, edits, hides
 * and places cards into the chain, marked with their provenance; each workshop leaves a trace of
 * who took part (counts by role) and what was kept.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "account", "organisation", "chain" })
package fr.maillon.workshop;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
