package fr.maillon.restitution;

import java.util.List;

import fr.maillon.organisation.StructureKind;

/**
 * Who a report is for, and the sections it holds, in order: the body (each evaluative question
 * answered and argued) then the annexes. The inhabitants' report is written in plain words.
 */
public enum ReportAudience {
    /** The full file for the agrément: opened by a note de synthèse of at most 4 pages. */
    CAF(List.of(Section.SYNTHESIS, Section.CONTEXT, Section.RESULTS, Section.CONTRIBUTION, Section.CHANGES,
            Section.CHAIN, Section.WORKSHOPS, Section.BALANCES, Section.RENEWAL, Section.SURVEYS, Section.TESTIMONIES,
            Section.FRAMEWORK)),
    FEDERATION(List.of(Section.SYNTHESIS, Section.CONTEXT, Section.RESULTS, Section.CONTRIBUTION, Section.CHANGES,
            Section.CHAIN, Section.WORKSHOPS, Section.BALANCES, Section.RENEWAL, Section.SURVEYS, Section.FRAMEWORK)),
    ASSEMBLEE(List.of(Section.CONTEXT, Section.RESULTS, Section.CONTRIBUTION, Section.TESTIMONIES, Section.CHANGES,
            Section.CHAIN, Section.WORKSHOPS, Section.BALANCES, Section.RENEWAL, Section.SURVEYS)),
    PARTENAIRES(List.of(Section.SYNTHESIS, Section.CONTEXT, Section.RESULTS, Section.CONTRIBUTION,
            Section.TESTIMONIES, Section.CHANGES, Section.CHAIN, Section.WORKSHOPS, Section.BALANCES)),
    HABITANTS(List.of(Section.CONTEXT, Section.RESULTS, Section.SURVEYS, Section.TESTIMONIES, Section.WORKSHOPS,
            Section.CHANGES)),
    /**
     * A Territoire zéro chômeur's comité local pour l'emploi, which steers the territory's project:
     * the argued answers, then the evidence its partners weigh (chain, balances, renewal, surveys,
     * testimonies) and the cadre d'évaluation it steers.
     */
    COMITE_LOCAL(List.of(Section.SYNTHESIS, Section.CONTEXT, Section.RESULTS, Section.CONTRIBUTION, Section.CHANGES,
            Section.CHAIN, Section.WORKSHOPS, Section.BALANCES, Section.RENEWAL, Section.SURVEYS, Section.TESTIMONIES,
            Section.FRAMEWORK));

    private final List<Section> sections;

    /**
     * The audiences a structure of this kind writes for, the usual first: the CAF's agrément file
     * only for a centre social or an EVS, the comité local pour l'emploi for a Territoire zéro
     * chômeur, the board or assembly and the partners for any association.
     */
    public static List<ReportAudience> forKind(StructureKind kind) {
        return switch (kind) {
            case CENTRE_SOCIAL, ESPACE_VIE_SOCIALE -> List.of(CAF, FEDERATION, ASSEMBLEE, PARTENAIRES, HABITANTS);
            case TERRITOIRE_ZERO_CHOMEUR -> List.of(COMITE_LOCAL, ASSEMBLEE, PARTENAIRES, HABITANTS);
            case ASSOCIATION -> List.of(ASSEMBLEE, PARTENAIRES, HABITANTS, FEDERATION);
        };
    }

    ReportAudience(List<Section> sections) {
        this.sections = sections;
    }

    /** Its sections in the order versions finalised before the reports were built around the questions show. */
    public List<Section> legacySections() {
        return switch (this) {
            case CAF, FEDERATION, COMITE_LOCAL -> List.of(Section.CONTEXT, Section.CHAIN, Section.FRAMEWORK, Section.RESULTS,
                    Section.BALANCES, Section.RENEWAL, Section.SURVEYS, Section.CONTRIBUTION, Section.TESTIMONIES,
                    Section.CHANGES);
            case ASSEMBLEE -> List.of(Section.CONTEXT, Section.CHAIN, Section.RESULTS, Section.BALANCES,
                    Section.RENEWAL, Section.SURVEYS, Section.CONTRIBUTION, Section.TESTIMONIES, Section.CHANGES);
            case PARTENAIRES -> List.of(Section.CONTEXT, Section.CHAIN, Section.BALANCES, Section.CONTRIBUTION,
                    Section.TESTIMONIES, Section.CHANGES);
            case HABITANTS -> List.of(Section.CONTEXT, Section.RESULTS, Section.SURVEYS, Section.TESTIMONIES,
                    Section.CHANGES);
        };
    }

    public List<Section> sections() {
        return sections;
    }

    /** The sections of the report's body, before its annexes. */
    public List<Section> body() {
        return plainWords() ? sections : sections.stream().filter(section -> !section.annex()).toList();
    }

    /** Its annexes, in order (none for a report in plain words). */
    public List<Section> annexes() {
        return plainWords() ? List.of() : sections.stream().filter(Section::annex).toList();
    }

    /** Whether the report speaks to everyone in plain words: whole numbers, no codes, no jargon. */
    public boolean plainWords() {
        return this == HABITANTS;
    }

    /** The sections of a report, filled from the model; each takes the authors' narrative. */
    public enum Section {
        SYNTHESIS, CONTEXT, CHAIN, FRAMEWORK, RESULTS, BALANCES, RENEWAL, SURVEYS, CONTRIBUTION, TESTIMONIES,
        CHANGES,
        /** How the chain was built: the workshops held with the people concerned, who took part, what they brought. */
        WORKSHOPS;

        /** Whether the section is an annex of the argued report: the evidence behind the answers. */
        public boolean annex() {
            return this == CHAIN || this == WORKSHOPS || this == FRAMEWORK || this == BALANCES || this == RENEWAL || this == SURVEYS
                    || this == TESTIMONIES;
        }
    }
}
