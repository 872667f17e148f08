package fr.maillon.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A survey with its sections, questions (in order) and waves; one that {@code followsRespondents}
 * asks for a personal code that links a person's answers from one wave to the next.
 */
public record Survey(long id, long structureId, long evaluationId, String title, @Nullable String titleEn,
        @Nullable String introduction, Audience audience, @Nullable String consentText, List<Section> sections,
        List<Question> questions, List<Wave> waves, int version,
        boolean followsRespondents) {

    public Survey {
        sections = List.copyOf(sections);
        questions = List.copyOf(questions);
        waves = List.copyOf(waves);
    }

    public String title(Locale locale) {
        return "en".equals(locale.getLanguage()) && titleEn != null ? titleEn : title;
    }

    public Optional<Question> question(long questionId) {
        return questions.stream().filter(question -> question.id() == questionId).findFirst();
    }

    public Optional<Wave> wave(long waveId) {
        return waves.stream().filter(wave -> wave.id() == waveId).findFirst();
    }

    /** Whether a question asks for personal data, so that answering needs consent first. */
    public boolean asksPersonalData() {
        return questions.stream().anyMatch(Question::personalData);
    }

    /** Questions grouped as they are shown: those outside any section first, then each section's. */
    public record Group(@Nullable Section section, List<Question> questions) {
    }

    public List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        groups.add(new Group(null, questions(null)));
        sections.forEach(section -> groups.add(new Group(section, questions(section.id()))));
        return groups.stream().filter(group -> !group.questions().isEmpty()).toList();
    }

    /** The questions of a section (null: those outside any section), in order. */
    public List<Question> questions(@Nullable Long sectionId) {
        return questions.stream().filter(question -> sectionId == null ? question.sectionId() == null
                : sectionId.equals(question.sectionId())).toList();
    }
}
