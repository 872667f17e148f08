/**
 * Surveys of inhabitants, volunteers, partners and the team: the questionnaire (sections,
 * questions, choices, conditions, French with optional English), its waves (each with an
 * unguessable public link, dates and a reporting period), anonymous answering from a phone without
 * JavaScript, entry of paper answers, results per question with small groups hidden outside the
 * structure, and the indicators its answers feed.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "account", "organisation", "chain", "framework" })
package fr.maillon.survey;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
