package fr.maillon.chain;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;

/** Where an evaluation's elements and links come from, for its pages, lists and diagram (see {@link ProvenanceSource}). */
@Service
public class ProvenanceService {

    private final EvaluationService evaluations;
    private final List<ProvenanceSource> sources;

    ProvenanceService(EvaluationService evaluations, List<ProvenanceSource> sources) {
        this.evaluations = evaluations;
        this.sources = List.copyOf(sources);
    }

    /** The provenance of the elements and links of an evaluation the caller may read (404 otherwise). */
    public Provenance provenance(long evaluationId, Locale locale) {
        return provenance(evaluations.evaluation(evaluationId), locale);
    }

    /** For an evaluation already read (the caller checked, or a public link decided it). */
    Provenance provenance(Evaluation evaluation, Locale locale) {
        if (sources.isEmpty()) {
            return Provenance.NONE;
        }
        return Provenance.of(sources.stream().map(source -> source.provenance(evaluation, locale)).toList());
    }
}
