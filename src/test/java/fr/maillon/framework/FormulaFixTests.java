package fr.maillon.framework;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.ezylang.evalex.Expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fixes a refused formula is offered, computed without Spring. */
class FormulaFixTests {

    private static final List<String> CODES = List.of("heures_benevoles", "taux_horaire", "participants",
            "participants_qpv");

    @Test
    void anXBetweenTwoOperandsIsAMultiplication() {
        FormulaFix fix = Formulas.fix("heures_benevoles x taux_horaire", CODES);
        assertThat(fix.formula()).isEqualTo("heures_benevoles * taux_horaire");
        assertThat(fix.hints()).extracting(FormulaFix.Hint::code).containsExactly("framework.formula.fix.times");
        assertThat(Formulas.fix("heures_benevoles × taux_horaire", CODES).formula())
                .isEqualTo("heures_benevoles * taux_horaire");
        assertThat(Formulas.fix("participants ÷ participants_qpv", CODES).formula())
                .isEqualTo("participants / participants_qpv");
    }

    @Test
    void aDecimalCommaBecomesAPointOutsideAFunctionsArguments() {
        assertThat(Formulas.fix("heures_benevoles * 11,88", CODES).formula()).isEqualTo("heures_benevoles * 11.88");
        assertThat(Formulas.fix("MAX(participants,2) * 1,5", CODES).formula()).isEqualTo("MAX(participants,2) * 1.5");
    }

    @Test
    void parenthesesAreBalanced() {
        FormulaFix open = Formulas.fix("(participants_qpv / participants * 100", CODES);
        assertThat(open.formula()).isEqualTo("(participants_qpv / participants * 100)");
        assertThat(open.hints().get(0).code()).isEqualTo("framework.formula.fix.close");
        assertThat(open.hints().get(0).arguments()).containsExactly(1);
        assertThat(Formulas.fix("participants_qpv / participants) * 100", CODES).formula())
                .isEqualTo("participants_qpv / participants * 100");
    }

    @Test
    void anUnknownCodeIsReplacedByTheClosestCodeOfTheEvaluation() {
        FormulaFix fix = Formulas.fix("heures_benevole * taux_horaire", CODES);
        assertThat(fix.formula()).isEqualTo("heures_benevoles * taux_horaire");
        assertThat(fix.hints()).singleElement().satisfies(hint -> {
            assertThat(hint.code()).isEqualTo("framework.formula.fix.code");
            assertThat(hint.arguments()).containsExactly("heures_benevole", "heures_benevoles", 1);
        });
        FormulaFix accented = Formulas.fix("heures_bénévoles x taux_horaire", CODES);
        assertThat(accented.formula()).isEqualTo("heures_benevoles * taux_horaire");
        FormulaFix none = Formulas.fix("loyer * 12", CODES);
        assertThat(none.formula()).isNull();
        assertThat(none.hints()).extracting(FormulaFix.Hint::code).containsExactly("framework.formula.fix.noCode");
        assertThat(Formulas.closest("participant", CODES)).containsExactly("participants");
    }

    @Test
    void aValidFormulaOrAnXThatIsACodeIsLeftAlone() {
        assertThat(Formulas.fix("participants * 2", CODES).formula()).isNull();
        assertThat(Formulas.fix("x + 1", List.of("x")).formula()).isNull();
    }

    /**
     * Why codes stay unaccented: EvalEx reads a composed « é » as part of a name, but not an « e »
     * followed by a combining accent, which some keyboards send; and codes travel to other tools.
     */
    @Test
    void evalExReadsAnAccentedNameOnlyWhenItsAccentsAreComposed() throws Exception {
        assertThat(new Expression("heures_bénévoles * 2").with("heures_bénévoles", 3).evaluate().getNumberValue())
                .isEqualByComparingTo("6");
        assertThatThrownBy(() -> new Expression("heures_be\u0301ne\u0301voles * 2").validate())
                .isInstanceOf(com.ezylang.evalex.parser.ParseException.class);
    }

    @Test
    void aRefusedCodeNamesItsCharacterAndProposesTheFoldedCode() {
        var refusal = FrameworkService.codeRefusal("heures_bénévoles");
        assertThat(refusal.code()).isEqualTo("framework.indicator.code.folded");
        assertThat(refusal.arguments()).containsExactly("é", 9, "heures_benevoles");
        assertThat(FrameworkService.codeRefusal("2024_heures").arguments()).containsExactly("2", 1, "i_2024_heures");
        assertThat(FrameworkService.codeRefusal("").code()).isEqualTo("framework.indicator.code.invalid");
    }
}
