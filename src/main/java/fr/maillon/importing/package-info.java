/**
 * Imports from the tools structures already use, each with a preview, a mapping of columns to
 * Maillon's fields, a report naming the line and column of every problem, and an all-or-nothing
 * write run in the background with its progress: indicator values and activity logs (CSV, XLSX),
 * questionnaires from XLSForm (KoboToolbox, ODK), and answers exported by KoboToolbox, ODK or
 * LimeSurvey.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "account", "organisation", "chain", "framework", "survey" })
package fr.maillon.importing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
