package fr.maillon.restitution;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** The review of a report: who was asked, what they said per section with the answers, and the share links. */
public final class Review {

    private Review() {
    }

    /** A person asked to review, by a link valid until the end of {@code expiresOn} (in the configured zone). */
    public record Reviewer(long id, String name, Instant createdAt, boolean revoked, LocalDate expiresOn) {

        public boolean expired(LocalDate today) {
            return expiresOn.isBefore(today);
        }
    }

    /** An opinion on a section, with the authors' answer, who gave it (her name, if still known) and when. */
    public record Comment(long id, String reviewer, ReportAudience.Section section, Opinion opinion,
            @Nullable String text, Instant createdAt, @Nullable String answer, @Nullable String answeredBy,
            @Nullable Instant answeredAt) {

        /** A "pas d'accord" the authors have not answered yet: finalising waits for a written answer. */
        public boolean unansweredDisagreement() {
            return opinion == Opinion.DISAGREE && answer == null;
        }
    }

    public record Share(long id, int version, LocalDate expiresOn, boolean revoked, Instant createdAt) {

        public boolean live(LocalDate today) {
            return !revoked && !expiresOn.isBefore(today);
        }
    }

    /** What a share link shows: a finalised version, with its mark if it was imported. */
    public record Shared(ReportContent content, @Nullable ImportMark importMark) {
    }

    /** What a reviewer's link opens: the draft as it was when the link was made, and their comments. */
    public record Page(long reportId, Reviewer reviewer, ReportContent content, java.util.List<Comment> comments,
            int finalVersion) {
    }
}
