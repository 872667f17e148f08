/**
 * The argued restitution: a contribution analysis for each effect (the claim, the path through the
 * chain, the figures and testimonies behind it, other factors, the strength of the evidence), and
 * reports for an audience (the CAF, the general assembly, partners, inhabitants) whose sections are
 * filled from the model and take a narrative, shown as a page, a PDF and a workbook. A finalised
 * version is frozen: later data changes do not alter it.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "account", "organisation", "chain", "framework", "survey",
        "evidence", "workshop" })
package fr.maillon.restitution;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
