package fr.maillon.survey.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which of a survey's figures may be shown outside the structure. An outsider asks for a group of
 * respondents (all waves or one; everyone, or those who gave an answer to a question) and sees how
 * many it holds, per question how many answered and gave each answer, and per number question how
 * many gave a number, their total and mean. Each figure is counted over a set of respondents, and
 * two figures of the same kind (respondents; one question's counts; one number question's totals)
 * tell, by difference, about those in one set and not in the other. A figure is shown only when:
 * <ul>
 * <li>its set holds at least {@code threshold} respondents, or none within a shown group;</li>
 * <li>every larger set of the same kind that an outsider can ask for either is the same set or holds
 * at least {@code threshold} more (complementary suppression: of 6 respondents, 5 said "oui", so
 * the "oui" group's figures are masked, since all minus "oui" would be one person's);</li>
 * <li>where disjoint sets split a larger one (the waves split all waves; the answers to a
 * single-choice question split those who answered it, and split any group once filtered on each of
 * them), the respondents of the larger set left out of the shown parts are none or at least
 * {@code threshold}: otherwise the smallest shown part is masked too.</li>
 * </ul>
 * Decisions depend on the answers only, never on which question was asked first; the structure's own
 * members do not go through this.
 */
public final class Disclosure {

    /**
     * One response as the masking sees it: its wave, the values it gave per question id (choice codes,
     * levels, true/false, a number's text; a question answered is a key), and the questions answered
     * with a number.
     */
    public record Respondent(long waveId, Map<Long, List<String>> values, Set<Long> numbers) {

        public Respondent {
            values = Map.copyOf(values);
            numbers = Set.copyOf(numbers);
        }

        boolean gave(long questionId, String value) {
            List<String> given = values.get(questionId);
            return given != null && given.contains(value);
        }
    }

    /**
     * A question an outsider sees figures of: its values (choice codes, levels 1 to 5, true/false),
     * whether each respondent gives at most one of them, whether it is a number question. Every
     * categorical question seen is also a filter.
     */
    public record Asked(long id, List<String> values, boolean exclusive, boolean number) {

        public Asked {
            values = List.copyOf(values);
        }

        public static Asked number(long id) {
            return new Asked(id, List.of(), false, true);
        }

        public static Asked categorical(long id, List<String> values, boolean exclusive) {
            return new Asked(id, values, exclusive, false);
        }
    }

    /** A group an outsider asks for: one wave or all (null), everyone or those who gave a value to a question. */
    public record Group(@Nullable Long waveId, @Nullable Long questionId, @Nullable String value) {

        public static final Group ALL = new Group(null, null, null);

        public Group {
            if ((questionId == null) != (value == null)) {
                throw new IllegalArgumentException("a filter needs a question and a value");
            }
        }

        Group everyone() {
            return new Group(waveId, null, null);
        }
    }

    /** A kind of figure: the respondents (question 0), one question's answer counts, or one number question's totals. */
    private record Family(long questionId, boolean number) {
    }

    private static final Family RESPONDENTS = new Family(0, false);

    private final List<Respondent> respondents;
    private final int threshold;
    private final List<@Nullable Long> waves = new ArrayList<>();
    private final Map<Long, Asked> questions = new LinkedHashMap<>();
    private final List<Group> groups = new ArrayList<>();
    private final Map<Group, BitSet> bases = new HashMap<>();
    /** Per family, by value ("" for those who answered). */
    private final Map<Family, Map<String, BitSet>> conditions = new HashMap<>();
    private final Map<Family, Set<BitSet>> hidden = new HashMap<>();

    /**
     * @param waveIds the survey's waves
     * @param asked the questions whose figures are shown outside (personal and free-text ones left out)
     * @param threshold the smallest group shown
     */
    public Disclosure(List<Respondent> respondents, List<Long> waveIds, List<Asked> asked, int threshold) {
        this.respondents = List.copyOf(respondents);
        this.threshold = threshold;
        waves.add(null);
        waves.addAll(waveIds);
        asked.forEach(question -> questions.put(question.id(), question));
        for (Long wave : waves) {
            groups.add(new Group(wave, null, null));
            for (Asked filter : filters()) {
                for (String value : filter.values()) {
                    groups.add(new Group(wave, filter.id(), value));
                }
            }
        }
    }

    /** Whether the number of respondents in the group may be shown; also whether anything of it may be. */
    public boolean showsRespondents(Group group) {
        BitSet set = set(RESPONDENTS, group, null);
        if (set.isEmpty()) {
            return !group.equals(Group.ALL)
                    && showsRespondents(group.questionId() != null ? group.everyone() : Group.ALL);
        }
        return !hidden(RESPONDENTS).contains(set);
    }

    /** Whether the count of the group's respondents who answered a question (value null), or gave a value, may be shown. */
    public boolean showsCount(Group group, long questionId, @Nullable String value) {
        Family family = new Family(questionId, false);
        BitSet set = set(family, group, value);
        if (set.isEmpty()) {
            return value == null ? showsRespondents(group) : showsCount(group, questionId, null);
        }
        return !hidden(family).contains(set);
    }

    /** Whether how many of the group gave a number to a question, their total and mean may be shown. */
    public boolean showsNumbers(Group group, long questionId) {
        Family family = new Family(questionId, true);
        BitSet set = set(family, group, null);
        if (set.isEmpty()) {
            return showsRespondents(group);
        }
        return !hidden(family).contains(set);
    }

    private List<Asked> filters() {
        return questions.values().stream().filter(question -> !question.number()).toList();
    }

    /** The group's respondents who are counted by a figure of the family (those who answered, or gave the value). */
    private BitSet set(Family family, Group group, @Nullable String value) {
        BitSet set = (BitSet) base(group).clone();
        if (!family.equals(RESPONDENTS)) {
            set.and(condition(family, value));
        }
        return set;
    }

    /** The respondents who answered the family's question (value null), or gave the value. */
    private BitSet condition(Family family, @Nullable String value) {
        return conditions.computeIfAbsent(family, key -> new HashMap<>()).computeIfAbsent(value == null ? "" : value,
                key -> {
                    BitSet set = new BitSet(respondents.size());
                    for (int index = 0; index < respondents.size(); index++) {
                        Respondent respondent = respondents.get(index);
                        if (family.number() ? respondent.numbers().contains(family.questionId())
                                : value == null ? respondent.values().containsKey(family.questionId())
                                : respondent.gave(family.questionId(), value)) {
                            set.set(index);
                        }
                    }
                    return set;
                });
    }

    private BitSet base(Group group) {
        return bases.computeIfAbsent(group, key -> {
            BitSet set = new BitSet(respondents.size());
            for (int index = 0; index < respondents.size(); index++) {
                Respondent respondent = respondents.get(index);
                if ((key.waveId() == null || key.waveId() == respondent.waveId())
                        && (key.questionId() == null || respondent.gave(key.questionId(), key.value()))) {
                    set.set(index);
                }
            }
            return set;
        });
    }

    /** The family's non-empty sets whose figures are masked, worked out once for every group an outsider can ask for. */
    private Set<BitSet> hidden(Family family) {
        Set<BitSet> known = hidden.get(family);
        if (known != null) {
            return known;
        }
        List<@Nullable String> values = new ArrayList<>();
        values.add(null);
        Asked question = questions.get(family.questionId());
        if (!family.equals(RESPONDENTS) && !family.number() && question != null) {
            values.addAll(question.values());
        }
        Set<BitSet> distinct = new HashSet<>();
        for (Group group : groups) {
            for (String value : values) {
                distinct.add(set(family, group, value));
            }
        }
        Set<BitSet> masked = small(distinct);
        List<Partition> partitions = partitions(family, values, question);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Partition partition : partitions) {
                changed |= partition.complete(masked, threshold);
            }
        }
        hidden.put(family, masked);
        return masked;
    }

    /**
     * Sets under the threshold, and sets that a larger set of the family holds with fewer than
     * threshold others (only sets whose size is that close can, so each set is compared with those).
     */
    private Set<BitSet> small(Set<BitSet> distinct) {
        List<BitSet> bySize = new ArrayList<>(distinct);
        bySize.sort(Comparator.comparingInt(BitSet::cardinality));
        int[] sizes = bySize.stream().mapToInt(BitSet::cardinality).toArray();
        long[][] words = bySize.stream().map(BitSet::toLongArray).toArray(long[][]::new);
        Set<BitSet> masked = new HashSet<>();
        for (int index = 0; index < sizes.length; index++) {
            BitSet set = bySize.get(index);
            int size = sizes[index];
            if (size == 0) {
                continue;
            }
            if (size < threshold) {
                masked.add(set);
                continue;
            }
            for (int other = index + 1; other < sizes.length && sizes[other] < size + threshold; other++) {
                if (sizes[other] > size && within(words[index], words[other])) {
                    masked.add(set);
                    break;
                }
            }
        }
        return masked;
    }

    /** Whether every respondent of a set is in the other; most sets differ in their first words. */
    private static boolean within(long[] set, long[] larger) {
        for (int word = 0; word < set.length; word++) {
            if ((set[word] & ~(word < larger.length ? larger[word] : 0L)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Disjoint parts of a set: what is left of it once the shown parts are taken away can be worked out. */
    private record Partition(BitSet whole, List<BitSet> parts) {

        /** Masks the smallest shown parts until what is left of a shown whole is none or at least the threshold. */
        boolean complete(Set<BitSet> masked, int threshold) {
            if (whole.isEmpty() || masked.contains(whole)) {
                return false;
            }
            boolean changed = false;
            while (true) {
                // the parts are disjoint: only empty ones can be equal
                int left = whole.cardinality();
                BitSet smallest = null;
                int smallestSize = Integer.MAX_VALUE;
                for (BitSet part : parts) {
                    if (part.isEmpty() || masked.contains(part)) {
                        continue;
                    }
                    int size = part.cardinality();
                    left -= size;
                    if (size < smallestSize) {
                        smallest = part;
                        smallestSize = size;
                    }
                }
                if (left == 0 || left >= threshold || smallest == null) {
                    return changed;
                }
                masked.add(smallest);
                changed = true;
            }
        }
    }

    /**
     * The splits an outsider can add up: a group over all waves split by wave; a group split by the
     * answers to a single-choice filter; a single-choice question's answers within a group.
     */
    private List<Partition> partitions(Family family, List<@Nullable String> values, @Nullable Asked question) {
        List<Partition> partitions = new ArrayList<>();
        for (Group group : groups) {
            for (String value : values) {
                if (group.waveId() == null && waves.size() > 2) {
                    List<BitSet> parts = new ArrayList<>();
                    for (Long wave : waves.subList(1, waves.size())) {
                        parts.add(set(family, new Group(wave, group.questionId(), group.value()), value));
                    }
                    partitions.add(new Partition(set(family, group, value), parts));
                }
                if (group.questionId() == null) {
                    for (Asked filter : filters()) {
                        if (filter.exclusive()) {
                            List<BitSet> parts = new ArrayList<>();
                            for (String choice : filter.values()) {
                                parts.add(set(family, new Group(group.waveId(), filter.id(), choice), value));
                            }
                            partitions.add(new Partition(set(family, group, value), parts));
                        }
                    }
                }
            }
            if (question != null && question.exclusive() && !family.number() && !family.equals(RESPONDENTS)) {
                List<BitSet> parts = new ArrayList<>();
                for (String value : question.values()) {
                    parts.add(set(family, group, value));
                }
                partitions.add(new Partition(set(family, group, null), parts));
            }
        }
        return partitions;
    }
}
