package fr.maillon.network;

import java.util.List;

/** A programme's page: what it is, its cohort's progress and milestones, the links still waiting, the kits. */
public record ProgrammePage(Programme programme, NetworkProgress progress, List<ProgrammeInvitation> invitations,
        List<WorkshopKit> kits) {

    public ProgrammePage {
        invitations = List.copyOf(invitations);
        kits = List.copyOf(kits);
    }
}
