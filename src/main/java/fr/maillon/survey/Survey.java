package fr.maillon.survey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A survey with its sections, questions and waves. Questions and sections share one order within
 * their parent section (or the survey itself): {@link #items()} is the questionnaire as shown, and
 * {@link #questions()} its questions in that order (a question placed between two sections stays
 * there). One that {@code followsRespondents} asks for a personal code that links a person's
 * answers from one wave to the next.
 */
public record Survey(long id, long structureId, long evaluationId, String title, @Nullable String titleEn,
        @Nullable String introduction, Audience audience, @Nullable String consentText, List<Section> sections,
        List<Question> questions, List<Wave> waves, int version,
        boolean followsRespondents) {

    public Survey {
        sections = List.copyOf(sections);
        waves = List.copyOf(waves);
        List<Question> ordered = new ArrayList<>();
        walk(tree(sections, questions), ordered);
        questions = List.copyOf(ordered);
    }

    public String title(Locale locale) {
        return "en".equals(locale.getLanguage()) && titleEn != null ? titleEn : title;
    }

    public Optional<Question> question(long questionId) {
        return questions.stream().filter(question -> question.id() == questionId).findFirst();
    }

    public Optional<Question> question(String code) {
        return questions.stream().filter(question -> question.code().equals(code)).findFirst();
    }

    public Optional<Section> section(long sectionId) {
        return sections.stream().filter(section -> section.id() == sectionId).findFirst();
    }

    public Optional<Wave> wave(long waveId) {
        return waves.stream().filter(wave -> wave.id() == waveId).findFirst();
    }

    /** Whether a question asks for personal data, so that answering needs consent first. */
    public boolean asksPersonalData() {
        return questions.stream().anyMatch(Question::personalData);
    }

    /** A section with what it holds, or a question: the questionnaire as shown. */
    public sealed interface Item permits SectionItem, QuestionItem {

        default boolean holdsItems() {
            return this instanceof SectionItem;
        }
    }

    public record SectionItem(Section section, List<Item> items) implements Item {

        public SectionItem {
            items = List.copyOf(items);
        }

        /** Its questions, nested sections' included, in order. */
        public List<Question> questions() {
            List<Question> found = new ArrayList<>();
            walk(items, found);
            return found;
        }
    }

    public record QuestionItem(Question question) implements Item {
    }

    /** The questionnaire as shown: questions and sections in their order, sections holding theirs. */
    public List<Item> items() {
        return tree(sections, questions);
    }

    /** A section and its parents, nearest first (none for null). */
    public List<Section> ancestors(@Nullable Long sectionId) {
        Map<Long, Section> byId = new HashMap<>();
        sections.forEach(section -> byId.put(section.id(), section));
        List<Section> chain = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Long id = sectionId; id != null && seen.add(id) && byId.containsKey(id); id = byId.get(id).parentId()) {
            chain.add(byId.get(id));
        }
        return chain;
    }

    /** Questions grouped by section, for lists that show one level (the builder's, results). */
    public record Group(@Nullable Section section, List<Question> questions) {
    }

    /**
     * The questions as consecutive runs sharing a section, in order: a question between two
     * sections makes its own run.
     */
    public List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        Long current = null;
        List<Question> run = new ArrayList<>();
        for (Question question : questions) {
            if (!run.isEmpty() && !java.util.Objects.equals(current, question.sectionId())) {
                groups.add(new Group(current == null ? null : section(current).orElse(null), run));
                run = new ArrayList<>();
            }
            current = question.sectionId();
            run.add(question);
        }
        if (!run.isEmpty()) {
            groups.add(new Group(current == null ? null : section(current).orElse(null), run));
        }
        return groups;
    }

    /** The questions of a section (null: those outside any section), in order. */
    public List<Question> questions(@Nullable Long sectionId) {
        return questions.stream().filter(question -> sectionId == null ? question.sectionId() == null
                : sectionId.equals(question.sectionId())).toList();
    }

    private record Placed(int position, long id, Item item) {
    }

    private static List<Item> tree(List<Section> sections, List<Question> questions) {
        Map<Long, Section> byId = new HashMap<>();
        sections.forEach(section -> byId.put(section.id(), section));
        Map<Long, List<Placed>> children = new HashMap<>();
        Map<Long, Long> parents = new HashMap<>();
        for (Section section : sections) {
            parents.put(section.id(), attached(section, byId) ? section.parentId() : 0L);
        }
        for (Question question : questions) {
            long parent = question.sectionId() != null && byId.containsKey(question.sectionId()) ? question.sectionId()
                    : 0L;
            children.computeIfAbsent(parent, key -> new ArrayList<>())
                    .add(new Placed(question.position(), question.id(), new QuestionItem(question)));
        }
        return build(0L, children, sections, parents);
    }

    /** Whether a section hangs under a known parent without a cycle. */
    private static boolean attached(Section section, Map<Long, Section> byId) {
        Set<Long> seen = new HashSet<>();
        seen.add(section.id());
        for (Long parent = section.parentId(); parent != null; parent = byId.get(parent).parentId()) {
            if (!byId.containsKey(parent) || !seen.add(parent)) {
                return false;
            }
        }
        return section.parentId() != null;
    }

    private static List<Item> build(long container, Map<Long, List<Placed>> children, List<Section> sections,
            Map<Long, Long> parents) {
        List<Placed> placed = new ArrayList<>(children.getOrDefault(container, List.of()));
        for (Section section : sections) {
            if (parents.get(section.id()) == container) {
                placed.add(new Placed(section.position(), -section.id(),
                        new SectionItem(section, build(section.id(), children, sections, parents))));
            }
        }
        placed.sort(Comparator.comparingInt(Placed::position).thenComparingLong(Placed::id));
        return placed.stream().map(Placed::item).toList();
    }

    private static void walk(List<Item> items, List<Question> found) {
        for (Item item : items) {
            if (item instanceof QuestionItem question) {
                found.add(question.question());
            }
            else {
                walk(((SectionItem) item).items(), found);
            }
        }
    }
}
