package fr.maillon.network;

import java.util.List;

/**
 * A programme's page: what it is, its cohort's progress and milestones, the links still waiting, the kits, and the
 * structures of its cohort (which its facilitators may remove).
 */
public record ProgrammePage(Programme programme, NetworkProgress progress, List<ProgrammeInvitation> invitations,
        List<WorkshopKit> kits, List<ProgrammeCohortStructure> cohort) {

    public ProgrammePage {
        invitations = List.copyOf(invitations);
        cohort = List.copyOf(cohort);
        kits = List.copyOf(kits);
    }
}
