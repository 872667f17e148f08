/**
 * Qualitative evidence behind the figures: testimonies and quotes, photos and documents (their
 * type and size checked), each with its date, its source, the consent of the people concerned,
 * and the effects of the chain it illustrates. Without consent, evidence stays within the
 * structure.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "account", "organisation", "chain" })
package fr.maillon.evidence;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
