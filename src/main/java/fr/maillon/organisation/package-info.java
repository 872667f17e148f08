/**
 * Organisations: structures (centres sociaux, espaces de vie sociale, associations, Territoires zéro
 * chômeur) with their identity, whose fields their kind sets; networks (federations, CAF,
 * conseils départementaux, programmes' facilitators) with the départements they cover, which read
 * only what structures share with them; memberships and their roles,
 * invitations; what a structure shares with whom; and the one access policy every service calls.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "account" })
package fr.maillon.organisation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
