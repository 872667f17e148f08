package fr.maillon.restitution;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import fr.maillon.web.Decimals;

/**
 * Everything a report shows, as plain values: the page, the PDF and the workbook are drawn from it,
 * and a finalised version keeps it as it was (version 0 is the live draft).
 */
public record ReportContent(long reportId, int version, ReportAudience audience, String title, String structure,
        String commune, String evaluationTitle, LocalDate periodStart, LocalDate periodEnd, Instant generatedAt,
        Map<String, String> narratives, List<StakeholderLine> stakeholders, ChainCounts chain, String diagramSvg,
        List<ObjectiveLine> objectives, List<QuestionBlock> questions, List<IndicatorBlock> indicators,
        List<BalanceLine> balances, BigDecimal valuationEur, List<RenewalLine> renewal, List<SupportLine> support,
        List<SurveyBlock> surveys, List<ContributionBlock> contributions, List<TestimonyLine> testimonies,
        List<ReviewLine> reviewTrail, List<Reconciliation> reconciliations, List<DiagramPrint> diagramPages,
        @Nullable List<ReportAudience.Section> sections, @Nullable Framing framing, @Nullable ActorMapPrint actorMap,
        List<WorkshopLine> workshops) {

    /**
     * Versions kept before workshops were recorded have an empty {@code workshops}.
     * Versions kept before the review trail, the reconciliations or the diagram's printed pages were
     * (and the live draft) have none (their PDF draws {@code diagramSvg}). Versions kept before the
     * framing was, and evaluations whose framing is not written, have no {@code framing}. Versions kept
     * before the actor map was, and reports without the chain's annex, have no {@code actorMap}.
     */
    public ReportContent {
        reviewTrail = reviewTrail == null ? List.of() : List.copyOf(reviewTrail);
        reconciliations = reconciliations == null ? List.of() : List.copyOf(reconciliations);
        diagramPages = diagramPages == null ? List.of() : List.copyOf(diagramPages);
        framing = framing == null || framing.blank() ? null : framing;
        workshops = workshops == null ? List.of() : List.copyOf(workshops);
    }

    /**
     * The evaluation's framing as the context section tells it: why it was evaluated, for whom, and who steered it
     * (each null when not written).
     */
    public record Framing(@Nullable String purpose, @Nullable String audiences, @Nullable String steering) {

        public Framing {
            purpose = StakeholderLine.blankToNull(purpose);
            audiences = StakeholderLine.blankToNull(audiences);
            steering = StakeholderLine.blankToNull(steering);
        }

        /** Whether nothing of it is written. */
        public boolean blank() {
            return purpose == null && audiences == null && steering == null;
        }
    }

    /** When it was drawn up, in the given zone (the application's: {@code #zone} in templates). */
    public LocalDateTime drawnUp(ZoneId zone) {
        return LocalDateTime.ofInstant(generatedAt, zone);
    }

    public @Nullable String narrative(ReportAudience.Section section) {
        return narratives.get(section.name());
    }

    public boolean has(ReportAudience.Section section) {
        return layout().contains(section);
    }

    // --- review trail and finalising checks (see ReportChecks) ---------------------------------

    /**
     * Whether the section has nothing to show, neither the authors' text nor figures: a finalised
     * version leaves it out rather than print its heading alone.
     */
    public boolean empty(ReportAudience.Section section) {
        return ReportChecks.empty(this, section);
    }

    /**
     * Whether this version was finalised before reports were built around the evaluative questions
     * (it kept no {@code sections}): it is shown as it was then, its sections in their old order, with
     * no note de synthèse, no annexes and no verdicts.
     */
    public boolean legacy() {
        return sections == null;
    }

    /** Its sections in order, as its audience had them when it was drawn up. */
    public List<ReportAudience.Section> layout() {
        return sections == null ? audience.legacySections() : sections;
    }

    /** Whether it speaks in plain words (versions finalised before had the common layout). */
    public boolean plainWords() {
        return audience.plainWords() && !legacy();
    }

    /** The sections of the report's body it shows: a finalised version leaves out the empty ones. */
    public List<ReportAudience.Section> shownBody() {
        return layout().stream().filter(section -> legacy() || plainWords() || !section.annex()).filter(this::shown)
                .toList();
    }

    /** The annexes it shows: a finalised version leaves out the empty ones. */
    public List<ReportAudience.Section> shownAnnexes() {
        return legacy() || plainWords() ? List.of()
                : layout().stream().filter(ReportAudience.Section::annex).filter(this::shown).toList();
    }

    /** Whether the report has annexes to show: sections, or what the stakeholders said of the draft. */
    public boolean hasAnnexes() {
        return !shownAnnexes().isEmpty() || !reviewTrail.isEmpty();
    }

    private boolean shown(ReportAudience.Section section) {
        return version == 0 || !empty(section);
    }

    /** The same content, with what the stakeholders said of the draft. */
    public ReportContent withReviewTrail(List<ReviewLine> trail) {
        return new ReportContent(reportId, version, audience, title, structure, commune, evaluationTitle, periodStart,
                periodEnd, generatedAt, narratives, stakeholders, chain, diagramSvg, objectives, questions, indicators,
                balances, valuationEur, renewal, support, surveys, contributions, testimonies, trail,
                reconciliations, diagramPages, sections, framing, actorMap, workshops);
    }

    /**
     * The actor map as the chain's annex shows it: the drawing (its boxes do not link anywhere) and
     * the same content as text, ring by ring ({@code COMMUNITY}, {@code PARTNERS}, {@code TERRITORY}),
     * with the complementarities in words.
     */
    public record ActorMapPrint(String svg, List<ActorLine> actors, List<String> complementarities) {

        public ActorMapPrint {
            svg = svg == null ? "" : svg;
            actors = actors == null ? List.of() : List.copyOf(actors);
            complementarities = complementarities == null ? List.of() : List.copyOf(complementarities);
        }

        /** The rings' codes, from the centre out. */
        public List<String> rings() {
            return List.of("COMMUNITY", "PARTNERS", "TERRITORY");
        }

        /** The stakeholders of a ring, by its code. */
        public List<ActorLine> ring(String ring) {
            return actors.stream().filter(actor -> actor.ring().equals(ring)).toList();
        }
    }

    /**
     * A stakeholder on the actor map: its ring's code, name, type, what it brings and what it receives
     * (the interactions' descriptions, and their quantities and values added up, as written).
     */
    public record ActorLine(String ring, String name, String type, List<String> brings, String bringsFigures,
            List<String> gets, String getsFigures) {

        public ActorLine {
            brings = brings == null ? List.of() : List.copyOf(brings);
            gets = gets == null ? List.of() : List.copyOf(gets);
        }
    }

    /**
     * A stakeholder as the report names it, with its identity card (presentation and missions, field of
     * intervention, constraints, strengths and levers): versions finalised before the cards were kept
     * read null for each, and show no card.
     */
    public record StakeholderLine(String name, String type, boolean communityMember, @Nullable String presentation,
            @Nullable String fieldOfIntervention, @Nullable String constraints, @Nullable String strengths) {

        public StakeholderLine(String name, String type, boolean communityMember) {
            this(name, type, communityMember, null, null, null, null);
        }

        public StakeholderLine {
            presentation = blankToNull(presentation);
            fieldOfIntervention = blankToNull(fieldOfIntervention);
            constraints = blankToNull(constraints);
            strengths = blankToNull(strengths);
        }

        /** Whether its identity card says anything beyond its name and type. */
        public boolean hasCard() {
            return presentation != null || fieldOfIntervention != null || constraints != null || strengths != null;
        }

        private static @Nullable String blankToNull(@Nullable String text) {
            return text == null || text.isBlank() ? null : text;
        }
    }

    /** The stakeholders whose identity card says something, for the chain's annex. */
    public List<StakeholderLine> stakeholderCards() {
        return stakeholders.stream().filter(StakeholderLine::hasCard).toList();
    }

    public record ChainCounts(int resources, int activities, int outputs, int effects, int links, int interactions) {
    }

    public record ObjectiveLine(String target, String title) {
    }

    /**
     * An evaluative question answered: its verdict (a {@code Verdict} scale's name, null while none is
     * written), the argument and the evidence behind it, and what it says in plain words for the
     * inhabitants; {@code indicators} are the codes of the indicators the cadre links to it.
     */
    public record QuestionBlock(String criterion, String text, List<String> indicators, @Nullable String verdict,
            @Nullable String argument, List<EvidenceLine> evidence, @Nullable String plainMessage) {

        public QuestionBlock {
            indicators = indicators == null ? List.of() : List.copyOf(indicators);
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }

        /** The indicators it shows or cites: those of the cadre, then those given as evidence. */
        public List<String> indicatorCodes() {
            List<String> codes = new ArrayList<>(indicators);
            evidence.stream().map(EvidenceLine::indicator).filter(code -> code != null && !codes.contains(code))
                    .forEach(codes::add);
            return codes;
        }

        /** A verdict with no evidence behind it. */
        public boolean unsupported() {
            return verdict != null && evidence.isEmpty();
        }
    }

    /**
     * A piece of evidence behind a verdict, as the report cites it: its kind (INDICATOR, SURVEY_QUESTION,
     * TESTIMONY, CONTRIBUTION), what it is and what it says (the figure with its n, the quote…), and
     * for an indicator its code, to point to its figures.
     */
    public record EvidenceLine(String kind, String label, @Nullable String detail, @Nullable String indicator) {
    }

    /** The number (from 1) of the first question that shows the indicator, 0 when none does. */
    public int questionShowing(String code) {
        for (int i = 0; i < questions.size(); i++) {
            if (questions.get(i).indicatorCodes().contains(code)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The indicators no question shows, to give them after the questions. */
    public List<IndicatorBlock> indicatorsWithoutQuestion() {
        return indicators.stream().filter(indicator -> questionShowing(indicator.code()) == 0).toList();
    }

    /** The indicator of this code, if the report holds it. */
    public @Nullable IndicatorBlock indicator(String code) {
        return indicators.stream().filter(indicator -> indicator.code().equals(code)).findFirst().orElse(null);
    }

    /**
     * A period's figures; {@code cumulative} is the value since the first period (summed for counts
     * and amounts, averaged or last for ratios: see {@link IndicatorBlock#aggregation}), null in
     * versions finalised before it was kept; {@code answered}, for a value a survey gives, how many
     * answered (its n).
     */
    public record Point(String period, @Nullable BigDecimal value, @Nullable BigDecimal target,
            @Nullable BigDecimal percentOfTarget, @Nullable BigDecimal cumulative, @Nullable Long answered) {

        public Point(String period, @Nullable BigDecimal value, @Nullable BigDecimal target,
                @Nullable BigDecimal percentOfTarget) {
            this(period, value, target, percentOfTarget, null, null);
        }

        /** What the target is compared with: the cumulative value for cumulative targets, else the value. */
        public @Nullable BigDecimal compared(boolean cumulativeTargets) {
            return cumulativeTargets ? cumulative : value;
        }
    }

    /**
     * An indicator's figures. {@code precision} is the decimals shown and {@code unit} the unit written
     * after its values; {@code cumulativeTargets} says its targets are compared with the cumulative
     * value; {@code aggregation} how values add up over time (SUM, AVERAGE, LAST). Versions finalised
     * before these were kept read null, false and null: shown with up to two decimals.
     */
    public record IndicatorBlock(String code, String name, @Nullable String unit, List<Point> points, String chartSvg,
            @Nullable Integer precision, Boolean cumulativeTargets, @Nullable String aggregation) {

        /** A version stored before cumulative targets were kept has none (Jackson reads the missing field as null). */
        public IndicatorBlock {
            cumulativeTargets = Boolean.TRUE.equals(cumulativeTargets);
        }

        /** The decimals its values are shown with (two for versions that did not keep it). */
        public int decimals() {
            return precision == null ? 2 : precision;
        }

        /** A value as people read it: "1 347 230 €", "66,7 %". */
        public String show(@Nullable BigDecimal value) {
            return value == null ? "—" : Decimals.format(value, decimals(), unit);
        }

        /** A period's value with, when a survey gives it, how many answered: "66,7 % (n = 12)". */
        public String showValue(Point point) {
            return point.answered() == null || point.value() == null ? show(point.value())
                    : show(point.value()) + " (n = " + Decimals.format(BigDecimal.valueOf(point.answered()), 0) + ")";
        }

        /** The last period with a value. */
        public @Nullable Point last() {
            for (int i = points.size() - 1; i >= 0; i--) {
                if (points.get(i).value() != null) {
                    return points.get(i);
                }
            }
            return null;
        }
    }

    public record BalanceLine(String stakeholder, String brings, String gets, BigDecimal bringsEur, BigDecimal getsEur) {
    }

    /** {@code precision}: the indicator's decimals (null in versions that did not keep it: two). */
    public record RenewalLine(String resource, String indicator, List<Point> points, @Nullable Integer precision) {

        public int decimals() {
            return precision == null ? 2 : precision;
        }
    }

    public record SupportLine(String measure, List<Point> points) {
    }

    public record SurveyBlock(String title, long respondents, List<Highlight> highlights) {
    }

    /**
     * A closed question's headline: the share of agreement (or of yes) among those who answered, the
     * structure's true figure; none when fewer than five answered (see docs/guide.md).
     */
    public record Highlight(String question, long answered, @Nullable BigDecimal share) {

        /** "66,7 % (n = 12)". */
        public String shown() {
            return Decimals.share(share, answered, java.util.Locale.FRENCH);
        }
    }

    /**
     * Where the stakeholder balance and an indicator value the same resource differently: both
     * figures and what each counts, so that a reader sees why they differ.
     */
    public record Reconciliation(String resource, BigDecimal balanceEur, String balanceBasis, String indicator,
            @Nullable BigDecimal indicatorValue, @Nullable String indicatorUnit, String indicatorBasis) {
    }

    /**
     * A contribution analysis: {@code path} names the elements leading to the effect, and
     * {@code steps} the same by stage from the resources to the effect ("Ressources : A, B"); versions
     * finalised before steps existed have none, and their path reads from the effect back (nearest first).
     */
    public record ContributionBlock(String effect, String target, @Nullable String claim, List<String> path,
            List<String> indicators, List<String> evidence, @Nullable String otherFactors, @Nullable String strength,
            @Nullable String strengthReason, List<String> steps) {

        public ContributionBlock {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /**
     * One printed page of the chain's diagram, on its own landscape sheet ({@code A4} or {@code A3}):
     * the drawing's size on it in millimetres, the effect target it shows when the chain was split
     * (null: the whole chain), the SVG, and its texts, which a PDF lays over the drawing as real text.
     */
    public record DiagramPrint(String paper, double widthMm, double heightMm, @Nullable String part, String svg,
            List<PrintedText> texts) {

        public DiagramPrint {
            paper = "A4".equals(paper) ? "A4" : "A3";
            texts = texts == null ? List.of() : List.copyOf(texts);
        }

        /** The drawing without its texts, laid as real text over it in a PDF (Batik would draw them as outlines). */
        public String shapes() {
            return svg.replaceAll("<text\\b[^>]*>[^<]*</text>", "");
        }
    }

    /** A text of a printed diagram: its line box's top left corner from the drawing's (mm), size (pt), weight, colour. */
    public record PrintedText(double left, double top, double size, boolean bold, String colour, String text) {

        public PrintedText {
            colour = colour != null && colour.matches("#[0-9a-fA-F]{6}") ? colour : "#1d2433";
        }
    }

    public record TestimonyLine(String title, @Nullable String body, @Nullable String source,
            @Nullable LocalDate collectedOn) {
    }

    /**
     * What a stakeholder said of a section of the draft (agree, disagree, or a comment), and the
     * authors' answer, kept with the version finalised after it.
     */
    public record ReviewLine(String reviewer, String section, Opinion opinion, @Nullable String text,
            Instant createdAt, @Nullable String answer, @Nullable String answeredBy, @Nullable Instant answeredAt) {
    }

    // --- how the chain was built ------------------------------------------------------------------

    /**
     * A workshop held to build the chain, as the report tells it: its day, title and length, who took part (counts by
     * role, no names), the cards posted (hidden ones included: their text never reaches a report) and kept, and what
     * came from inhabitants: how many of the cards kept were theirs, and the chain elements placed from them.
     */
    public record WorkshopLine(String title, LocalDate date, long durationMinutes, List<RoleCount> participants,
            int cardsPosted, int cardsKept, int keptFromInhabitants, List<String> elementsFromInhabitants) {

        public WorkshopLine {
            participants = participants == null ? List.of() : List.copyOf(participants);
            elementsFromInhabitants = elementsFromInhabitants == null ? List.of() : List.copyOf(elementsFromInhabitants);
        }

        public int participantCount() {
            return participants.stream().mapToInt(RoleCount::count).sum();
        }

        /** How many took part as inhabitants. */
        public int inhabitants() {
            return participants.stream().filter(RoleCount::inhabitant).mapToInt(RoleCount::count).sum();
        }

        /** Whole hours of its length, for « 2 h 05 ». */
        public long hours() {
            return durationMinutes / 60;
        }

        /** Minutes beyond the whole hours, on two digits. */
        public String minutes() {
            return String.format(java.util.Locale.ROOT, "%02d", durationMinutes % 60);
        }
    }

    /** How many took part in one role ({@code role}: a participant role's code; {@code label}: its French name). */
    public record RoleCount(String role, String label, int count) {

        public static final String INHABITANT = "HABITANT";

        public boolean inhabitant() {
            return INHABITANT.equals(role);
        }
    }

    /** Who took part in all the workshops, by role, in the order roles are listed. */
    public List<RoleCount> workshopParticipants() {
        java.util.Map<String, RoleCount> total = new java.util.LinkedHashMap<>();
        workshops.stream().flatMap(line -> line.participants().stream()).forEach(count -> total.merge(count.role(),
                count, (a, b) -> new RoleCount(a.role(), a.label(), a.count() + b.count())));
        return List.copyOf(total.values());
    }

    /** How many took part in all the workshops (a person at two workshops counts twice). */
    public int workshopParticipantCount() {
        return workshops.stream().mapToInt(WorkshopLine::participantCount).sum();
    }

    /** How many took part as inhabitants in all the workshops. */
    public int workshopInhabitants() {
        return workshops.stream().mapToInt(WorkshopLine::inhabitants).sum();
    }

    /** How many cards kept in the chain came from inhabitants, in all the workshops. */
    public int keptFromInhabitants() {
        return workshops.stream().mapToInt(WorkshopLine::keptFromInhabitants).sum();
    }

    /** The chain elements placed from inhabitants' cards, in all the workshops, each once. */
    public List<String> elementsFromInhabitants() {
        return workshops.stream().flatMap(line -> line.elementsFromInhabitants().stream()).distinct().toList();
    }
}
