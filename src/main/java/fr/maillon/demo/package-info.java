/**
 * The demo: La Coopération (Romans-sur-Isère, Drôme) and the value chain of its Conserverie Mobile
 * et Solidaire (an exchange document), the Drôme federation and CAF, and their accounts, created on
 * first start when the database is empty. On by default with the embedded
 * database, off with an external one; {@code MAILLON_DEMO=true|false} decides otherwise.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "account", "organisation", "chain", "exchange", "framework", "restitution", "network", "agrement" })
package fr.maillon.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
