package fr.maillon.chain;

import java.util.Locale;

/**
 * What a module above chain knows of where an evaluation's elements and links come from (a live
 * workshop: the cards placed into the chain and the links drawn during it), read in one query of its
 * own tables. Implemented as Spring beans; {@link ProvenanceService} puts them together. Called for an
 * evaluation the caller may read, or one a public link decided to show (a workshop's projector).
 */
public interface ProvenanceSource {

    /** The labels of the evaluation's elements and links this source knows of, in {@code locale}. */
    Provenance provenance(Evaluation evaluation, Locale locale);
}
