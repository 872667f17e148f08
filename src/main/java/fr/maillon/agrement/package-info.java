/**
 * The CAF's agrément file (dossier d'agrément) of a projet social: the parts the CAF's circulaire on
 * animation de la vie sociale asks a centre social's or an espace de vie sociale's projet social to
 * hold (the diagnostic partagé, the participation des habitants, the projet familles where the
 * structure has an animation collective familles, the objectives, the evaluation of the previous
 * projet), each linked to the content of the evaluation that fills it or flagged as missing with what
 * to do; a short text the structure adds to each part; the "note pour la commission" PDF; and, for a
 * network, each sharing structure's file beside its agrément calendar.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "web", "account", "organisation", "chain", "framework", "restitution",
        "workshop", "network" })
package fr.maillon.agrement;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
