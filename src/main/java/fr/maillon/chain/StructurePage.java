package fr.maillon.chain;

import java.util.List;

import fr.maillon.organisation.Organisation;
import fr.maillon.organisation.Share;
import fr.maillon.organisation.Structure;

/**
 * A structure's page as the caller may see it: its evaluations she may read, its active shares and
 * the federations and CAF it may share with (for its admins), and what she may do there.
 */
public record StructurePage(Structure structure, List<Evaluation> evaluations, List<Share> shares,
        List<Organisation> recipients, boolean canEdit, boolean canAdminister, boolean canShare) {
}
