/**
 * The PostgreSQL connection: an embedded server whose data persists under the data directory
 * (the default), or an external server given by {@code MAILLON_DB_URL}. No other module calls it.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package fr.maillon.database;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
