/**
 * Organisations: structures (centres sociaux, espaces de vie sociale, associations) with their
 * identity, federations and CAF with the départements they cover; memberships and their roles,
 * invitations; what a structure shares with whom; and the one access policy every service calls.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "account" })
package fr.maillon.organisation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
