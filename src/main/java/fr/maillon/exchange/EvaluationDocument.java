package fr.maillon.exchange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import fr.maillon.chain.ActivityType;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.chain.ResourceKind;
import fr.maillon.chain.StakeholderType;
import fr.maillon.chain.SupportCategory;

/**
 * Version 1 of the exchange format (see docs/exchange-format.md and
 * {@code exchange/evaluation-v1.schema.json}). Elements refer to each other by {@code ref}, never
 * by database id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "format", "version", "evaluation", "stakeholders", "elements", "links", "interactions" })
public record EvaluationDocument(String format, int version, EvaluationPart evaluation,
        List<StakeholderPart> stakeholders, List<ElementPart> elements, List<LinkPart> links,
        List<InteractionPart> interactions) {

    public static final String FORMAT = "maillon-evaluation";
    public static final int VERSION = 1;

    public EvaluationDocument {
        stakeholders = stakeholders == null ? List.of() : List.copyOf(stakeholders);
        elements = elements == null ? List.of() : List.copyOf(elements);
        links = links == null ? List.of() : List.copyOf(links);
        interactions = interactions == null ? List.of() : List.copyOf(interactions);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvaluationPart(String title, EvaluationScope scope, @Nullable String actionName,
            LocalDate periodStart, LocalDate periodEnd, @Nullable EvaluationStatus status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StakeholderPart(String ref, String name, StakeholderType type, @Nullable Boolean communityMember,
            @Nullable String presentation, @Nullable String fieldOfIntervention, @Nullable String constraints,
            @Nullable String strengths) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ElementPart(String ref, ElementKind kind, String name, @Nullable String description,
            @Nullable ResourceKind resourceKind, @Nullable String provider, @Nullable BigDecimal quantity,
            @Nullable String unit, @Nullable BigDecimal valueEur, @Nullable ActivityType activityType,
            @Nullable SupportCategory supportCategory, @Nullable EffectTarget target,
            @Nullable DimensionPart dimension) {
    }

    public record DimensionPart(String referential, String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LinkPart(String source, String target, @Nullable String rationale) {
    }

    public record InteractionPart(String stakeholder, String activity, Exchange cost, Exchange benefit) {
    }

    /** One side of an interaction: what is brought or got, optionally quantified and valued. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Exchange(String text, @Nullable BigDecimal quantity, @Nullable String unit,
            @Nullable BigDecimal valueEur) {
    }
}
