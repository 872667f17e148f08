package fr.maillon.framework;

import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.Evaluation;

/**
 * An evaluation's data checked against its library entries' rules: the violations, year by year,
 * the years one may sign off, and the sign-offs (current and withdrawn, latest first).
 */
public record DataValidation(Evaluation evaluation, List<RuleViolation> violations, List<String> years,
        List<SignOff> signOffs, boolean canSign) {

    public DataValidation {
        violations = List.copyOf(violations);
        years = List.copyOf(years);
        signOffs = List.copyOf(signOffs);
    }

    public List<RuleViolation> violations(String period) {
        return violations.stream().filter(violation -> violation.period().equals(period)).toList();
    }

    /** The current sign-off of a year, or null. */
    public @Nullable SignOff signOff(String period) {
        return signOffs.stream().filter(signOff -> signOff.current() && signOff.period().equals(period)).findFirst()
                .orElse(null);
    }

    /** The sign-offs withdrawn by a change, latest first. */
    public List<SignOff> withdrawn() {
        return signOffs.stream().filter(signOff -> !signOff.current()).toList();
    }
}
