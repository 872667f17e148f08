package fr.maillon.network;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.EvaluationStatus;
import fr.maillon.framework.Period;
import fr.maillon.network.internal.NetworkRepository;
import fr.maillon.network.internal.NetworkRepository.Periods;
import fr.maillon.network.internal.NetworkRepository.Reader;
import fr.maillon.network.internal.NetworkRepository.TerritoryRow;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Organisation;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.Structure;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;

/**
 * A federation's or a CAF's views of its territory, for its members only, built on what the
 * structures of its départements share with it; and a structure's view of its peers, aggregated only.
 */
@Service
public class NetworkService {

    /** The renewal milestones when a network has set none: about 14, 12, 8, 6 and 3 months before the end. */
    public static final List<Milestone> DEFAULT_MILESTONES = List.of(
            new Milestone(14, "Lancement de l'évaluation du projet social", EvaluationStatus.FRAMING),
            new Milestone(12, "Cadre d'évaluation posé, collecte engagée", EvaluationStatus.COLLECTING),
            new Milestone(8, "Analyse partagée avec les habitants et les partenaires", EvaluationStatus.RESTITUTION),
            new Milestone(6, "Projet social rédigé, comité de pilotage avec la CAF", EvaluationStatus.RESTITUTION),
            new Milestone(3, "Dépôt du dossier de renouvellement", EvaluationStatus.CLOSED));

    private static final int MAXIMUM_MILESTONES = 12;

    private final AccessPolicy access;
    private final OrganisationService organisations;
    private final NetworkRepository repository;
    private final Clock clock;

    NetworkService(AccessPolicy access, OrganisationService organisations, NetworkRepository repository,
            Clock clock) {
        this.access = access;
        this.organisations = organisations;
        this.repository = repository;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public NetworkHome home(long organisationId) {
        Organisation organisation = network(organisationId);
        return new NetworkHome(organisation, repository.territory(organisationId), repository.entries(organisationId),
                repository.pending(organisationId));
    }

    /**
     * An entry across the territory: aggregates per period (small groups hidden), and each
     * structure's values for one period (the last year with figures when none is asked), or for
     * every period with {@code allPeriods}.
     */
    @Transactional(readOnly = true)
    public EntryFigures entry(long organisationId, long entryId, @Nullable String period, boolean allPeriods) {
        return entry(organisationId, entryId, period, allPeriods, false);
    }

    /** The same, over the data of years the structures signed off only when {@code signedOnly}. */
    @Transactional(readOnly = true)
    public EntryFigures entry(long organisationId, long entryId, @Nullable String period, boolean allPeriods,
            boolean signedOnly) {
        Organisation organisation = network(organisationId);
        if (period != null && Period.parse(period).isEmpty()) {
            throw new RuleViolationException("period", "network.period.invalid");
        }
        NetworkEntry entry = repository.entries(organisationId).stream().filter(found -> found.id() == entryId)
                .findFirst().orElseThrow(() -> new NotFoundException("network.entry.notFound", entryId));
        Reader reader = Reader.network(organisationId).signedOnly(signedOnly);
        List<Aggregate> aggregates = repository.aggregates(reader, List.of(entryId), Periods.ALL)
                .getOrDefault(entryId, List.of()).stream().map(Aggregate::secret).toList();
        String shown = period != null ? period : aggregates.stream().map(Aggregate::period)
                .filter(code -> !code.contains("Q")).reduce((first, second) -> second).orElse(null);
        List<StructureValue> values = allPeriods ? repository.values(reader, List.of(entryId), Periods.ALL)
                : shown == null ? List.of() : repository.values(reader, List.of(entryId), Periods.one(shown));
        return new EntryFigures(organisation, entry, aggregates, allPeriods ? null : shown, values);
    }

    /** One sharing structure of the territory beside the others, entry by entry (the others' group hidden under 3). */
    @Transactional(readOnly = true)
    public List<Comparison> compare(long organisationId, long structureId) {
        return compare(organisationId, structureId, false);
    }

    /** The same, over the data of years the structures signed off only when {@code signedOnly}. */
    @Transactional(readOnly = true)
    public List<Comparison> compare(long organisationId, long structureId, boolean signedOnly) {
        network(organisationId);
        repository.territory(organisationId).stream()
                .filter(structure -> structure.id() == structureId && structure.sharing()).findFirst()
                .orElseThrow(() -> new NotFoundException("network.structure.notFound", structureId));
        List<NetworkEntry> entries = repository.entries(organisationId);
        List<Long> ids = entries.stream().map(NetworkEntry::id).toList();
        Map<Long, Map<String, BigDecimal>> own = repository.values(Reader.network(organisationId).only(structureId)
                .signedOnly(signedOnly), ids, Periods.YEARS).stream()
                .collect(Collectors.groupingBy(StructureValue::entryId,
                        Collectors.toMap(StructureValue::period, StructureValue::value)));
        Map<Long, List<Aggregate>> peers = repository.aggregates(
                Reader.network(organisationId).excluding(structureId).signedOnly(signedOnly), ids, Periods.YEARS);
        return comparisons(entries, own, peers, false);
    }

    /**
     * A structure's own results beside its peers: the other structures of its département that
     * share the same entries with a federation or CAF, aggregated only ({@link Aggregate#forPeers}).
     */
    @Transactional(readOnly = true)
    public List<Comparison> peers(long structureId) {
        access.requireStructureRole(structureId, Role.STRUCTURE_VIEWER);
        Structure structure = organisations.structure(structureId);
        List<Long> ids = repository.ownEntries(structureId);
        List<NetworkEntry> entries = repository.entriesById(ids);
        return comparisons(entries, repository.ownValues(structureId, ids),
                repository.aggregates(Reader.peersOf(structureId, structure.departement()), ids, Periods.YEARS),
                true);
    }

    private static List<Comparison> comparisons(List<NetworkEntry> entries, Map<Long, Map<String, BigDecimal>> own,
            Map<Long, List<Aggregate>> peers, boolean peersOnly) {
        List<Comparison> comparisons = new ArrayList<>();
        for (NetworkEntry entry : entries) {
            Map<String, BigDecimal> values = own.getOrDefault(entry.id(), Map.of());
            Map<String, Aggregate> groups = peers.getOrDefault(entry.id(), List.of()).stream()
                    .collect(Collectors.toMap(Aggregate::period, aggregate -> aggregate));
            Set<String> periods = new HashSet<>(values.keySet());
            periods.addAll(groups.keySet());
            List<Comparison.Row> rows = periods.stream().sorted().map(period -> {
                Aggregate group = groups.getOrDefault(period, new Aggregate(period, 0, null, null, null, null, null,
                        null, null));
                return new Comparison.Row(period, values.get(period),
                        peersOnly ? group.forPeers() : group.secret());
            }).toList();
            if (!values.isEmpty()) {
                comparisons.add(new Comparison(entry, rows));
            }
        }
        return comparisons;
    }

    /**
     * An entry for one year by region and département (a national network's view), with the
     * small-group rule applied at every level ({@link TerritoryMasking}). Without an entry, the
     * first the territory measures; without a year, the latest with figures.
     */
    @Transactional(readOnly = true)
    public TerritoryFigures territories(long organisationId, @Nullable Long entryId, @Nullable Integer year) {
        Organisation organisation = network(organisationId);
        List<NetworkEntry> entries = repository.measuredEntries(organisationId);
        NetworkEntry entry = entryId == null ? entries.stream().findFirst().orElse(null)
                : entries.stream().filter(found -> found.id() == entryId).findFirst()
                        .orElseThrow(() -> new NotFoundException("network.entry.notFound", entryId));
        TerritoryFigures.Group none = new TerritoryFigures.Group("", organisation.name(), 0, null, null, null,
                TerritoryFigures.Masking.SMALL);
        if (entry == null) {
            return new TerritoryFigures(organisation, entries, null, List.of(), null, none, 0, List.of());
        }
        Reader reader = Reader.network(organisationId);
        List<Integer> years = repository.years(reader, entry.id());
        Integer shown = year != null ? year : years.isEmpty() ? null : years.get(years.size() - 1);
        if (shown == null) {
            return new TerritoryFigures(organisation, entries, entry, years, null, none, 0, List.of());
        }
        if (shown < 2000 || shown > 2100) {
            throw new RuleViolationException("year", "network.summary.year.invalid");
        }
        TerritoryFigures.Group whole = none;
        int signedOff = 0;
        Map<String, TerritoryFigures.Group> regions = new LinkedHashMap<>();
        Map<String, List<TerritoryFigures.Group>> departements = new LinkedHashMap<>();
        for (TerritoryRow row : repository.territories(reader, entry.id(), String.valueOf(shown))) {
            if (row.region() == null) {
                whole = new TerritoryFigures.Group("", organisation.name(), row.structures(), row.total(),
                        row.average(), row.median(), TerritoryFigures.Masking.NONE);
                signedOff = row.signedOff();
            }
            else if (row.departement() == null) {
                regions.put(row.region(), new TerritoryFigures.Group(row.region(), row.regionName(), row.structures(),
                        row.total(), row.average(), row.median(), TerritoryFigures.Masking.NONE));
            }
            else {
                departements.computeIfAbsent(row.region(), key -> new ArrayList<>())
                        .add(new TerritoryFigures.Group(row.departement(), row.departementName(), row.structures(),
                                row.total(), row.average(), row.median(), TerritoryFigures.Masking.NONE));
            }
        }
        List<TerritoryFigures.Region> grouped = regions.values().stream()
                .map(region -> new TerritoryFigures.Region(region, departements.getOrDefault(region.code(), List.of())))
                .toList();
        return new TerritoryFigures(organisation, entries, entry, years, shown, TerritoryMasking.whole(whole),
                signedOff, TerritoryMasking.mask(grouped));
    }

    /**
     * How many evaluations of one action (rather than of the whole structure) the territory shares
     * with the network: their figures are left out of its series, which would otherwise mix scopes.
     */
    @Transactional(readOnly = true)
    public int actionEvaluations(long organisationId) {
        network(organisationId);
        return repository.actionEvaluations(organisationId);
    }

    /** The last whole year, in the configured zone: the one a summary shows unless another is asked. */
    public int lastYear() {
        return LocalDate.now(clock).getYear() - 1;
    }

    /**
     * The year a network's summary opens on: the latest with a figure shown (a group of at least
     * {@value Aggregate#MINIMUM_GROUP} structures), else the latest with any shared value, else the last whole year.
     */
    @Transactional(readOnly = true)
    public int lastYear(long organisationId) {
        network(organisationId);
        return lastYear(repository.aggregates(Reader.network(organisationId),
                repository.shippedLibrary("socle").stream().map(NetworkEntry::id).toList(), Periods.YEARS));
    }

    /**
     * The same year from the socle's yearly aggregates, signed-off only or not: a structure left out
     * for unsigned data ({@code excluded}) still shared its value, so each year is judged over all
     * the structures that shared one, whichever figures the page then shows.
     */
    private int lastYear(Map<Long, List<Aggregate>> years) {
        return years.values().stream().flatMap(List::stream)
                .filter(aggregate -> aggregate.structures() + aggregate.excluded() >= Aggregate.MINIMUM_GROUP)
                .map(aggregate -> Integer.parseInt(aggregate.period())).max(Integer::compare)
                .orElseGet(() -> summaryYears(years).stream().findFirst().orElseGet(this::lastYear));
    }

    /** The years for which structures shared a value of the socle with the network, latest first. */
    private static List<Integer> summaryYears(Map<Long, List<Aggregate>> years) {
        return years.values().stream().flatMap(List::stream)
                .filter(aggregate -> aggregate.structures() + aggregate.excluded() > 0)
                .map(aggregate -> aggregate.period()).filter(period -> period.matches("\\d{4}"))
                .map(Integer::parseInt).distinct().sorted(Comparator.reverseOrder()).toList();
    }

    /**
     * The annual summary's page: the year asked (else the one {@link #lastYear(long)} gives), its
     * summary, signed-off data only when {@code signedOnly}, and the years with shared values; from
     * one reading of the socle's yearly aggregates.
     */
    @Transactional(readOnly = true)
    public AnnualSummaryPage summaryPage(long organisationId, @Nullable Integer year, boolean signedOnly) {
        Organisation organisation = network(organisationId);
        List<NetworkEntry> socle = repository.shippedLibrary("socle");
        Map<Long, List<Aggregate>> years = repository.aggregates(Reader.network(organisationId).signedOnly(signedOnly),
                socle.stream().map(NetworkEntry::id).toList(), Periods.YEARS);
        int shown = year != null ? year : lastYear(years);
        checkYear(shown);
        return new AnnualSummaryPage(summary(organisation, shown, socle, years), summaryYears(years));
    }

    /** The summary of a year from the socle's aggregates of that year (or of several, the others unused). */
    private AnnualSummary summary(Organisation organisation, int year, List<NetworkEntry> socle,
            Map<Long, List<Aggregate>> aggregates) {
        String period = String.valueOf(year);
        List<AnnualSummary.Line> lines = socle.stream().map(entry -> new AnnualSummary.Line(entry,
                aggregates.getOrDefault(entry.id(), List.of()).stream()
                        .filter(aggregate -> aggregate.period().equals(period)).findFirst()
                        .orElse(new Aggregate(period, 0, null, null, null, null, null, null, null)).secret()))
                .toList();
        int sharing = (int) repository.territory(organisation.id()).stream().filter(TerritoryStructure::sharing)
                .count();
        return new AnnualSummary(organisation, year, repository.structuresByKind(organisation.id()), sharing, lines);
    }

    private static void checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw new RuleViolationException("year", "network.summary.year.invalid");
        }
    }

    // --- agrément calendar --------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<Milestone> milestones(long organisationId) {
        network(organisationId);
        List<Milestone> milestones = repository.milestones(organisationId);
        return milestones.isEmpty() ? DEFAULT_MILESTONES : milestones;
    }

    /** Replaces the network's milestones; none given brings the defaults back. */
    @Transactional
    public void saveMilestones(long organisationId, List<Milestone> milestones) {
        network(organisationId);
        List<RuleViolationException.Violation> violations = new ArrayList<>();
        Set<Integer> months = new HashSet<>();
        if (milestones.size() > MAXIMUM_MILESTONES) {
            violations.add(new RuleViolationException.Violation("milestones", "network.milestones.tooMany",
                    MAXIMUM_MILESTONES));
        }
        for (int i = 0; i < milestones.size(); i++) {
            Milestone milestone = milestones.get(i);
            if (milestone.monthsBefore() < 0 || milestone.monthsBefore() > 60) {
                violations.add(new RuleViolationException.Violation("milestones[" + i + "].monthsBefore",
                        "network.milestone.months.invalid"));
            }
            else if (!months.add(milestone.monthsBefore())) {
                violations.add(new RuleViolationException.Violation("milestones[" + i + "].monthsBefore",
                        "network.milestone.months.duplicate"));
            }
            if (milestone.label().isBlank() || milestone.label().length() > 200) {
                violations.add(new RuleViolationException.Violation("milestones[" + i + "].label",
                        "network.milestone.label.invalid"));
            }
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        repository.replaceMilestones(organisationId, milestones.stream()
                .map(milestone -> new Milestone(milestone.monthsBefore(), milestone.label().strip(),
                        milestone.expectedStatus()))
                .sorted(Comparator.comparingInt(Milestone::monthsBefore).reversed()).toList());
    }

    /** The calendar as of today in the configured zone. */
    @Transactional(readOnly = true)
    public AgrementCalendar calendar(long organisationId) {
        return calendar(organisationId, LocalDate.now(clock));
    }

    /** Each sharing structure's renewal milestones as of {@code today}, with its latest shared evaluation's state. */
    @Transactional(readOnly = true)
    public AgrementCalendar calendar(long organisationId, LocalDate today) {
        Organisation organisation = network(organisationId);
        return calendar(organisation, repository.territory(organisationId), today);
    }

    /** The calendar over a territory already read (the caller checked that she is a member of the network). */
    AgrementCalendar calendar(Organisation organisation, List<TerritoryStructure> territory, LocalDate today) {
        List<Milestone> stored = repository.milestones(organisation.id());
        List<Milestone> milestones = stored.isEmpty() ? DEFAULT_MILESTONES : stored;
        List<CalendarLine> lines = new ArrayList<>();
        List<TerritoryStructure> undated = new ArrayList<>();
        for (TerritoryStructure structure : territory) {
            if (!structure.sharing()) {
                continue;
            }
            LocalDate end = structure.agrementEnd();
            if (end == null) {
                // Only a centre social or an EVS has an agrément to date; other kinds are not in the calendar.
                if (structure.kind().agreedByCaf()) {
                    undated.add(structure);
                }
                continue;
            }
            SharedEvaluation latest = structure.evaluations().isEmpty() ? null : structure.evaluations().get(0);
            List<CalendarLine.Step> steps = milestones.stream().map(milestone -> {
                LocalDate date = end.minusMonths(milestone.monthsBefore());
                boolean reached = !date.isAfter(today);
                boolean late = reached && milestone.expectedStatus() != null
                        && (latest == null || latest.status().compareTo(milestone.expectedStatus()) < 0);
                return new CalendarLine.Step(milestone, date, reached, late);
            }).toList();
            lines.add(new CalendarLine(structure, end, steps, latest));
        }
        lines.sort(Comparator.comparing(CalendarLine::agrementEnd));
        return new AgrementCalendar(organisation, milestones, lines, undated);
    }

    private Organisation network(long organisationId) {
        access.requireNetworkMember(organisationId);
        return organisations.organisation(organisationId);
    }
}
