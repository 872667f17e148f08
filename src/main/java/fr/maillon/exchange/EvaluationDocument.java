package fr.maillon.exchange;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import fr.maillon.agrement.AgrementPart;
import fr.maillon.chain.ActivityType;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.chain.HypothesisStatus;
import fr.maillon.chain.ResourceKind;
import fr.maillon.chain.StakeholderType;
import fr.maillon.chain.SupportCategory;
import fr.maillon.organisation.StructureKind;
import fr.maillon.evidence.EvidenceKind;
import fr.maillon.framework.Aggregation;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.Direction;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodType;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.Strength;
import fr.maillon.restitution.Verdict;
import fr.maillon.restitution.VerdictEvidenceKind;
import fr.maillon.survey.Audience;
import fr.maillon.survey.Choice;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Statistic;
import fr.maillon.workshop.CardKind;
import fr.maillon.workshop.CardState;
import fr.maillon.workshop.ParticipantRole;

/**
 * Version 1 of the exchange format (see docs/exchange-format.md and
 * {@code exchange/evaluation-v2.schema.json}). Elements refer to each other by {@code ref}, never
 * by database id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "format", "version", "evaluation", "stakeholders", "elements", "links", "interactions",
        "framework", "surveys", "evidence", "contributions", "reports", "verdicts", "workshops", "agrementNotes" })
public record EvaluationDocument(String format, int version, EvaluationPart evaluation,
        List<StakeholderPart> stakeholders, List<ElementPart> elements, List<LinkPart> links,
        List<InteractionPart> interactions, @Nullable FrameworkPart framework, @Nullable List<SurveyPart> surveys,
        @Nullable List<EvidencePart> evidence, @Nullable List<ContributionPart> contributions,
        @Nullable List<ReportPart> reports, @Nullable List<VerdictPart> verdicts,
        @Nullable List<WorkshopPart> workshops, @Nullable List<AgrementNotePart> agrementNotes) {

    public static final String FORMAT = "maillon-evaluation";
    /** The version this instance writes; it reads every version up to it (version 2 only adds to version 1). */
    public static final int VERSION = 2;

    public EvaluationDocument {
        stakeholders = stakeholders == null ? List.of() : List.copyOf(stakeholders);
        elements = elements == null ? List.of() : List.copyOf(elements);
        links = links == null ? List.of() : List.copyOf(links);
        interactions = interactions == null ? List.of() : List.copyOf(interactions);
    }

    /**
     * The evaluation; {@code targets} holds the names its editors gave its effect targets, by target code (version
     * 2, optional): a target it does not name keeps the default name of the importing structure's kind;
     * {@code structureKind} (optional, for information) is the kind of the structure that wrote it: a document moves
     * between structures of any kind. {@code purpose}, {@code audiences}, {@code means} and {@code steering} (version 2,
     * optional) are its framing: why evaluate, for whom, with what means, who steers.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvaluationPart(String title, EvaluationScope scope, @Nullable String actionName,
            LocalDate periodStart, LocalDate periodEnd, @Nullable EvaluationStatus status,
            @Nullable Boolean illustrative, @Nullable Map<EffectTarget, String> targets,
            @Nullable StructureKind structureKind, @Nullable String purpose, @Nullable String audiences,
            @Nullable String means, @Nullable String steering) {

        public EvaluationPart(String title, EvaluationScope scope, @Nullable String actionName, LocalDate periodStart,
                LocalDate periodEnd, @Nullable EvaluationStatus status) {
            this(title, scope, actionName, periodStart, periodEnd, status, null, null, null);
        }

        /** An evaluation without framing texts. */
        public EvaluationPart(String title, EvaluationScope scope, @Nullable String actionName, LocalDate periodStart,
                LocalDate periodEnd, @Nullable EvaluationStatus status, @Nullable Boolean illustrative,
                @Nullable Map<EffectTarget, String> targets, @Nullable StructureKind structureKind) {
            this(title, scope, actionName, periodStart, periodEnd, status, illustrative, targets, structureKind, null,
                    null, null, null);
        }

        /** The name the document gives this target, or null. */
        public @Nullable String targetName(EffectTarget target) {
            return targets == null ? null : targets.get(target);
        }
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

    /** A link, with (since version 2, optional) the hypothesis it states: status, justification, evidence. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LinkPart(String source, String target, @Nullable String rationale,
            @Nullable HypothesisStatus hypothesis, @Nullable String justification, @Nullable String evidence) {

        public LinkPart(String source, String target, @Nullable String rationale) {
            this(source, target, rationale, null, null, null);
        }
    }

    public record InteractionPart(String stakeholder, String activity, Exchange cost, Exchange benefit) {
    }

    /** One side of an interaction: what is brought or got, optionally quantified and valued. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Exchange(String text, @Nullable BigDecimal quantity, @Nullable String unit,
            @Nullable BigDecimal valueEur) {
    }

    /**
     * The cadre d'évaluation: the structure's own criteria and disaggregations it uses, custom
     * periods, objectives, questions, and indicators with their targets and values.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record FrameworkPart(List<CriterionPart> criteria, List<DisaggregationPart> disaggregations,
            List<PeriodPart> periods, List<ObjectivePart> objectives, List<QuestionPart> questions,
            List<IndicatorPart> indicators, List<SignOffPart> signOffs) {

        public FrameworkPart {
            criteria = criteria == null ? List.of() : List.copyOf(criteria);
            disaggregations = disaggregations == null ? List.of() : List.copyOf(disaggregations);
            periods = periods == null ? List.of() : List.copyOf(periods);
            objectives = objectives == null ? List.of() : List.copyOf(objectives);
            questions = questions == null ? List.of() : List.copyOf(questions);
            indicators = indicators == null ? List.of() : List.copyOf(indicators);
            signOffs = signOffs == null ? List.of() : List.copyOf(signOffs);
        }

        /** Without sign-offs (version 1, or none). */
        public FrameworkPart(List<CriterionPart> criteria, List<DisaggregationPart> disaggregations,
                List<PeriodPart> periods, List<ObjectivePart> objectives, List<QuestionPart> questions,
                List<IndicatorPart> indicators) {
            this(criteria, disaggregations, periods, objectives, questions, indicators, List.of());
        }
    }

    /**
     * A year whose data a structure admin signed off (version 2, optional): who, when, how many
     * violations of the library's rules were open then, and her note. Restored on import when the
     * importer is an admin of the structure (and the year is one of the evaluation's), after the
     * values, so that it stands for the same data; otherwise left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignOffPart(String period, String signedBy, Instant signedAt, @Nullable Integer openViolations,
            @Nullable String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CriterionPart(String code, String label, @Nullable String definition) {
    }

    public record DisaggregationPart(String code, String name, List<String> categories) {
    }

    public record PeriodPart(String label, LocalDate start, LocalDate end) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ObjectivePart(String ref, EffectTarget target, String title, @Nullable String description,
            @Nullable List<String> effects) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record QuestionPart(String ref, String criterion, String text, @Nullable List<String> objectives) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record IndicatorPart(String code, String name, @Nullable String description, Measure measure,
            @Nullable String unit, @Nullable List<String> scaleLevels, @Nullable BigDecimal baselineValue,
            @Nullable LocalDate baselineDate, @Nullable Direction direction, @Nullable PeriodType frequency,
            @Nullable Aggregation aggregation, @Nullable Boolean cumulativeTargets, @Nullable DataSource source,
            @Nullable String formula, @Nullable String collector, @Nullable BigDecimal minimum,
            @Nullable BigDecimal maximum, @Nullable String disaggregation, @Nullable LibraryRef library,
            @Nullable List<String> questions, @Nullable List<String> elements, @Nullable List<TargetPart> targets,
            @Nullable List<ValuePart> values, @Nullable Integer displayPrecision) {
    }

    /** The library entry an indicator was copied from: a library's code (caf, drome, socle...) and the entry's. */
    public record LibraryRef(String library, String entry) {
    }

    public record TargetPart(String period, BigDecimal value) {
    }

    /** A value: a number (an ordinal scale's level rank) or a text, with its source and comment. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ValuePart(String period, @Nullable String category, @Nullable BigDecimal value,
            @Nullable String text, @Nullable DataSource source, @Nullable String comment) {
    }

    /**
     * A survey: its questionnaire (questions named by code), its waves (new public links are made
     * on import), its responses (answers by question code) and the indicators its questions feed;
     * one that follows its respondents carries the secret its codes are fingerprinted with
     * (base64, with the responses only), so that the same codes still link their answers.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record SurveyPart(String title, @Nullable String titleEn, @Nullable String introduction,
            Audience audience, @Nullable String consentText, @Nullable List<SectionPart> sections,
            @Nullable List<SurveyQuestionPart> questions, @Nullable List<WavePart> waves,
            @Nullable List<ResponsePart> responses, @Nullable List<FeedPart> feeds,
            @Nullable Boolean followsRespondents, @Nullable String respondentSecret) {
    }

    /**
     * A section: inside the section {@code parent} (a ref), shown only when {@code relevant} holds;
     * {@code position}: its place among the questions and sections of its parent (version 2).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SectionPart(String ref, String title, @Nullable String titleEn, @Nullable String parent,
            @Nullable String relevant, @Nullable String layout, @Nullable Integer position) {

        public SectionPart(String ref, String title, @Nullable String titleEn) {
            this(ref, title, titleEn, null, null, null, null);
        }
    }

    /**
     * A question; {@code relevant} and {@code constraint} are XLSForm expressions naming questions
     * by code, {@code orOther} adds an "Autre" choice (code other) with its text, {@code position}
     * its place among the questions and sections of its section (all version 2, optional).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record SurveyQuestionPart(String code, @Nullable String section, QuestionKind kind, String label,
            @Nullable String labelEn, @Nullable String hint, @Nullable String hintEn, @Nullable Boolean required,
            @Nullable Boolean personalData, @Nullable BigDecimal minimum, @Nullable BigDecimal maximum,
            @Nullable ConditionPart condition, @Nullable List<Choice> choices, @Nullable String relevant,
            @Nullable String constraint, @Nullable String constraintMessage, @Nullable String constraintMessageEn,
            @Nullable Boolean orOther, @Nullable Integer position) {

        public SurveyQuestionPart(String code, @Nullable String section, QuestionKind kind, String label,
                @Nullable String labelEn, @Nullable String hint, @Nullable String hintEn, @Nullable Boolean required,
                @Nullable Boolean personalData, @Nullable BigDecimal minimum, @Nullable BigDecimal maximum,
                @Nullable ConditionPart condition, @Nullable List<Choice> choices) {
            this(code, section, kind, label, labelEn, hint, hintEn, required, personalData, minimum, maximum,
                    condition, choices, null, null, null, null, null, null);
        }
    }

    /** Shown only if the answer to the question of this code is among these values. */
    public record ConditionPart(String question, List<String> values) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WavePart(String ref, String label, @Nullable LocalDate opensOn, @Nullable LocalDate closesOn,
            String period) {
    }

    /**
     * A response: its wave, source, consent, time, its answers by question code, the texts given
     * with an "Autre" choice by question code ({@code others}, version 2, optional), and the
     * fingerprint of its respondent's code ({@code respondent}, version 2, optional).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResponsePart(String wave, @Nullable String source, @Nullable Boolean consent,
            @Nullable Instant submittedAt, Map<String, JsonNode> answers, @Nullable Map<String, String> others,
            @Nullable String respondent) {

        public ResponsePart(String wave, @Nullable String source, @Nullable Boolean consent,
                @Nullable Instant submittedAt, Map<String, JsonNode> answers) {
            this(wave, source, consent, submittedAt, answers, null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeedPart(String indicator, String question, Statistic statistic, @Nullable String choice,
            @Nullable String breakdown) {
    }

    /** A piece of evidence; a file travels in Base64, and effects by their refs. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record EvidencePart(EvidenceKind kind, String title, @Nullable String body, @Nullable String source,
            @Nullable LocalDate collectedOn, @Nullable Boolean consent, @Nullable String fileName,
            @Nullable String content, @Nullable List<String> effects) {
    }

    /** The contribution analysis written for an effect, named by its ref. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContributionPart(String effect, String claim, @Nullable String otherFactors, Strength strength,
            @Nullable String strengthReason) {
    }

    /**
     * A report: its draft's narratives by section, and its finalised versions, each with everything
     * it showed (its {@code content}, as the schema describes it), kept as it was.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ReportPart(ReportAudience audience, String title, @Nullable Map<String, String> narratives,
            @Nullable List<VersionPart> versions) {
    }

    public record VersionPart(int version, Instant finalisedAt, JsonNode content) {
    }

    /** Version 2: the verdict of an evaluative question, named by its ref, and the evidence it cites. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record VerdictPart(String question, Verdict verdict, String argument,
            @Nullable List<VerdictEvidencePart> evidence, @Nullable String plainMessage) {
    }

    /**
     * A piece of evidence a verdict cites: an indicator by its {@code code}; a survey question by
     * its survey's place in {@code surveys} (from 0), its {@code question} code and optionally its
     * {@code wave}'s ref; a testimony by its place in {@code evidence} (from 0); the contribution
     * analysis of an {@code effect}, by the effect's ref.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerdictEvidencePart(VerdictEvidenceKind kind, @Nullable String indicator, @Nullable Integer survey,
            @Nullable String question, @Nullable String wave, @Nullable Integer testimony, @Nullable String effect) {
    }

    /**
     * A workshop held to build the chain (version 2, optional): when it ran, its card limit, who took part (counts by
     * role, no names), its shown and merged cards (hidden ones are left out, their number kept in
     * {@code hiddenCards}), and the links of the chain drawn during it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "title", "openedAt", "closesAt", "closedAt", "cardLimit", "participants", "cards",
            "hiddenCards", "links" })
    public record WorkshopPart(String title, Instant openedAt, Instant closesAt, @Nullable Instant closedAt,
            int cardLimit, Map<ParticipantRole, Integer> participants, @Nullable List<WorkshopCardPart> cards,
            @Nullable Integer hiddenCards, @Nullable List<WorkshopLinkPart> links) {
    }

    /**
     * A card: {@code ref} names it within its workshop; {@code role} is who posted it (absent: the facilitator wrote
     * it); {@code element} the ref of the chain element it was placed as; {@code mergedInto} the ref of the card it
     * was merged into.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "ref", "kind", "target", "text", "state", "role", "dots", "element", "mergedInto" })
    public record WorkshopCardPart(String ref, CardKind kind, @Nullable EffectTarget target, String text,
            CardState state, @Nullable ParticipantRole role, @Nullable Integer dots, @Nullable String element,
            @Nullable String mergedInto) {
    }

    /** A link drawn during a workshop, by the refs of its two ends (a link of {@code links}). */
    public record WorkshopLinkPart(String source, String target) {
    }

    /**
     * What the structure wrote in its dossier d'agrément (version 2, optional): a part's text, and for the projet
     * familles whether it is "sans objet" ({@code notApplicable}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "part", "text", "notApplicable" })
    public record AgrementNotePart(AgrementPart part, @Nullable String text, @Nullable Boolean notApplicable) {
    }
}
