package fr.maillon.restitution;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import fr.maillon.organisation.AccessPolicy;
import fr.maillon.restitution.internal.ReviewRepository;
import fr.maillon.web.RuleViolationException;

/**
 * What finalising checks and what it keeps. A draft is ready when no section's text is a
 * placeholder ("À écrire…", "TODO", "[à compléter]") and every "pas d'accord" of a stakeholder has a
 * written answer; a section with nothing to show (no text of the authors, nothing from the data) is
 * listed too, and a finalised version leaves it out instead of printing its heading alone. The
 * version keeps what the stakeholders said of the draft, with the answers: its review trail.
 */
@Service
public class ReportChecks {

    /** What stands between the draft and its finalised version. */
    public record Checklist(List<ReportAudience.Section> empty, List<Placeholder> placeholders,
            List<Review.Comment> unanswered, List<String> unjudged) {

        public Checklist {
            empty = List.copyOf(empty);
            placeholders = List.copyOf(placeholders);
            unanswered = List.copyOf(unanswered);
            unjudged = List.copyOf(unjudged);
        }

        /** Nothing blocks finalising (empty sections are left out of the version). */
        public boolean ready() {
            return placeholders.isEmpty() && unanswered.isEmpty();
        }

        /** Nothing to point out at all. */
        public boolean clear() {
            return ready() && empty.isEmpty() && unjudged.isEmpty();
        }
    }

    /** A section whose text is a placeholder, with the words that make it one. */
    public record Placeholder(ReportAudience.Section section, String words) {
    }

    /** Words that stand for a text still to write, in the accent-free lower case of {@link #plain}. */
    private static final List<Pattern> PLACEHOLDERS = List.of(
            Pattern.compile("^(a ecrire|a completer|a rediger|a preciser|a remplir|texte a venir"
                    + "|en cours de redaction|texte provisoire)\\b.*", Pattern.DOTALL),
            Pattern.compile(".*\\b(todo|tbd|fixme|lorem ipsum)\\b.*", Pattern.DOTALL),
            Pattern.compile(".*(^|\\s)xxx+($|\\s|[.,;:!?]).*", Pattern.DOTALL),
            Pattern.compile(".*[\\[(<]\\s*(a ecrire|a completer|a rediger|a preciser|a remplir)[^\\])>]{0,40}[\\])>].*",
                    Pattern.DOTALL),
            Pattern.compile("^[\\s.\u2026_\\-?!]*$"));

    private final ReviewRepository reviews;
    private final AccessPolicy access;
    private final MessageSource messages;

    ReportChecks(ReviewRepository reviews, AccessPolicy access, MessageSource messages) {
        this.reviews = reviews;
        this.access = access;
        this.messages = messages;
    }

    /** The draft's checklist, for the structure's members (others see an empty one). */
    public Checklist checklist(Report report, ReportContent draft) {
        if (!access.isMember(report.structureId())) {
            return new Checklist(List.of(), List.of(), List.of(), List.of());
        }
        List<ReportAudience.Section> empty = new ArrayList<>();
        List<Placeholder> placeholders = new ArrayList<>();
        for (ReportAudience.Section section : draft.audience().sections()) {
            String narrative = draft.narrative(section);
            String words = narrative == null ? null : placeholder(narrative);
            if (words != null) {
                placeholders.add(new Placeholder(section, words));
            }
            // an evaluation may build its chain without workshops: their section is left out unasked
            else if (empty(draft, section) && section != ReportAudience.Section.WORKSHOPS) {
                empty.add(section);
            }
        }
        // the questions a report answers with no verdict yet: printed « pas encore de jugement »
        List<String> unjudged = draft.has(ReportAudience.Section.RESULTS) ? draft.questions().stream()
                .filter(question -> question.verdict() == null).map(ReportContent.QuestionBlock::text).toList()
                : List.of();
        return new Checklist(empty, placeholders, comments(report).stream()
                .filter(Review.Comment::unansweredDisagreement).toList(), unjudged);
    }

    /**
     * The content of the version about to be finalised, with its review trail; refused, naming each
     * placeholder and each unanswered disagreement, when the draft is not ready.
     */
    ReportContent finalisable(Report report, ReportContent content) {
        Checklist checklist = checklist(report, content);
        if (!checklist.ready()) {
            List<RuleViolationException.Violation> violations = new ArrayList<>();
            for (Placeholder placeholder : checklist.placeholders()) {
                violations.add(new RuleViolationException.Violation("narratives." + placeholder.section(),
                        "restitution.finalise.placeholder", section(placeholder.section()), placeholder.words()));
            }
            for (Review.Comment comment : checklist.unanswered()) {
                violations.add(new RuleViolationException.Violation("comments." + comment.id(),
                        "restitution.finalise.unanswered", comment.reviewer(), section(comment.section())));
            }
            throw new RuleViolationException(violations);
        }
        return content.withReviewTrail(comments(report).stream().map(comment -> new ReportContent.ReviewLine(
                comment.reviewer(), section(comment.section()), comment.opinion(), comment.text(),
                comment.createdAt(), comment.answer(), comment.answeredBy(), comment.answeredAt())).toList());
    }

    /** The comments on the draft the next version freezes: those of links made since the last version. */
    private List<Review.Comment> comments(Report report) {
        Instant since = report.versions().isEmpty() ? null
                : report.versions().get(report.versions().size() - 1).finalisedAt();
        return reviews.commentsSince(report.structureId(), report.id(), since);
    }

    private String section(ReportAudience.Section section) {
        return messages.getMessage("restitution.section." + section, null, section.name(), Locale.FRENCH);
    }

    /** The words of a text that make it a placeholder, or null when it is a real text. */
    public static @Nullable String placeholder(String text) {
        String plain = plain(text);
        if (plain.isEmpty()) {
            return null;
        }
        for (Pattern pattern : PLACEHOLDERS) {
            if (pattern.matcher(plain).matches()) {
                String excerpt = text.strip().replaceAll("\\s+", " ");
                return excerpt.length() > 60 ? excerpt.substring(0, 59) + "\u2026" : excerpt;
            }
        }
        return null;
    }

    private static String plain(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    }

    /**
     * Whether a section has nothing to show: no text of the authors, and nothing from the data. A
     * finalised version does not print it.
     */
    public static boolean empty(ReportContent content, ReportAudience.Section section) {
        String narrative = content.narrative(section);
        if (narrative != null && !narrative.isBlank()) {
            return false;
        }
        return switch (section) {
            case SYNTHESIS, CONTEXT -> false;
            case CHAIN -> content.chain().resources() + content.chain().activities() + content.chain().outputs()
                    + content.chain().effects() == 0;
            case FRAMEWORK -> content.objectives().isEmpty() && content.questions().isEmpty();
            case RESULTS -> content.questions().isEmpty() && content.indicators().isEmpty();
            case BALANCES -> content.balances().isEmpty();
            case RENEWAL -> content.renewal().isEmpty() && content.support().isEmpty();
            case SURVEYS -> content.surveys().isEmpty();
            case CONTRIBUTION -> content.contributions().stream().allMatch(block -> block.claim() == null);
            case TESTIMONIES -> content.testimonies().isEmpty();
            case CHANGES -> true;
            case WORKSHOPS -> content.workshops().isEmpty();
        };
    }
}
