package fr.maillon.restitution;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import fr.maillon.account.Secrets;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.internal.ReviewRepository;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/**
 * Stakeholders review a draft through a link made for them by name: they read the draft as it was
 * then, and agree, disagree or comment, section by section; the authors answer, then finalise.
 * A finalised version can be shared by a read-only link, until its expiry date or until revoked.
 * Only the SHA-256 of each link's token is kept: a link is shown once, when it is made.
 */
@Service
public class ReviewService {

    /** A review link lasts this long unless its maker chooses otherwise (at most {@link #LONGEST_REVIEW_DAYS}). */
    public static final int DEFAULT_REVIEW_DAYS = 30;
    static final int LONGEST_REVIEW_DAYS = 366;

    /** A reviewer says at most this much: a link is not a forum. */
    static final int MAX_COMMENTS = 100;

    private final ReportService reports;
    private final AccessPolicy access;
    private final ReviewRepository reviews;
    private final JsonMapper json;
    /** Review and share links expire at the end of their day in the configured zone. */
    private final Clock clock;

    ReviewService(ReportService reports, AccessPolicy access, ReviewRepository reviews, JsonMapper json, Clock clock) {
        this.reports = reports;
        this.access = access;
        this.reviews = reviews;
        this.json = json;
        this.clock = clock;
    }

    /** Makes a review link for a named person, with the draft as it is now, valid for 30 days; gives its token. */
    @Transactional
    public String invite(long reportId, @Nullable String name) {
        return invite(reportId, name, null);
    }

    /**
     * Makes a review link for a named person, with the draft as it is now, valid until the end of
     * {@code expiresOn} (null: {@value #DEFAULT_REVIEW_DAYS} days from today); gives its token.
     */
    @Transactional
    public String invite(long reportId, @Nullable String name, @Nullable LocalDate expiresOn) {
        Report report = editable(reportId);
        String text = name == null ? "" : name.strip();
        if (text.isEmpty() || text.length() > 120 || Texts.hasControlCharacters(text)) {
            throw new RuleViolationException("name", "restitution.review.name.invalid");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate lastDay = expiresOn == null ? defaultReviewExpiry() : expiresOn;
        if (lastDay.isBefore(today) || lastDay.isAfter(today.plusDays(LONGEST_REVIEW_DAYS))) {
            throw new RuleViolationException("expiresOn", "restitution.review.expiry");
        }
        String token = Secrets.newSecret("rv_");
        reviews.invite(report.structureId(), reportId, text, Secrets.sha256(token),
                json.writeValueAsString(reports.content(reportId, 0)), lastDay, clock.instant());
        return token;
    }

    /** The last day of a review link made today, unless its maker chooses another. */
    public LocalDate defaultReviewExpiry() {
        return LocalDate.now(clock).plusDays(DEFAULT_REVIEW_DAYS);
    }

    /** Today, in the configured zone: links are valid until the end of their last day. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    @Transactional
    public void revokeReviewer(long reportId, long reviewerId) {
        Report report = editable(reportId);
        if (!reviews.revokeReviewer(report.structureId(), reportId, reviewerId, clock.instant())) {
            throw new NotFoundException("restitution.report.notFound", reviewerId);
        }
    }

    /** Those asked to review, for the structure's members (others see none). */
    public List<Review.Reviewer> reviewers(long reportId) {
        Report report = reports.report(reportId);
        return reports.isMember(report) ? reviews.reviewers(report.structureId(), reportId) : List.of();
    }

    public List<Review.Comment> comments(long reportId) {
        Report report = reports.report(reportId);
        return reports.isMember(report) ? reviews.comments(report.structureId(), reportId, null) : List.of();
    }

    /** What a review link opens; a revoked or unknown link is not found, an expired one is gone. */
    public Review.Page page(String token) {
        ReviewRepository.ReviewerRow reviewer = reviewer(token);
        Report report = reports.reportUnchecked(reviewer.reportId());
        return new Review.Page(reviewer.reportId(), new Review.Reviewer(reviewer.id(), reviewer.name(),
                reviewer.createdAt(), false, reviewer.expiresOn()), json.readValue(reviewer.content(), ReportContent.class),
                reviews.comments(reviewer.structureId(), reviewer.reportId(), reviewer.id()), report.lastVersion());
    }

    /** A reviewer's opinion on a section, with an optional comment. */
    @Transactional
    public void comment(String token, ReportAudience.@Nullable Section section, @Nullable Opinion opinion,
            @Nullable String text) {
        ReviewRepository.ReviewerRow reviewer = reviewer(token);
        ReportContent content = json.readValue(reviewer.content(), ReportContent.class);
        if (section == null || !content.audience().sections().contains(section)) {
            throw new RuleViolationException("section", "restitution.review.section");
        }
        if (opinion == null) {
            throw new RuleViolationException("opinion", "restitution.review.opinion");
        }
        Report report = reports.reportUnchecked(reviewer.reportId());
        if (report.versions().stream().anyMatch(version -> version.finalisedAt().isAfter(reviewer.createdAt()))) {
            throw new RuleViolationException("", "restitution.review.closed");
        }
        if (reviews.comments(reviewer.structureId(), reviewer.reportId(), reviewer.id()).size() >= MAX_COMMENTS) {
            throw new RuleViolationException("", "restitution.review.tooMany");
        }
        String clean = text == null || text.isBlank() ? null : text.strip();
        if (clean != null && (clean.length() > 4000 || Texts.hasControlCharacters(clean))) {
            throw new RuleViolationException("text", "restitution.text.invalid", 4000);
        }
        if (clean == null && opinion == Opinion.COMMENT) {
            throw new RuleViolationException("text", "restitution.review.text.required");
        }
        reviews.comment(reviewer.structureId(), reviewer.reportId(), reviewer.id(), section.name(), opinion, clean);
    }

    @Transactional
    public void answer(long reportId, long commentId, @Nullable String answer) {
        Report report = editable(reportId);
        String clean = answer == null ? "" : answer.strip();
        if (clean.isEmpty() || clean.length() > 4000 || Texts.hasControlCharacters(clean)) {
            throw new RuleViolationException("answer", "restitution.text.invalid", 4000);
        }
        if (!reviews.answer(report.structureId(), reportId, commentId, clean, access.currentUserId(), clock.instant())) {
            throw new NotFoundException("restitution.report.notFound", commentId);
        }
    }

    // --- share links --------------------------------------------------------------------------

    /** A read-only link to a finalised version, until the end of its expiry day; gives its token. */
    @Transactional
    public String share(long reportId, int version, @Nullable LocalDate expiresOn) {
        Report report = editable(reportId);
        if (report.versions().stream().noneMatch(candidate -> candidate.version() == version)) {
            throw new RuleViolationException("version", "restitution.share.version");
        }
        LocalDate today = LocalDate.now(clock);
        if (expiresOn == null || expiresOn.isBefore(today) || expiresOn.isAfter(today.plusYears(2))) {
            throw new RuleViolationException("expiresOn", "restitution.share.expiry");
        }
        String token = Secrets.newSecret("rp_");
        reviews.share(report.structureId(), reportId, version, Secrets.sha256(token), expiresOn,
                access.currentUserId());
        return token;
    }

    public List<Review.Share> shares(long reportId) {
        Report report = reports.report(reportId);
        return reports.isMember(report) ? reviews.shares(report.structureId(), reportId) : List.of();
    }

    @Transactional
    public void revokeShare(long reportId, long shareId) {
        Report report = editable(reportId);
        if (!reviews.revokeShare(report.structureId(), reportId, shareId, clock.instant())) {
            throw new NotFoundException("restitution.report.notFound", shareId);
        }
    }

    /** The finalised version a share link shows, marked if imported; a revoked, expired or unknown link is not found. */
    public Review.Shared shared(String token) {
        ReviewRepository.ShareRow share = token.matches("rp_[A-Za-z0-9_-]{20,60}")
                ? reviews.share(Secrets.sha256(token)).orElse(null) : null;
        if (share == null || share.revoked() || share.expiresOn().isBefore(LocalDate.now(clock))) {
            throw new NotFoundException("restitution.share.notFound", "");
        }
        ReportContent content = reports.versionUnchecked(share.structureId(), share.reportId(), share.version());
        return new Review.Shared(content, reports.importMark(reports.reportUnchecked(share.reportId()), content));
    }

    private ReviewRepository.ReviewerRow reviewer(String token) {
        ReviewRepository.ReviewerRow reviewer = token.matches("rv_[A-Za-z0-9_-]{20,60}")
                ? reviews.reviewer(Secrets.sha256(token)).orElse(null) : null;
        if (reviewer == null || reviewer.revoked()) {
            throw new NotFoundException("restitution.review.notFound", "");
        }
        if (reviewer.expiresOn().isBefore(LocalDate.now(clock))) {
            throw new ReviewLinkExpiredException(reviewer.expiresOn());
        }
        return reviewer;
    }

    private Report editable(long reportId) {
        Report report = reports.report(reportId);
        access.requireStructureRole(report.structureId(), Role.STRUCTURE_EDITOR);
        return report;
    }
}
