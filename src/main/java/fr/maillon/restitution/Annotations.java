package fr.maillon.restitution;

import java.util.List;

/**
 * The annotations of an evaluation as the caller reads them: all of them for the structure's
 * members, her organisations' only for a network member; what she may comment on; whether she
 * may write one (a network member) or answer (the structure's editors); the organisations she may
 * sign one for (her networks the evaluation is shared with: she chooses when there are several).
 */
public record Annotations(long evaluationId, long structureId, String evaluationTitle, List<Annotation> annotations,
        List<Choice> targets, boolean canAnnotate, boolean canAnswer, List<Author> authors) {

    public Annotations {
        annotations = List.copyOf(annotations);
        targets = List.copyOf(targets);
        authors = List.copyOf(authors);
    }

    /** A network the caller may sign an annotation for. */
    public record Author(long id, String name) {
    }

    /** Something to comment on: its kind, its id and its name. */
    public record Choice(AnnotationTarget kind, long id, String name) {

        /** Its value in the form: {@code REPORT-12}. */
        public String key() {
            return kind.name() + "-" + id;
        }
    }

    public long open() {
        return annotations.stream().filter(Annotation::open).count();
    }

    public List<Annotation> on(AnnotationTarget kind, long id) {
        return annotations.stream().filter(annotation -> annotation.targetKind() == kind && annotation.targetId() == id)
                .toList();
    }
}
