package fr.maillon.framework;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.internal.DisaggregationRepository;
import fr.maillon.framework.internal.LibraryRepository;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Organisation;
import fr.maillon.organisation.OrganisationNotFoundException;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/**
 * Libraries of indicators. A structure copies entries of Maillon's libraries (CAF finalités, the
 * Drôme's five dimensions, a SENACS-like socle) or of a library its federation published into an
 * evaluation's framework; each copy remembers its entry, so that network views compare like with
 * like. A federation's members write its library and publish it to the structures of its
 * départements.
 */
@Service
public class LibraryService {

    private final EvaluationService evaluations;
    private final AccessPolicy access;
    private final OrganisationService organisations;
    private final FrameworkService framework;
    private final LibraryRepository libraries;
    private final DisaggregationRepository disaggregations;

    LibraryService(EvaluationService evaluations, AccessPolicy access, OrganisationService organisations,
            FrameworkService framework, LibraryRepository libraries, DisaggregationRepository disaggregations) {
        this.evaluations = evaluations;
        this.access = access;
        this.organisations = organisations;
        this.framework = framework;
        this.libraries = libraries;
        this.disaggregations = disaggregations;
    }

    /** The libraries the evaluation's structure may copy from. */
    public List<IndicatorLibrary> libraries(long evaluationId) {
        return libraries.visibleTo(evaluations.evaluation(evaluationId).structureId());
    }

    /**
     * Copies entries into the evaluation's framework, with the entries their formulas need (inputs
     * first); an entry whose code the framework already has is left as it is.
     */
    @Transactional
    public LibraryCopy copy(long evaluationId, Collection<Long> entryIds) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        Map<Long, LibraryEntry> visible = libraries.visibleTo(evaluation.structureId()).stream()
                .flatMap(library -> library.entries().stream())
                .collect(Collectors.toMap(LibraryEntry::id, Function.identity()));
        for (Long id : entryIds) {
            if (id == null) {
                throw new RuleViolationException("entryIds", "framework.library.entry.invalid");
            }
            if (!visible.containsKey(id)) {
                throw new FrameworkItemNotFoundException(id);
            }
        }
        Set<String> present = framework.indicators(evaluationId).stream().map(Indicator::code)
                .collect(Collectors.toCollection(HashSet::new));
        Map<Long, LibraryEntry> ordered = new LinkedHashMap<>();
        entryIds.forEach(id -> withInputs(visible.get(id), visible.values(), present, ordered));
        Map<String, Long> disaggregationIds = new HashMap<>();
        disaggregations.disaggregations(evaluation.structureId())
                .forEach(disaggregation -> disaggregationIds.put(disaggregation.code(), disaggregation.id()));
        List<String> added = new ArrayList<>();
        List<String> alreadyThere = new ArrayList<>();
        for (LibraryEntry entry : ordered.values()) {
            if (present.contains(entry.code())) {
                alreadyThere.add(entry.name());
                continue;
            }
            framework.addIndicator(evaluationId, draft(entry, entry.disaggregationCode() == null ? null
                    : disaggregationIds.get(entry.disaggregationCode())), entry.id());
            present.add(entry.code());
            added.add(entry.name());
        }
        return new LibraryCopy(added, alreadyThere);
    }

    private static void withInputs(LibraryEntry entry, Collection<LibraryEntry> visible, Set<String> present,
            Map<Long, LibraryEntry> ordered) {
        if (ordered.containsKey(entry.id())) {
            return;
        }
        if (entry.formula() != null) {
            for (String input : Formulas.variables(entry.formula())) {
                visible.stream().filter(other -> other.libraryId() == entry.libraryId() && other.code().equals(input)
                        && !present.contains(input)).findFirst()
                        .ifPresent(other -> withInputs(other, visible, present, ordered));
            }
        }
        ordered.put(entry.id(), entry);
    }

    // --- a federation's library ---------------------------------------------------------------

    /** The federation's library, for its members (empty until they add a first entry). */
    public FederationLibrary federationLibrary(long organisationId) {
        Organisation federation = federation(organisationId);
        return new FederationLibrary(federation, libraries.ofOrganisation(organisationId).orElse(null),
                disaggregations.shipped());
    }

    /** What a federation's library page shows: the federation, its library if any, and Maillon's disaggregations. */
    public record FederationLibrary(Organisation federation, @Nullable IndicatorLibrary library,
            List<Disaggregation> disaggregations) {
    }

    @Transactional
    public long addEntry(long organisationId, @Nullable String theme, IndicatorDraft draft,
            @Nullable String disaggregationCode) {
        Organisation federation = federation(organisationId);
        List<LibraryEntry> existing = libraries.ofOrganisation(organisationId).map(IndicatorLibrary::entries)
                .orElse(List.of());
        IndicatorDraft checked = FrameworkService.validate(new IndicatorDraft(draft.code(), draft.name(),
                draft.description(), draft.measure(), draft.unit(), draft.scaleLevels(), null, null, draft.direction(),
                draft.frequency(), draft.aggregation(), false, draft.source(), draft.formula(), null, null, null, null),
                null, existing.stream().map(LibraryService::asIndicator).toList(), List.of());
        String cleanTheme = theme == null || theme.isBlank() ? null : theme.strip();
        if (cleanTheme != null && (cleanTheme.length() > 200 || Texts.hasControlCharacters(cleanTheme))) {
            throw new RuleViolationException("theme", "framework.text.invalid", 200);
        }
        if (disaggregationCode != null && !disaggregationCode.isBlank() && (checked.measure() == Measure.TEXT
                || disaggregations.shipped().stream().noneMatch(shipped -> shipped.code().equals(disaggregationCode)))) {
            throw new RuleViolationException("disaggregationCode", "framework.indicator.disaggregation.invalid");
        }
        long libraryId = libraries.create(organisationId, federation.name());
        return libraries.addEntry(libraryId, new LibraryEntry(0, libraryId, checked.code(), cleanTheme, checked.name(),
                checked.description(), checked.measure(), checked.unit(), checked.scaleLevels(), checked.direction(),
                checked.frequency(), checked.aggregation(), checked.source(), checked.formula(),
                disaggregationCode == null || disaggregationCode.isBlank() ? null : disaggregationCode));
    }

    /** Removes an entry no formula of the library uses; copies already made stay in their frameworks. */
    @Transactional
    public void deleteEntry(long organisationId, long entryId) {
        federation(organisationId);
        IndicatorLibrary library = libraries.ofOrganisation(organisationId)
                .orElseThrow(() -> new FrameworkItemNotFoundException(entryId));
        LibraryEntry entry = library.entries().stream().filter(candidate -> candidate.id() == entryId).findFirst()
                .orElseThrow(() -> new FrameworkItemNotFoundException(entryId));
        List<String> users = library.entries().stream().filter(other -> other.formula() != null
                && Formulas.variables(other.formula()).contains(entry.code())).map(LibraryEntry::name).toList();
        if (!users.isEmpty()) {
            throw new RuleViolationException("", "framework.indicator.usedByFormula", String.join(", ", users));
        }
        libraries.deleteEntry(library.id(), entryId);
    }

    @Transactional
    public void publish(long organisationId, boolean published) {
        Organisation federation = federation(organisationId);
        libraries.create(organisationId, federation.name());
        libraries.publish(organisationId, published);
    }

    /** A federation the caller belongs to (or any, for the platform admin); other organisations are not found. */
    private Organisation federation(long organisationId) {
        Organisation organisation = organisations.organisation(organisationId);
        if (organisation.type() != OrganisationType.FEDERATION) {
            throw new OrganisationNotFoundException(organisationId);
        }
        return organisation;
    }

    private static IndicatorDraft draft(LibraryEntry entry, @Nullable Long disaggregationId) {
        return new IndicatorDraft(entry.code(), entry.name(), entry.description(), entry.measure(), entry.unit(),
                entry.scaleLevels(), null, null, entry.direction(), entry.frequency(), entry.aggregation(), false,
                entry.source(), entry.formula(), null, null, null, disaggregationId);
    }

    private static Indicator asIndicator(LibraryEntry entry) {
        return new Indicator(entry.id(), 0, entry.code(), entry.name(), entry.description(), entry.measure(),
                entry.unit(), entry.scaleLevels(), null, null, entry.direction(), entry.frequency(), entry.aggregation(),
                false, entry.source(), entry.formula(), null, null, null, 0, null, null, 0);
    }
}
