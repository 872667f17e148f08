/**
 * The base of every page and API call: layout, navigation, error pages, problem details, form
 * field fragments and i18n. Every module may use it; it uses none.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package fr.maillon.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
