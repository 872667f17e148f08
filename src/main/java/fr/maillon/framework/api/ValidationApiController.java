package fr.maillon.framework.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.maillon.framework.DataValidation;
import fr.maillon.framework.IndicatorRules;
import fr.maillon.framework.RuleViolation;
import fr.maillon.framework.RulesDraft;
import fr.maillon.framework.SignOff;
import fr.maillon.framework.ValidationService;

/** Checked data: an evaluation's violations and sign-offs; a library entry's rules for its owner. */
@RestController
@Tag(name = "Données vérifiées", description = "Validation rules of library entries, violations and sign-offs")
class ValidationApiController {

    /** One violation, with the sentence the validation page shows. */
    record ViolationJson(long indicatorId, String indicatorCode, String indicatorName, String period,
            @Nullable BigDecimal value, RuleViolation.Rule rule, @Nullable BigDecimal limit,
            @Nullable String previousPeriod, @Nullable BigDecimal previousValue, @Nullable BigDecimal changePercent,
            String message) {
    }

    /** A year's state: signed off or not, and its open violations. */
    record YearJson(String period, @Nullable SignOff signOff, int openViolations) {
    }

    record ValidationJson(long evaluationId, String scope, @Nullable String actionName, List<ViolationJson> violations,
            List<YearJson> years) {
    }

    /** A sign-off asked for: the year, and whether it is signed with open violations (saying so). */
    record SignOffRequest(@Nullable String period, @Nullable Boolean withViolations, @Nullable String note) {
    }

    record SignOffJson(long id, String period, String signedBy, Instant signedAt, int openViolations,
            @Nullable String note, boolean current, @Nullable Instant withdrawnAt) {

        static SignOffJson of(SignOff signOff) {
            return new SignOffJson(signOff.id(), signOff.period(), signOff.signedByName(), signOff.signedAt(),
                    signOff.openViolations(), signOff.note(), signOff.current(), signOff.withdrawnAt());
        }
    }

    private final ValidationService validation;
    private final MessageSource messages;

    ValidationApiController(ValidationService validation, MessageSource messages) {
        this.validation = validation;
        this.messages = messages;
    }

    @GetMapping("/api/v1/evaluations/{evaluationId}/validation")
    @Operation(summary = "The evaluation's values that break their library entries' rules, and each year's sign-off",
            description = "For the members of the structure; anyone else gets 404.")
    ValidationJson validation(@PathVariable long evaluationId, Locale locale) {
        DataValidation checked = validation.validation(evaluationId);
        return new ValidationJson(evaluationId, checked.evaluation().scope().name(), checked.evaluation().actionName(),
                checked.violations().stream().map(violation -> new ViolationJson(violation.indicator().id(),
                        violation.indicator().code(), violation.indicator().name(), violation.period(),
                        violation.value(), violation.rule(), violation.limit(), violation.previousPeriod(),
                        violation.previousValue(), violation.changePercent(), message(violation, locale))).toList(),
                checked.years().stream().map(year -> new YearJson(year, checked.signOff(year),
                        checked.violations(year).size())).toList());
    }

    @GetMapping("/api/v1/evaluations/{evaluationId}/sign-offs")
    @Operation(summary = "The evaluation's sign-offs, latest first (withdrawn ones too: a value changed afterwards)")
    List<SignOffJson> signOffs(@PathVariable long evaluationId) {
        return validation.signOffs(evaluationId).stream().map(SignOffJson::of).toList();
    }

    @PostMapping("/api/v1/evaluations/{evaluationId}/sign-offs")
    @Operation(summary = "Sign off a year's data (a structure admin)",
            description = "With open violations for that year, withViolations must be true (422 otherwise). "
                    + "A change to a value of that year afterwards withdraws the sign-off.")
    ResponseEntity<SignOffJson> signOff(@PathVariable long evaluationId, @RequestBody SignOffRequest request) {
        SignOff signOff = validation.signOff(evaluationId, request.period(), Boolean.TRUE.equals(request.withViolations()),
                request.note());
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + evaluationId + "/sign-offs"))
                .body(SignOffJson.of(signOff));
    }

    @GetMapping("/api/v1/organisations/{organisationId}/library/entries/{entryId}/rules")
    @Operation(summary = "A library entry's checking rules, for the members of the network that owns the library")
    IndicatorRules rules(@PathVariable long organisationId, @PathVariable long entryId) {
        return validation.rules(organisationId, entryId);
    }

    @PutMapping("/api/v1/organisations/{organisationId}/library/entries/{entryId}/rules")
    @Operation(summary = "Set a library entry's checking rules (numbers as text or JSON numbers; blank for none)")
    IndicatorRules saveRules(@PathVariable long organisationId, @PathVariable long entryId,
            @RequestBody RulesDraft draft) {
        return validation.saveRules(organisationId, entryId, draft);
    }

    private String message(RuleViolation violation, Locale locale) {
        return messages.getMessage("framework.validation." + violation.rule(), new Object[] {
                violation.indicator().name(), violation.period(), violation.shownValue(), violation.shownLimit(),
                violation.previousPeriod(), violation.shownPrevious(), violation.shownChange() }, locale);
    }
}
