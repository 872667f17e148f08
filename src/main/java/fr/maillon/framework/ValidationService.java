package fr.maillon.framework;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.account.CurrentUser;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationNotFoundException;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.internal.ValidationRepository;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;

/**
 * Checked data before aggregation, as DHIS2's validation rules and data approval do: the rules a
 * library's owner sets on its entries (minimum, maximum, a jump from the previous year, a value
 * required each year), the violations of an evaluation's yearly values against them, and a
 * structure admin's sign-off of a year's data. A change to a value of a signed-off year withdraws
 * the sign-off (a database trigger, whatever way the value comes).
 */
@Service
public class ValidationService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int NOTE_LENGTH = 1000;

    private final EvaluationService evaluations;
    private final FrameworkService framework;
    private final AccessPolicy access;
    private final ValidationRepository repository;
    private final Clock clock;

    ValidationService(EvaluationService evaluations, FrameworkService framework, AccessPolicy access,
            ValidationRepository repository, Clock clock) {
        this.evaluations = evaluations;
        this.framework = framework;
        this.access = access;
        this.repository = repository;
        this.clock = clock;
    }

    // --- rules --------------------------------------------------------------------------------

    /** The rules of these library entries, by entry id (entries without rules absent). Library entries are public. */
    @Transactional(readOnly = true)
    public Map<Long, IndicatorRules> rules(List<Long> entryIds) {
        return repository.rules(entryIds);
    }

    /** An entry's rules, for the members of the network that owns its library. */
    @Transactional(readOnly = true)
    public IndicatorRules rules(long organisationId, long entryId) {
        requireOwner(organisationId, entryId);
        return repository.rules(List.of(entryId)).getOrDefault(entryId, IndicatorRules.none(entryId));
    }

    /** Sets an entry's rules (the owning network's members only); all blank removes them. */
    @Transactional
    public IndicatorRules saveRules(long organisationId, long entryId, RulesDraft draft) {
        CurrentUser user = requireOwner(organisationId, entryId);
        List<Violation> violations = new ArrayList<>();
        BigDecimal minimum = number("minimum", draft.minimum(), violations);
        BigDecimal maximum = number("maximum", draft.maximum(), violations);
        BigDecimal jump = number("jumpPercent", draft.jumpPercent(), violations);
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            violations.add(new Violation("maximum", "framework.rules.maximum.belowMinimum"));
        }
        if (jump != null && (jump.signum() <= 0 || jump.compareTo(BigDecimal.valueOf(10000)) > 0
                || jump.scale() > 2)) {
            violations.add(new Violation("jumpPercent", "framework.rules.jump.invalid"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        IndicatorRules rules = new IndicatorRules(entryId, minimum, maximum, jump,
                Boolean.TRUE.equals(draft.required()));
        repository.saveRules(rules, user.id(), clock.instant());
        return rules;
    }

    private CurrentUser requireOwner(long organisationId, long entryId) {
        CurrentUser user = access.requireNetworkMember(organisationId);
        Optional<Long> owner = repository.owner(entryId)
                .orElseThrow(() -> new FrameworkItemNotFoundException(entryId));
        if (!owner.map(id -> id == organisationId).orElse(false)) {
            // a shipped entry, or another network's: not this network's to change
            throw new FrameworkItemNotFoundException(entryId);
        }
        return user;
    }

    /** A number as people type it ("1 200,5", "-3"), or null when blank; refused with the field named. */
    private static @Nullable BigDecimal number(String field, @Nullable String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > 40 || Texts.hasControlCharacters(text)) {
            violations.add(new Violation(field, "framework.rules.number"));
            return null;
        }
        String cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace(',', '.')
                .replace("%", "");
        if (!cleaned.matches("-?\\d{1,14}(\\.\\d{1,4})?")) {
            violations.add(new Violation(field, "framework.rules.number"));
            return null;
        }
        return new BigDecimal(cleaned);
    }

    // --- violations ---------------------------------------------------------------------------

    /** The evaluation's violations, for the members of its structure (anyone else: not found). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public DataValidation validation(long evaluationId) {
        Evaluation evaluation = memberEvaluation(evaluationId);
        return new DataValidation(evaluation, violations(evaluation), years(evaluation),
                repository.signOffs(evaluation.structureId(), evaluation.id()),
                access.hasStructureRole(evaluation.structureId(), Role.STRUCTURE_ADMIN));
    }

    private Evaluation memberEvaluation(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        if (!access.isMember(evaluation.structureId())) {
            // a network reading a shared evaluation does not see the structure's own checks
            throw new EvaluationNotFoundException(evaluationId);
        }
        return evaluation;
    }

    /** The years of the evaluation up to the current one: those one may sign off. */
    private List<String> years(Evaluation evaluation) {
        int last = Math.min(evaluation.periodEnd().getYear(), LocalDate.now(clock).getYear());
        List<String> years = new ArrayList<>();
        for (int year = evaluation.periodStart().getYear(); year <= last; year++) {
            years.add(String.valueOf(year));
        }
        return years;
    }

    /** A value is required for each whole year of the evaluation already over. */
    private List<String> requiredYears(Evaluation evaluation) {
        int lastWhole = LocalDate.now(clock).getYear() - 1;
        return years(evaluation).stream().filter(year -> Integer.parseInt(year) <= lastWhole).toList();
    }

    private List<RuleViolation> violations(Evaluation evaluation) {
        List<IndicatorResults> results = framework.results(evaluation.id(), PeriodType.YEAR);
        List<Long> entries = results.stream().map(result -> result.indicator().libraryEntryId())
                .filter(Objects::nonNull).distinct().toList();
        Map<Long, IndicatorRules> rules = repository.rules(entries);
        List<String> required = requiredYears(evaluation);
        List<RuleViolation> violations = new ArrayList<>();
        for (IndicatorResults result : results) {
            Indicator indicator = result.indicator();
            IndicatorRules rule = indicator.libraryEntryId() == null ? null : rules.get(indicator.libraryEntryId());
            if (rule == null) {
                continue;
            }
            PeriodResult previous = null;
            for (PeriodResult period : result.periods()) {
                String code = period.period().code();
                BigDecimal value = period.value();
                if (value == null) {
                    if (rule.required() && required.contains(code)) {
                        violations.add(new RuleViolation(indicator, code, null, RuleViolation.Rule.REQUIRED, null,
                                null, null, null));
                    }
                }
                else {
                    check(indicator, rule, code, value, previous, violations);
                }
                previous = period;
            }
        }
        violations.sort((first, second) -> first.period().equals(second.period())
                ? Integer.compare(first.indicator().position(), second.indicator().position())
                : first.period().compareTo(second.period()));
        return violations;
    }

    private static void check(Indicator indicator, IndicatorRules rule, String period, BigDecimal value,
            @Nullable PeriodResult previous, List<RuleViolation> violations) {
        if (rule.minimum() != null && value.compareTo(rule.minimum()) < 0) {
            violations.add(new RuleViolation(indicator, period, value, RuleViolation.Rule.MINIMUM, rule.minimum(),
                    null, null, null));
        }
        if (rule.maximum() != null && value.compareTo(rule.maximum()) > 0) {
            violations.add(new RuleViolation(indicator, period, value, RuleViolation.Rule.MAXIMUM, rule.maximum(),
                    null, null, null));
        }
        BigDecimal before = previous == null ? null : previous.value();
        if (rule.jumpPercent() != null && before != null && before.signum() != 0) {
            BigDecimal change = value.subtract(before).multiply(HUNDRED).divide(before.abs(), 1, RoundingMode.HALF_UP);
            if (change.abs().compareTo(rule.jumpPercent()) > 0) {
                violations.add(new RuleViolation(indicator, period, value, RuleViolation.Rule.JUMP, rule.jumpPercent(),
                        previous.period().code(), before, change));
            }
        }
    }

    // --- sign-offs ----------------------------------------------------------------------------

    /**
     * A structure admin signs off a year's data. With open violations for that year she must say so
     * ({@code withViolations}); a note says why. A year already signed off is refused, as is a year
     * outside the evaluation or to come.
     */
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public SignOff signOff(long evaluationId, @Nullable String period, boolean withViolations, @Nullable String note) {
        Evaluation evaluation = memberEvaluation(evaluationId);
        CurrentUser user = access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_ADMIN);
        if (period == null || !years(evaluation).contains(period.strip())) {
            throw new RuleViolationException("period", "framework.signOff.period.invalid",
                    String.valueOf(evaluation.periodStart().getYear()), String.valueOf(Math.min(
                            evaluation.periodEnd().getYear(), LocalDate.now(clock).getYear())));
        }
        String year = period.strip();
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && (cleanNote.length() > NOTE_LENGTH || Texts.hasControlCharacters(cleanNote))) {
            throw new RuleViolationException("note", "framework.text.invalid", NOTE_LENGTH);
        }
        long open = violations(evaluation).stream().filter(violation -> violation.period().equals(year)).count();
        if (open > 0 && !withViolations) {
            throw new RuleViolationException("withViolations", "framework.signOff.violationsOpen", open, year);
        }
        long id = repository.signOff(evaluation.structureId(), evaluation.id(), year, user.id(), user.displayName(),
                clock.instant(), (int) open, cleanNote, digest(framework.results(evaluation.id(), PeriodType.YEAR), year))
                .orElseThrow(() -> new RuleViolationException("period", "framework.signOff.already", year));
        return repository.signOffs(evaluation.structureId(), evaluation.id()).stream()
                .filter(signOff -> signOff.id() == id).findFirst().orElseThrow();
    }

    /**
     * The evaluation's sign-offs without checking the caller, for an export that decided itself what
     * it may read.
     */
    @Transactional(readOnly = true)
    public List<SignOff> signOffsUnchecked(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        return repository.signOffs(evaluation.structureId(), evaluation.id());
    }

    /**
     * Restores a sign-off carried by an exchange document, after its values were imported: only an
     * admin of the structure restores one (for anyone else it is left out, and false is returned),
     * for a year of the evaluation, keeping who signed and when; a year signed off already is kept.
     */
    @Transactional
    public boolean restoreSignOff(long evaluationId, String period, String signedBy, Instant signedAt,
            int openViolations, @Nullable String note) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        if (!access.hasStructureRole(evaluation.structureId(), Role.STRUCTURE_ADMIN)) {
            return false;
        }
        if (period == null || !years(evaluation).contains(period)) {
            throw new RuleViolationException("period", "framework.signOff.period.invalid",
                    String.valueOf(evaluation.periodStart().getYear()), String.valueOf(Math.min(
                            evaluation.periodEnd().getYear(), LocalDate.now(clock).getYear())));
        }
        String name = signedBy == null ? "" : signedBy.strip();
        if (name.isEmpty() || name.length() > 120 || Texts.hasControlCharacters(name)) {
            throw new RuleViolationException("signedBy", "framework.text.invalid", 120);
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && (cleanNote.length() > NOTE_LENGTH || Texts.hasControlCharacters(cleanNote))) {
            throw new RuleViolationException("note", "framework.text.invalid", NOTE_LENGTH);
        }
        if (signedAt == null || openViolations < 0) {
            throw new RuleViolationException("signedAt", "framework.signOff.period.invalid",
                    String.valueOf(evaluation.periodStart().getYear()), String.valueOf(evaluation.periodEnd().getYear()));
        }
        // kept for the trail, withdrawn: values typed into a document were not seen by the signer here
        return repository.restoreSignOff(evaluation.structureId(), evaluation.id(), period, name, signedAt,
                openViolations, cleanNote, clock.instant());
    }

    /**
     * Withdraws the sign-offs of the years whose results changed since they were signed off (a
     * formula, survey answers, a period: anything that a typed value's trigger does not see), from
     * the evaluation's yearly results just computed. For the background computation of results.
     */
    @Transactional
    public void withdrawChangedUnchecked(Evaluation evaluation, List<IndicatorResults> yearly) {
        Map<String, String> signed = repository.currentDigests(evaluation.structureId(), evaluation.id());
        List<String> changed = signed.entrySet().stream()
                .filter(entry -> !entry.getValue().equals(digest(yearly, entry.getKey()))).map(Map.Entry::getKey)
                .toList();
        if (!changed.isEmpty()) {
            repository.withdraw(evaluation.structureId(), evaluation.id(), changed, clock.instant());
        }
    }

    /** SHA-256 of every indicator's result for the year, in indicator order: what a sign-off vouches for. */
    static String digest(List<IndicatorResults> yearly, String year) {
        StringBuilder text = new StringBuilder();
        yearly.stream().sorted(java.util.Comparator.comparingLong(result -> result.indicator().id()))
                .forEach(result -> result.periods().stream().filter(period -> period.period().code().equals(year))
                        .forEach(period -> text.append(result.indicator().id()).append('=')
                                .append(period.value() == null ? "-" : period.value().stripTrailingZeros()
                                        .toPlainString())
                                .append('\n')));
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The evaluation's sign-offs, current and withdrawn, for the members of its structure. */
    @Transactional(readOnly = true)
    public List<SignOff> signOffs(long evaluationId) {
        Evaluation evaluation = memberEvaluation(evaluationId);
        return repository.signOffs(evaluation.structureId(), evaluation.id());
    }
}
