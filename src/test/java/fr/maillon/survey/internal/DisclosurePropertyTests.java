package fr.maillon.survey.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.jspecify.annotations.Nullable;

import fr.maillon.survey.internal.Disclosure.Asked;
import fr.maillon.survey.internal.Disclosure.Group;
import fr.maillon.survey.internal.Disclosure.Respondent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small sets of respondents (a single-choice question, a multiple-choice one and a number question,
 * each sometimes left unanswered, over one to three waves): every query an outsider can make (each
 * wave or all, no filter or a filter on each answer of each choice question; respondents, each
 * question's count per answer, the number question's count and total) gives figures over sets of
 * respondents, and no two figures shown of the same kind, nor a split of a shown figure into shown
 * parts, leave by difference fewer than five people.
 */
class DisclosurePropertyTests {

    static final int THRESHOLD = 5;
    static final long SINGLE = 1;
    static final long MULTIPLE = 2;
    static final long NUMBER = 3;
    static final List<String> SINGLE_VALUES = List.of("oui", "non", "nsp");
    static final List<String> MULTIPLE_VALUES = List.of("x", "y");
    static final List<Asked> ASKED = List.of(Asked.categorical(SINGLE, SINGLE_VALUES, true),
            Asked.categorical(MULTIPLE, MULTIPLE_VALUES, false), Asked.number(NUMBER));

    /** One respondent as generated: wave 1 to 3; a missing answer is null. */
    record Answer(int wave, @Nullable String single, @Nullable List<String> multiple, @Nullable Integer number) {

        Respondent respondent() {
            Map<Long, List<String>> values = new HashMap<>();
            if (single != null) {
                values.put(SINGLE, List.of(single));
            }
            if (multiple != null) {
                values.put(MULTIPLE, multiple);
            }
            if (number != null) {
                values.put(NUMBER, List.of(String.valueOf(number)));
            }
            return new Respondent(wave, values, number == null ? Set.of() : Set.of(NUMBER));
        }
    }

    /** A figure shown: its kind (0 respondents, else a question) and the respondents it counts (or adds up). */
    record Shown(long family, BitSet set, String query) {
    }

    @Provide
    Arbitrary<List<Answer>> respondents() {
        Arbitrary<Integer> wave = Arbitraries.integers().between(1, 3);
        Arbitrary<String> single = Arbitraries.of("oui", "oui", "non", "nsp").injectNull(0.15);
        Arbitrary<List<String>> multiple = Arbitraries.<List<String>>of(List.of(), List.of("x"), List.of("y"), List.of("x", "y"))
                .injectNull(0.15);
        Arbitrary<Integer> number = Arbitraries.integers().between(0, 5000).injectNull(0.2);
        return Combinators.combine(wave, single, multiple, number).as(Answer::new).list().ofMaxSize(24);
    }

    @Property(tries = 1000)
    void noTwoShownFiguresIsolateFewerThanFive(@ForAll("respondents") List<Answer> answers,
            @ForAll @IntRange(min = 1, max = 3) int waves) {
        List<Answer> inWaves = answers.stream().map(answer -> new Answer(1 + (answer.wave() - 1) % waves,
                answer.single(), answer.multiple(), answer.number())).toList();
        List<Shown> shown = shown(inWaves, waves);

        for (Shown figure : shown) {
            int size = figure.set().cardinality();
            assertThat(size == 0 || size >= THRESHOLD).as("%s counts %d", figure.query(), size).isTrue();
        }
        Map<Long, List<Shown>> byFamily = new HashMap<>();
        shown.forEach(figure -> byFamily.computeIfAbsent(figure.family(), key -> new ArrayList<>()).add(figure));
        for (List<Shown> family : byFamily.values()) {
            checkPairs(family);
        }
    }

    /** For every two shown figures of a kind over sets A within B, B minus A holds none or at least five. */
    private static void checkPairs(List<Shown> family) {
        for (Shown smaller : family) {
            for (Shown larger : family) {
                if (larger.set().cardinality() > smaller.set().cardinality() && within(smaller.set(), larger.set())) {
                    int difference = larger.set().cardinality() - smaller.set().cardinality();
                    assertThat(difference == 0 || difference >= THRESHOLD)
                            .as("%s minus %s isolates %d", larger.query(), smaller.query(), difference).isTrue();
                }
            }
        }
    }

    /** Splits an outsider can add up: shown parts of a shown whole leave none or at least five. */
    @Property(tries = 500)
    void shownPartsOfAShownWholeLeaveNoneOrFive(@ForAll("respondents") List<Answer> answers) {
        Disclosure disclosure = new Disclosure(answers.stream().map(Answer::respondent).toList(), List.of(1L, 2L, 3L),
                ASKED, THRESHOLD);
        List<Respondent> respondents = answers.stream().map(Answer::respondent).toList();
        List<Group> groups = groups(3);
        for (Group group : groups) {
            // waves split all waves
            if (group.waveId() == null) {
                List<Group> parts = new ArrayList<>();
                for (long wave = 1; wave <= 3; wave++) {
                    parts.add(new Group(wave, group.questionId(), group.value()));
                }
                checkSplit(disclosure, respondents, group, parts, "waves of " + group);
            }
            // the single-choice answers split everyone
            if (group.questionId() == null) {
                List<Group> parts = SINGLE_VALUES.stream().map(value -> new Group(group.waveId(), SINGLE, value))
                        .toList();
                checkSplit(disclosure, respondents, group, parts, "answers of " + group);
            }
            // the single-choice question's counts split its answered count
            if (disclosure.showsCount(group, SINGLE, null)) {
                BitSet whole = set(respondents, group, SINGLE, null);
                int left = whole.cardinality();
                for (String value : SINGLE_VALUES) {
                    if (disclosure.showsCount(group, SINGLE, value)) {
                        left -= set(respondents, group, SINGLE, value).cardinality();
                    }
                }
                assertThat(left == 0 || left >= THRESHOLD).as("answered minus shown answers in %s: %d", group, left)
                        .isTrue();
            }
        }
    }

    @Property(tries = 100)
    void theWholeSurveyIsShownFromFiveRespondents(@ForAll("respondents") List<Answer> answers) {
        Disclosure disclosure = new Disclosure(answers.stream().map(Answer::respondent).toList(), List.of(1L, 2L, 3L),
                ASKED, THRESHOLD);
        assertThat(disclosure.showsRespondents(Group.ALL)).isEqualTo(answers.size() >= THRESHOLD);
        long numbers = answers.stream().filter(answer -> answer.number() != null).count();
        if (answers.size() >= THRESHOLD) {
            assertThat(disclosure.showsNumbers(Group.ALL, NUMBER)).isEqualTo(numbers == 0 || numbers >= THRESHOLD);
        }
    }

    private static void checkSplit(Disclosure disclosure, List<Respondent> respondents, Group whole, List<Group> parts,
            String what) {
        checkSplit(respondents, whole, parts, what, group -> disclosure.showsRespondents(group), 0, null);
        for (Asked question : ASKED) {
            List<@Nullable String> values = new ArrayList<>();
            values.add(null);
            values.addAll(question.values());
            for (String value : values) {
                checkSplit(respondents, whole, parts, what + " " + question.id() + "=" + value,
                        group -> question.number() ? disclosure.showsNumbers(group, question.id())
                                : disclosure.showsCount(group, question.id(), value), question.id(), value);
            }
        }
    }

    private static void checkSplit(List<Respondent> respondents, Group whole, List<Group> parts, String what,
            java.util.function.Predicate<Group> shows, long question, @Nullable String value) {
        if (!shows.test(whole)) {
            return;
        }
        int left = set(respondents, whole, question, value).cardinality();
        for (Group part : parts) {
            if (shows.test(part)) {
                left -= set(respondents, part, question, value).cardinality();
            }
        }
        assertThat(left == 0 || left >= THRESHOLD).as("%s leaves %d", what, left).isTrue();
    }

    /** Every figure an outsider is shown, over every query she can make. */
    static List<Shown> shown(List<Answer> answers, int waves) {
        List<Respondent> respondents = answers.stream().map(Answer::respondent).toList();
        List<Long> waveIds = new ArrayList<>();
        for (long wave = 1; wave <= waves; wave++) {
            waveIds.add(wave);
        }
        Disclosure disclosure = new Disclosure(respondents, waveIds, ASKED, THRESHOLD);
        List<Shown> shown = new ArrayList<>();
        for (Group group : groups(waves)) {
            if (disclosure.showsRespondents(group)) {
                shown.add(new Shown(0, set(respondents, group, 0, null), "respondents " + group));
            }
            for (Asked question : ASKED) {
                if (question.number()) {
                    if (disclosure.showsNumbers(group, question.id())) {
                        shown.add(new Shown(question.id(), set(respondents, group, question.id(), null),
                                "total " + group));
                    }
                    continue;
                }
                if (disclosure.showsCount(group, question.id(), null)) {
                    shown.add(new Shown(question.id(), set(respondents, group, question.id(), null),
                            "answered " + question.id() + " " + group));
                }
                for (String value : question.values()) {
                    if (disclosure.showsCount(group, question.id(), value)) {
                        shown.add(new Shown(question.id(), set(respondents, group, question.id(), value),
                                question.id() + "=" + value + " " + group));
                    }
                }
            }
        }
        return shown;
    }

    static List<Group> groups(int waves) {
        List<Group> groups = new ArrayList<>();
        for (long wave = 0; wave <= waves; wave++) {
            Long waveId = wave == 0 ? null : wave;
            groups.add(new Group(waveId, null, null));
            SINGLE_VALUES.forEach(value -> groups.add(new Group(waveId, SINGLE, value)));
            MULTIPLE_VALUES.forEach(value -> groups.add(new Group(waveId, MULTIPLE, value)));
        }
        return groups;
    }

    /** The respondents a figure counts, worked out here without the class under test. */
    static BitSet set(List<Respondent> respondents, Group group, long question, @Nullable String value) {
        BitSet set = new BitSet();
        for (int index = 0; index < respondents.size(); index++) {
            Respondent respondent = respondents.get(index);
            boolean inGroup = (group.waveId() == null || group.waveId() == respondent.waveId())
                    && (group.questionId() == null
                            || respondent.values().getOrDefault(group.questionId(), List.of()).contains(group.value()));
            boolean counted = question == 0 ? true
                    : question == NUMBER ? respondent.numbers().contains(NUMBER)
                    : value == null ? respondent.values().containsKey(question)
                    : respondent.values().get(question) != null && respondent.values().get(question).contains(value);
            if (inGroup && counted) {
                set.set(index);
            }
        }
        return set;
    }

    static boolean within(BitSet smaller, BitSet larger) {
        BitSet outside = (BitSet) smaller.clone();
        outside.andNot(larger);
        return outside.isEmpty();
    }
}
