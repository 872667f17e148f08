package fr.maillon.restitution;

import java.util.List;

/** Who a report is for, and the sections it holds, in order. */
public enum ReportAudience {
    CAF(List.of(Section.values())),
    ASSEMBLEE(List.of(Section.CONTEXT, Section.CHAIN, Section.RESULTS, Section.BALANCES, Section.RENEWAL,
            Section.SURVEYS, Section.CONTRIBUTION, Section.TESTIMONIES, Section.CHANGES)),
    PARTENAIRES(List.of(Section.CONTEXT, Section.CHAIN, Section.BALANCES, Section.CONTRIBUTION, Section.TESTIMONIES,
            Section.CHANGES)),
    HABITANTS(List.of(Section.CONTEXT, Section.RESULTS, Section.SURVEYS, Section.TESTIMONIES, Section.CHANGES));

    private final List<Section> sections;

    ReportAudience(List<Section> sections) {
        this.sections = sections;
    }

    public List<Section> sections() {
        return sections;
    }

    /** The sections of a report, filled from the model; each takes the authors' narrative. */
    public enum Section {
        CONTEXT, CHAIN, FRAMEWORK, RESULTS, BALANCES, RENEWAL, SURVEYS, CONTRIBUTION, TESTIMONIES, CHANGES
    }
}
