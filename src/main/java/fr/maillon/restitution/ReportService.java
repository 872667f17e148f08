package fr.maillon.restitution;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import fr.maillon.chain.ActorMap;
import fr.maillon.chain.ActorMapService;
import fr.maillon.chain.BalanceService;
import fr.maillon.chain.DiagramService;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationPage;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.TargetNames;
import fr.maillon.chain.ResourceValuation;
import fr.maillon.chain.ValueChain;
import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainService;
import fr.maillon.evidence.Evidence;
import fr.maillon.evidence.EvidenceService;
import fr.maillon.framework.Criterion;
import fr.maillon.framework.FrameworkOverview;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.IndicatorResults;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.framework.PeriodType;
import fr.maillon.framework.Renewal;
import fr.maillon.framework.RenewalService;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.ReportContent.BalanceLine;
import fr.maillon.restitution.ReportContent.ContributionBlock;
import fr.maillon.restitution.ReportContent.Highlight;
import fr.maillon.restitution.ReportContent.IndicatorBlock;
import fr.maillon.restitution.ReportContent.Point;
import fr.maillon.restitution.internal.Pictures;
import fr.maillon.restitution.internal.ReportRepository;
import fr.maillon.restitution.internal.ReportRepository.StoredNarrative;
import fr.maillon.survey.Audience;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyResults;
import fr.maillon.survey.SurveyResultsService;
import fr.maillon.survey.SurveyService;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.Decimals;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.Revision;
import fr.maillon.web.Revisions;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.WorkshopService;
import fr.maillon.workshop.WorkshopTrace;

/**
 * Reports: their sections are filled from the model when the draft is shown, with the authors'
 * narratives; finalising keeps the whole content as it is then, as a numbered version that later
 * data changes do not touch. Reports are written in French, the language of their readers.
 */
@Service
public class ReportService {

    private static final Locale FRENCH = Locale.FRENCH;

    /** The note de synthèse's own text: about a page, so that the note stays within four. */
    private static final int SYNTHESIS_LIMIT = 3_000;

    private final EvaluationService evaluations;
    private final ChainService chains;
    private final DiagramService diagrams;
    private final BalanceService balances;
    private final ObjectiveService objectives;
    private final FrameworkService framework;
    private final RenewalService renewals;
    private final SurveyService surveys;
    private final SurveyResultsService surveyResults;
    private final ContributionService contributions;
    private final EvidenceService evidence;
    private final AccessPolicy access;
    private final ReportRepository reports;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Revisions revisions;
    private final Clock clock;
    private final VerdictService verdicts;
    private final ReportTexts texts;
    private final ReportChecks checks;
    private final ActorMapService actorMaps;
    private final WorkshopService workshops;

    ReportService(EvaluationService evaluations, ChainService chains, DiagramService diagrams, BalanceService balances,
            ObjectiveService objectives, FrameworkService framework, RenewalService renewals, SurveyService surveys,
            SurveyResultsService surveyResults, ContributionService contributions, EvidenceService evidence,
            AccessPolicy access, ReportRepository reports, MessageSource messages, JsonMapper json,
            Revisions revisions, Clock clock, VerdictService verdicts, ReportTexts texts, ReportChecks checks,
            ActorMapService actorMaps, WorkshopService workshops) {
        this.actorMaps = actorMaps;
        this.workshops = workshops;
        this.verdicts = verdicts;
        this.texts = texts;
        this.checks = checks;
        this.revisions = revisions;
        this.evaluations = evaluations;
        this.chains = chains;
        this.diagrams = diagrams;
        this.balances = balances;
        this.objectives = objectives;
        this.framework = framework;
        this.renewals = renewals;
        this.surveys = surveys;
        this.surveyResults = surveyResults;
        this.contributions = contributions;
        this.evidence = evidence;
        this.access = access;
        this.reports = reports;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    /** The evaluation's reports; those outside its structure read finalised ones only, so drafts are not listed for them. */
    public List<Report> reports(long evaluationId) {
        long structureId = evaluations.evaluation(evaluationId).structureId();
        List<Report> all = reports.reports(structureId, evaluationId);
        return access.isMember(structureId) ? all : all.stream().filter(report -> report.lastVersion() > 0).toList();
    }

    /** A report, for whoever reads its evaluation. */
    public Report report(long reportId) {
        Report report = reports.find(reportId).orElseThrow(() -> new NotFoundException("restitution.report.notFound",
                reportId));
        evaluations.evaluation(report.evaluationId());
        return report;
    }

    /** A report for those who hold a link to it: its reviewers, its share links. */
    Report reportUnchecked(long reportId) {
        return reports.find(reportId).orElseThrow(() -> new NotFoundException("restitution.report.notFound",
                reportId));
    }

    /** A finalised version, for those who hold a share link to it. */
    ReportContent versionUnchecked(long structureId, long reportId, int version) {
        String stored = reports.version(structureId, reportId, version)
                .orElseThrow(() -> new NotFoundException("restitution.report.notFound", reportId));
        return json.readValue(stored, ReportContent.class);
    }

    /**
     * The mark of a version brought from another instance, for whoever reads the report (null for a
     * draft or a version finalised here).
     */
    public @Nullable ImportMark importMark(long reportId, int version) {
        Report report = report(reportId);
        return version == 0 ? null : importMark(report, content(reportId, version));
    }

    /** The mark of this content of the report, if it is an imported version: its origin as its file tells. */
    @Nullable
    ImportMark importMark(Report report, ReportContent content) {
        return report.versions().stream()
                .filter(candidate -> candidate.version() == content.version() && candidate.importedAt() != null)
                .findFirst()
                .map(imported -> new ImportMark(imported.importedAt().atZone(clock.getZone()),
                        content.structure().isBlank() ? null : content.structure().strip()))
                .orElse(null);
    }

    /**
     * The path of the survey wave the inhabitants' poster invites to answer ({@code /s/…}): one open
     * now, else the next to open, among the inhabitants' surveys whose links the caller hands out;
     * null if none.
     */
    public @Nullable String posterSurveyPath(long reportId) {
        Report report = report(reportId);
        Instant now = clock.instant();
        return surveys.surveys(report.evaluationId()).stream()
                .filter(survey -> survey.audience() == Audience.HABITANTS && surveys.canDistribute(survey))
                .flatMap(survey -> survey.waves().stream())
                .filter(wave -> wave.closesAt() == null || wave.closesAt().isAfter(now))
                .min(Comparator.comparing(wave -> wave.opensAt() == null || !wave.opensAt().isAfter(now)
                        ? Instant.MIN : wave.opensAt()))
                .map(wave -> "/s/" + wave.token()).orElse(null);
    }

    /** Whether the caller belongs to the report's structure: drafts and reviews are for its members. */
    public boolean isMember(Report report) {
        return access.isMember(report.structureId());
    }

    public boolean canEdit(Report report) {
        return access.hasStructureRole(report.structureId(), Role.STRUCTURE_EDITOR);
    }

    /**
     * The audiences the evaluation's structure writes reports for, its kind deciding: the CAF's
     * agrément file for a centre social or an EVS, the comité local pour l'emploi's report for a
     * Territoire zéro chômeur.
     */
    public List<ReportAudience> audiences(long evaluationId) {
        return ReportAudience.forKind(evaluations.page(evaluationId).structure().kind());
    }

    /** A new report for one of the audiences of the structure's kind (the first when none is given). */
    @Transactional
    public long create(long evaluationId, @Nullable ReportAudience audience, @Nullable String title) {
        List<ReportAudience> offered = audiences(evaluationId);
        if (audience != null && !offered.contains(audience)) {
            throw new RuleViolationException("audience", "restitution.report.audience.invalid");
        }
        return insert(evaluationId, audience == null ? offered.get(0) : audience, title);
    }

    /** A new report for any audience: a restored one keeps the audience it was written for. */
    private long insert(long evaluationId, ReportAudience audience, @Nullable String title) {
        long structureId = evaluations.evaluation(evaluationId).structureId();
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        String text = title == null ? "" : title.strip();
        if (text.isEmpty() || text.length() > 200 || Texts.hasControlCharacters(text)) {
            throw new RuleViolationException("title", "restitution.report.title.invalid");
        }
        return reports.insert(structureId, evaluationId, audience, text);
    }

    /** Writes (or clears, when empty) the narrative of a section of the draft. */
    @Transactional
    public void narrate(long reportId, ReportAudience.Section section, @Nullable String narrative) {
        narrate(reportId, section, narrative, null);
    }

    /** Each section's narrative version in the draft (0: none written yet), for the forms that edit them. */
    public Map<ReportAudience.Section, Integer> narrativeVersions(long reportId) {
        Report report = editable(reportId);
        Map<String, Integer> stored = reports.narrativeVersions(report.structureId(), reportId);
        Map<ReportAudience.Section, Integer> versions = new EnumMap<>(ReportAudience.Section.class);
        for (ReportAudience.Section section : report.audience().sections()) {
            versions.put(section, stored.getOrDefault(section.name(), 0));
        }
        return versions;
    }

    /**
     * Writes (or clears) a section's narrative over {@code version}, the one its author read (0: none
     * yet): a {@link ConcurrentEditException} carrying the stored {@link Narrative} when someone
     * saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void narrate(long reportId, ReportAudience.Section section, @Nullable String narrative,
            @Nullable Integer version) {
        Report report = editable(reportId);
        if (!report.audience().sections().contains(section)) {
            throw new RuleViolationException("section", "restitution.report.section");
        }
        String text = narrative == null ? "" : narrative.strip();
        int limit = section == ReportAudience.Section.SYNTHESIS ? SYNTHESIS_LIMIT : 20_000;
        if (text.length() > limit || Texts.hasControlCharacters(text)) {
            throw new RuleViolationException("narrative", "restitution.text.invalid", limit);
        }
        if (!reports.saveNarrative(report.structureId(), reportId, section.name(), text,
                revisions.edit(version, access.currentUserId()))) {
            Optional<StoredNarrative> stored = reports.storedNarrative(report.structureId(), reportId, section.name());
            Revision current = stored.map(now -> revisions.revision(now.version(), now.updatedBy(), now.updatedAt()))
                    .orElse(new Revision(0, null, null));
            throw new ConcurrentEditException(current,
                    new Narrative(section, stored.map(StoredNarrative::narrative).orElse(""), current.version()));
        }
    }

    /**
     * Saves the sections' texts as the draft page posts them, all together: a text left as the page
     * showed it, or equal to the one stored, is not touched; the others are written over the version
     * their author read. All or nothing: when someone saved one of them meanwhile, none is written
     * and a {@link NarrativesConflictException} names each; a refused text names its section.
     * @return how many texts were written
     */
    @Transactional
    public int narrate(long reportId, List<NarrativeEdit> edits) {
        Report report = editable(reportId);
        Map<String, String> stored = reports.narratives(report.structureId(), reportId);
        List<NarrativesConflictException.Conflict> conflicts = new ArrayList<>();
        int written = 0;
        for (NarrativeEdit edit : edits) {
            String text = NarrativeEdit.normalised(edit.text());
            if (edit.untouched() || text.equals(NarrativeEdit.normalised(stored.get(edit.section().name())))) {
                continue;
            }
            try {
                narrate(reportId, edit.section(), text, edit.version());
                written++;
            }
            catch (ConcurrentEditException ex) {
                conflicts.add(new NarrativesConflictException.Conflict(ex.stored(Narrative.class), ex.current()));
            }
            catch (RuleViolationException ex) {
                throw new RuleViolationException("narratives." + edit.section(), ex.violations().get(0).code(),
                        ex.violations().get(0).arguments());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new NarrativesConflictException(conflicts);
        }
        return written;
    }

    /**
     * Freezes the draft as it is now, with what the stakeholders said of it: a new version, numbered
     * after the last; refused (naming each) while a text is a placeholder or a "pas d'accord" has no
     * answer (see {@link ReportChecks}).
     */
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public int finalise(long reportId) {
        Report report = editable(reportId);
        int version = report.lastVersion() + 1;
        ReportContent content = checks.finalisable(report, content(report, version, false, true));
        reports.insertVersion(report.structureId(), reportId, version, json.writeValueAsString(content),
                access.currentUserId(), content.generatedAt());
        return version;
    }

    /** The content of a version (0: the live draft, for the structure's members only), as a page shows it. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ReportContent content(long reportId, int version) {
        return content(reportId, version, false);
    }

    /** The content of a version to print: a draft's also holds the diagram's printed pages, longer to draw. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ReportContent printed(long reportId, int version) {
        return content(reportId, version, true);
    }

    private ReportContent content(long reportId, int version, boolean print) {
        Report report = report(reportId);
        if (version == 0) {
            if (!isMember(report)) {
                throw new NotFoundException("restitution.report.notFound", reportId);
            }
            return content(report, 0, false, print);
        }
        String stored = reports.version(report.structureId(), reportId, version)
                .orElseThrow(() -> new NotFoundException("restitution.report.notFound", reportId));
        return json.readValue(stored, ReportContent.class);
    }

    /**
     * Every report of the evaluation with its finalised versions, to carry elsewhere; the draft's
     * narratives go only to the structure's members, like the draft itself.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<ReportArchive> archives(long evaluationId) {
        List<ReportArchive> archives = new ArrayList<>();
        for (Report report : reports(evaluationId)) {
            List<ReportArchive.Frozen> versions = report.versions().stream().map(version -> new ReportArchive.Frozen(
                    version.version(), version.finalisedAt(), json.readValue(reports.version(report.structureId(),
                            report.id(), version.version()).orElseThrow(), ReportContent.class))).toList();
            archives.add(new ReportArchive(report.audience(), report.title(), isMember(report)
                    ? reports.narratives(report.structureId(), report.id()) : Map.of(), versions));
        }
        return archives;
    }

    /**
     * Brings a report from another instance into the evaluation: its narratives, and its finalised
     * versions kept as they were shown, once their pictures are found to be Maillon's own drawings.
     * @throws RuleViolationException naming the narrative or version at fault
     */
    @Transactional
    public long restore(long evaluationId, ReportArchive archive) {
        long reportId = insert(evaluationId, archive.audience(), archive.title());
        for (Map.Entry<String, String> narrative : new TreeMap<>(archive.narratives()).entrySet()) {
            ReportAudience.Section section = Arrays.stream(ReportAudience.Section.values())
                    .filter(candidate -> candidate.name().equals(narrative.getKey())).findFirst()
                    .orElseThrow(() -> new RuleViolationException("narratives." + narrative.getKey(),
                            "restitution.report.section"));
            try {
                narrate(reportId, section, narrative.getValue());
            }
            catch (RuleViolationException ex) {
                throw new RuleViolationException("narratives." + section.name(), ex.violations().get(0).code(),
                        ex.violations().get(0).arguments());
            }
        }
        long structureId = evaluations.evaluation(evaluationId).structureId();
        Instant earliest = Instant.parse("2000-01-01T00:00:00Z");
        Instant latest = clock.instant().plus(1, ChronoUnit.DAYS);
        for (int i = 0; i < archive.versions().size(); i++) {
            ReportArchive.Frozen frozen = archive.versions().get(i);
            ReportContent content = frozen.content();
            String path = "versions[" + i + "]";
            if (frozen.version() != i + 1) {
                throw new RuleViolationException(path + ".version", "restitution.version.order");
            }
            if (frozen.finalisedAt().isBefore(earliest) || frozen.finalisedAt().isAfter(latest)) {
                throw new RuleViolationException(path + ".finalisedAt", "restitution.version.date");
            }
            if (content.generatedAt().isBefore(earliest) || content.generatedAt().isAfter(latest)) {
                throw new RuleViolationException(path + ".content.generatedAt", "restitution.version.date");
            }
            if (content.audience() != archive.audience()) {
                throw new RuleViolationException(path + ".content.audience", "restitution.version.audience");
            }
            if (!Pictures.safe(content.diagramSvg()) || content.indicators().stream()
                    .anyMatch(indicator -> !Pictures.safe(indicator.chartSvg()))
                    || content.diagramPages().stream().anyMatch(page -> !Pictures.safe(page.svg()))
                    || content.actorMap() != null && !Pictures.safe(content.actorMap().svg())) {
                throw new RuleViolationException(path + ".content", "restitution.version.picture");
            }
            ObjectNode stored = json.valueToTree(content);
            stored.put("reportId", reportId);
            stored.put("version", frozen.version());
            reports.restoreVersion(structureId, reportId, frozen.version(), stored.toString(), frozen.finalisedAt(),
                    clock.instant());
        }
        return reportId;
    }

    /** The evaluation's dashboard: every section's figures, as a draft report for the CAF would show them. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ReportContent dashboard(long evaluationId) {
        long structureId = evaluations.evaluation(evaluationId).structureId();
        return content(new Report(0, structureId, evaluationId, ReportAudience.CAF, label("restitution.dashboard.title"),
                List.of()), 0, true, false);
    }

    private Report editable(long reportId) {
        Report report = report(reportId);
        access.requireStructureRole(report.structureId(), Role.STRUCTURE_EDITOR);
        return report;
    }

    // --- content ------------------------------------------------------------------------------


    /**
     * Fills the sections the report's audience reads; the others stay empty. A structure's own report
     * and dashboard read its true figures (survey results unmasked); outsiders reading the dashboard
     * get the survey results as they are shown outside. A report (not the dashboard) gives no survey
     * share from fewer than five answers. The diagram's printed pages are drawn only to {@code print}.
     */
    private ReportContent content(Report report, int version, boolean dashboard, boolean print) {
        long evaluationId = report.evaluationId();
        ReportAudience audience = report.audience();
        EvaluationPage page = evaluations.page(evaluationId);
        TargetNames targets = evaluations.targetNames(page.evaluation(), page.structure().kind(), FRENCH);
        ValueChain chain = chains.chain(evaluationId);
        boolean results = audience.sections().contains(ReportAudience.Section.RESULTS)
                || audience.sections().contains(ReportAudience.Section.FRAMEWORK);
        FrameworkOverview overview = objectives.overview(evaluationId);
        boolean balanced = audience.sections().contains(ReportAudience.Section.BALANCES);
        List<IndicatorResults> figures = results || balanced ? framework.results(evaluationId, PeriodType.YEAR)
                : List.of();
        List<IndicatorBlock> indicators = results ? figures.stream().map(ReportService::block).toList() : List.of();
        ResourceValuation valuation = balanced ? balances.valuation(evaluationId) : null;
        List<Evidence> consented = evidence.evidence(evaluationId).stream().filter(Evidence::consent).toList();
        Renewal renewal = audience.sections().contains(ReportAudience.Section.RENEWAL)
                ? renewals.renewal(evaluationId, PeriodType.YEAR) : new Renewal(List.of(), List.of(), List.of());
        return new ReportContent(report.id(), version, audience, report.title(), page.structure().name(),
                page.structure().commune(), page.evaluation().title(), page.evaluation().periodStart(),
                page.evaluation().periodEnd(), clock.instant(), reports.narratives(report.structureId(), report.id()),
                chain.stakeholders().stream().map(stakeholder -> new ReportContent.StakeholderLine(stakeholder.name(),
                        label("chain.stakeholder.type." + stakeholder.type()), stakeholder.communityMember(),
                        stakeholder.presentation(), stakeholder.fieldOfIntervention(),
                        // what the structure notes of each partner's constraints and levers stays out of the
                        // report the partners themselves receive
                        audience == ReportAudience.PARTENAIRES ? null : stakeholder.constraints(),
                        audience == ReportAudience.PARTENAIRES ? null : stakeholder.strengths())).toList(),
                new ReportContent.ChainCounts(chain.elements(ElementKind.RESOURCE).size(),
                        chain.elements(ElementKind.ACTIVITY).size(), chain.elements(ElementKind.OUTPUT).size(),
                        chain.elements(ElementKind.EFFECT).size(), chain.links().size(), chain.interactions().size()),
                audience.sections().contains(ReportAudience.Section.CHAIN) ? withoutLinks(diagrams.svg(evaluationId,
                        "", FRENCH)) : "",
                overview.objectives().stream().map(objective -> new ReportContent.ObjectiveLine(
                        targets.label(objective.target()), objective.title())).toList(),
                results ? questions(evaluationId, overview, figures, indicators, consented) : List.of(), indicators,
                balanced ? balances.balances(evaluationId).stream().map(balance -> new BalanceLine(
                        balance.stakeholder().name(), String.join(" ; ", balance.brings()),
                        String.join(" ; ", balance.gets()), balance.bringsEur(), balance.getsEur())).toList()
                        : List.of(),
                valuation != null ? valuation.totalEur() : BigDecimal.ZERO,
                renewal.resources().stream().map(line -> new ReportContent.RenewalLine(line.resource(),
                        line.indicator().name(), line.points().stream().map(point -> new Point(point.period().code(),
                                point.value(), null, point.changePercent())).toList(),
                        line.indicator().displayPrecision())).toList(),
                renewal.support().stream().map(line -> new ReportContent.SupportLine(
                        label("framework.renewal.support." + line.measure()), line.points().stream().map(point ->
                                new Point(point.period().code(), point.support(), point.primary(), point.sharePercent()))
                                .toList())).toList(),
                audience.sections().contains(ReportAudience.Section.SURVEYS) ? surveys(evaluationId, !dashboard)
                        : List.of(),
                audience.sections().contains(ReportAudience.Section.CONTRIBUTION)
                        ? contributions(evaluationId, consented, targets) : List.of(),
                consented.stream().filter(item -> item.body() != null).map(item -> new ReportContent.TestimonyLine(
                        item.title(), item.body(), item.source(), item.collectedOn())).toList(), List.of(),
                valuation != null ? Reconciliations.of(valuation, overview, figures, messages) : List.of(),
                print && audience.sections().contains(ReportAudience.Section.CHAIN) ? diagramPages(evaluationId,
                        targets) : List.of(),
                audience.sections(), new ReportContent.Framing(page.evaluation().purpose(),
                        page.evaluation().audiences(), page.evaluation().steering()),
                !dashboard && audience.sections().contains(ReportAudience.Section.CHAIN) ? actorMap(evaluationId)
                        : null,
                audience.sections().contains(ReportAudience.Section.WORKSHOPS) ? workshopLines(evaluationId)
                        : List.of());
    }

    /** The actor map, beside the stakeholders' cards in the chain's annex: its drawing without links, and its text. */
    private ReportContent.ActorMapPrint actorMap(long evaluationId) {
        ActorMap map = actorMaps.map(evaluationId);
        return new ReportContent.ActorMapPrint(actorMaps.svg(map, null, FRENCH), map.actors().stream().map(actor ->
                new ReportContent.ActorLine(actor.ring().name(), actor.stakeholder().name(),
                        label("chain.stakeholder.type." + actor.stakeholder().type()), actor.balance().brings(),
                        actorMaps.figures(actor.balance().bringsAmounts(), actor.balance().bringsEur(), FRENCH),
                        actor.balance().gets(),
                        actorMaps.figures(actor.balance().getsAmounts(), actor.balance().getsEur(), FRENCH)))
                .toList(), actorMaps.describe(map, FRENCH));
    }

    /**
     * How the chain was built: the evaluation's workshops, the first first, with who took part by role (counts, no
     * names), the cards posted and kept, and what came from inhabitants. Hidden cards give no text, only their count
     * among the cards posted.
     */
    private List<ReportContent.WorkshopLine> workshopLines(long evaluationId) {
        List<ReportContent.WorkshopLine> lines = new ArrayList<>();
        for (WorkshopTrace trace : workshops.traces(evaluationId)) {
            if (trace.participantCount() == 0 && trace.cardsPosted() == 0) {
                continue; // opened by mistake, or never held: it built nothing
            }
            List<ReportContent.RoleCount> participants = Arrays.stream(ParticipantRole.values())
                    .filter(role -> trace.participants().getOrDefault(role, 0) > 0)
                    .map(role -> new ReportContent.RoleCount(role.name(), label("workshop.role." + role),
                            trace.participants().get(role))).toList();
            lines.add(0, new ReportContent.WorkshopLine(trace.workshop().title(),
                    trace.workshop().openedAt().atZone(clock.getZone()).toLocalDate(),
                    Math.round(trace.duration().toMillis() / 60_000.0),
                    participants, trace.cardsPosted(), trace.cardsKept(), trace.keptFromInhabitants(),
                    workshops.elementsPlacedFrom(trace, ParticipantRole.HABITANT)));
        }
        return lines;
    }

    /** The diagram as printed: A4 or A3 landscape pages, their texts at least 7 pt. */
    private List<ReportContent.DiagramPrint> diagramPages(long evaluationId, TargetNames targets) {
        return diagrams.printable(evaluationId, FRENCH).stream().map(page -> new ReportContent.DiagramPrint(
                page.paper().name(), page.widthMm(), page.heightMm(), page.target() == null ? null
                        : targets.label(page.target()), page.svg(), page.texts().stream().map(text ->
                                new ReportContent.PrintedText(text.leftMm(), text.topMm(), text.sizePt(), text.bold(),
                                        text.colour(), text.text())).toList())).toList();
    }

    /**
     * Each evaluative question with the codes of the indicators the cadre links to it, and its verdict
     * with the evidence it cites, each piece saying what it shows (a figure with its target, a survey
     * share with its n, a quote, a contribution's strength).
     */
    private List<ReportContent.QuestionBlock> questions(long evaluationId, FrameworkOverview overview,
            List<IndicatorResults> figures, List<IndicatorBlock> indicators, List<Evidence> consented) {
        Map<Long, Criterion> criteria = overview.criteria().stream()
                .collect(Collectors.toMap(Criterion::id, Function.identity()));
        Map<Long, QuestionVerdict> judged = verdicts.verdicts(evaluationId).stream()
                .collect(Collectors.toMap(QuestionVerdict::questionId, Function.identity()));
        Map<Long, IndicatorBlock> byId = new LinkedHashMap<>();
        for (int i = 0; i < figures.size(); i++) {
            byId.put(figures.get(i).indicator().id(), indicators.get(i));
        }
        EvidenceDetails details = new EvidenceDetails(evaluationId, byId, consented);
        return overview.questions().stream().map(question -> {
            QuestionVerdict verdict = judged.get(question.id());
            return new ReportContent.QuestionBlock(criteria.get(question.criterionId()).label(), question.text(),
                    overview.indicatorsAnswering(question.id()).stream().filter(byId::containsKey)
                            .map(id -> byId.get(id).code()).toList(),
                    verdict == null || verdict.verdict() == null ? null : verdict.verdict().name(),
                    verdict == null ? null : verdict.argument(),
                    verdict == null ? List.of() : verdict.evidence().stream().map(details::line).toList(),
                    verdict == null ? null : verdict.plainMessage());
        }).toList();
    }

    /** What each piece of evidence shows, as the report cites it. */
    private final class EvidenceDetails {

        private final long evaluationId;
        private final Map<Long, IndicatorBlock> indicators;
        private final Map<Long, Evidence> testimonies = new LinkedHashMap<>();
        private final Map<String, SurveyResults> results = new LinkedHashMap<>();
        private @Nullable List<Survey> surveyList;

        EvidenceDetails(long evaluationId, Map<Long, IndicatorBlock> indicators, List<Evidence> consented) {
            this.evaluationId = evaluationId;
            this.indicators = indicators;
            consented.forEach(item -> testimonies.put(item.id(), item));
        }

        ReportContent.EvidenceLine line(CitedEvidence cited) {
            String kind = cited.kind().name();
            return switch (cited.kind()) {
                case INDICATOR -> {
                    IndicatorBlock indicator = indicators.get(cited.id());
                    Point last = indicator == null ? null : indicator.last();
                    yield new ReportContent.EvidenceLine(kind, cited.label(), last == null ? null
                            : describe(indicator, last), indicator == null ? null : indicator.code());
                }
                case SURVEY_QUESTION -> new ReportContent.EvidenceLine(kind, (cited.surveyTitle() == null ? ""
                        : cited.surveyTitle() + " — ") + cited.label(), survey(cited), null);
                case TESTIMONY -> {
                    Evidence item = testimonies.get(cited.id());
                    yield new ReportContent.EvidenceLine(kind, cited.label(), item == null || item.body() == null
                            ? null : "« " + texts.firstSentences(item.body(), 200) + " »", null);
                }
                case CONTRIBUTION -> new ReportContent.EvidenceLine(kind, cited.label(), null, null);
            };
        }

        private String describe(IndicatorBlock indicator, Point last) {
            boolean cumulative = Boolean.TRUE.equals(indicator.cumulativeTargets()) && last.cumulative() != null;
            String value = cumulative ? messages.getMessage("restitution.evidence.cumulative", new Object[] {
                    indicator.show(last.cumulative()) }, FRENCH) : indicator.showValue(last);
            return last.target() == null ? messages.getMessage("restitution.evidence.value", new Object[] { value,
                    last.period() }, FRENCH) : messages.getMessage("restitution.evidence.valueTarget", new Object[] {
                            value, last.period(), indicator.show(last.target()) }, FRENCH);
        }

        /** A survey question's statistic in its wave (or all): the share who agree or say yes, with its n. */
        private @Nullable String survey(CitedEvidence cited) {
            if (surveyList == null) {
                surveyList = surveys.surveys(evaluationId);
            }
            Optional<Survey> survey = surveyList.stream().filter(candidate -> candidate.question(cited.id())
                    .isPresent()).findFirst();
            if (survey.isEmpty()) {
                return null;
            }
            SurveyResults shown = results.computeIfAbsent(survey.get().id() + ":" + cited.waveId(),
                    ignored -> surveyResults.results(survey.get().id(), cited.waveId(), null, null, FRENCH));
            String wave = cited.waveLabel() == null ? messages.getMessage("restitution.evidence.allWaves", null, FRENCH)
                    : cited.waveLabel();
            return shown.questions().stream().filter(question -> question.question().id() == cited.id()).findFirst()
                    .map(question -> {
                        QuestionKind questionKind = question.question().kind();
                        if (questionKind == QuestionKind.AGREEMENT || questionKind == QuestionKind.YES_NO) {
                            return messages.getMessage("restitution.evidence.share", new Object[] { Decimals.share(
                                    headline(question, true), question.answered(), FRENCH), wave }, FRENCH);
                        }
                        return messages.getMessage("restitution.evidence.answered", new Object[] {
                                question.answered(), wave }, FRENCH);
                    }).orElse(null);
        }
    }

    /** The diagram as a report shows it: its nodes do not link to the application's pages. */
    private static String withoutLinks(String svg) {
        return svg.replaceAll("</?a\\b[^>]*>", "");
    }

    private static IndicatorBlock block(IndicatorResults result) {
        Indicator indicator = result.indicator();
        List<Point> points = result.periods().stream().map(period -> new Point(period.period().code(), period.value(),
                period.target(), period.percentOfTarget(), period.cumulative(), result.answered(period.period())))
                .toList();
        return new IndicatorBlock(indicator.code(), indicator.name(), indicator.displayUnit(), points,
                Charts.bars(indicator.name(), points, indicator.displayPrecision(), indicator.cumulativeTargets()),
                indicator.displayPrecision(), indicator.cumulativeTargets(), indicator.timeAggregation().name());
    }

    /**
     * Each survey's headlines, from the structure's own results (unmasked) when the reader is one of
     * its members, as outsiders see them otherwise; in a report, no share from fewer than five answers.
     */
    private List<ReportContent.SurveyBlock> surveys(long evaluationId, boolean report) {
        List<ReportContent.SurveyBlock> blocks = new ArrayList<>();
        for (Survey survey : surveys.surveys(evaluationId)) {
            SurveyResults results = surveyResults.results(survey.id(), null, null, null, FRENCH);
            List<Highlight> highlights = new ArrayList<>();
            for (SurveyResults.QuestionResult question : results.questions()) {
                QuestionKind kind = question.question().kind();
                if (kind != QuestionKind.AGREEMENT && kind != QuestionKind.YES_NO) {
                    continue;
                }
                highlights.add(new Highlight(question.question().label(), question.answered(),
                        headline(question, report)));
            }
            blocks.add(new ReportContent.SurveyBlock(survey.title(), results.respondents(), highlights));
        }
        return blocks;
    }

    /**
     * The share who agree (or say yes), from the counts rather than rounded shares; null when it is
     * masked (unknown, never 0) or, in a report, when fewer than five answered.
     */
    private static @Nullable BigDecimal headline(SurveyResults.QuestionResult question, boolean report) {
        List<SurveyResults.Share> counted = question.shares().stream().filter(share(question.question().kind())::apply)
                .toList();
        boolean masked = question.hidden() || counted.stream().anyMatch(SurveyResults.Share::hidden);
        long agreeing = counted.stream().mapToLong(SurveyResults.Share::count).sum();
        if (masked || question.answered() == 0 || (report && question.answered() < SurveyResults.MINIMUM_GROUP)) {
            return null;
        }
        return BigDecimal.valueOf(agreeing * 100).divide(BigDecimal.valueOf(question.answered()), 4,
                java.math.RoundingMode.HALF_UP);
    }

    /** The answers a headline counts: agree or strongly agree, or yes. */
    private static Function<SurveyResults.Share, Boolean> share(QuestionKind kind) {
        return kind == QuestionKind.AGREEMENT ? share -> share.value().equals("4") || share.value().equals("5")
                : share -> share.value().equals("true");
    }

    private List<ContributionBlock> contributions(long evaluationId, List<Evidence> consented, TargetNames targets) {
        Map<Long, String> titles = new LinkedHashMap<>();
        consented.forEach(item -> titles.put(item.id(), item.title()));
        return contributions.contributions(evaluationId).stream().map(contribution -> new ContributionBlock(
                contribution.effect().name(), contribution.effect().target() == null ? ""
                        : targets.label(contribution.effect().target()),
                contribution.claim(), contribution.path().stream().map(element -> element.name()).toList(),
                contribution.indicators().stream().map(result -> result.indicator().name()).toList(),
                contribution.evidence().stream().filter(item -> titles.containsKey(item.id())).map(Evidence::title)
                        .toList(), contribution.otherFactors(), contribution.strength() == null ? null
                                : label("restitution.strength." + contribution.strength()),
                contribution.strengthReason(), contribution.steps().stream().map(step -> label(step.stage()) + " : "
                        + step.elements().stream().map(ChainElement::name).collect(Collectors.joining(", "))).toList()))
                .toList();
    }

    private String label(String code) {
        return messages.getMessage(code, null, code, FRENCH);
    }
}
