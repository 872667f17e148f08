package fr.maillon.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import fr.maillon.exchange.EvaluationDocument.ContributionPart;
import fr.maillon.exchange.EvaluationDocument.ReportPart;
import fr.maillon.exchange.EvaluationDocument.VersionPart;
import fr.maillon.restitution.Contribution;
import fr.maillon.restitution.ContributionDraft;
import fr.maillon.restitution.ContributionService;
import fr.maillon.restitution.ReportArchive;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportService;
import fr.maillon.web.Problems;
import fr.maillon.web.Problems.ApiError;
import fr.maillon.web.RuleViolationException;

/**
 * The restitution's part of the exchange format: the contribution analyses, and the reports with
 * their finalised versions, which are carried as they were shown, never drawn up again.
 */
@Component
class RestitutionExchange {

    private final ContributionService contributions;
    private final ReportService reports;
    private final JsonMapper mapper;
    private final MessageSource messages;

    RestitutionExchange(ContributionService contributions, ReportService reports, JsonMapper mapper,
            MessageSource messages) {
        this.contributions = contributions;
        this.reports = reports;
        this.mapper = mapper;
        this.messages = messages;
    }

    @Nullable
    List<ContributionPart> exportContributions(long evaluationId, Map<Long, String> elementRefs) {
        List<ContributionPart> parts = contributions.contributions(evaluationId).stream().filter(Contribution::written)
                .map(contribution -> new ContributionPart(elementRefs.get(contribution.effect().id()),
                        contribution.claim(), contribution.otherFactors(), contribution.strength(),
                        contribution.strengthReason())).toList();
        return parts.isEmpty() ? null : parts;
    }

    /** The reports; a version's content leaves without its report's id, which the importing instance gives. */
    @Nullable
    List<ReportPart> exportReports(long evaluationId) {
        List<ReportPart> parts = reports.archives(evaluationId).stream().map(archive -> new ReportPart(
                archive.audience(), archive.title(), archive.narratives(), archive.versions().stream().map(frozen -> {
                    ObjectNode content = mapper.valueToTree(frozen.content());
                    content.remove("reportId");
                    return new VersionPart(frozen.version(), frozen.finalisedAt(), content);
                }).toList())).toList();
        return parts.isEmpty() ? null : parts;
    }

    /** Writes through the restitution's services, so that their rules apply; the effects' refs are checked already. */
    void write(long evaluationId, @Nullable List<ContributionPart> contributionParts,
            @Nullable List<ReportPart> reportParts, Map<String, Long> elementIds, List<ApiError> errors) {
        List<ContributionPart> written = contributionParts == null ? List.of() : contributionParts;
        for (int i = 0; i < written.size(); i++) {
            ContributionPart part = written.get(i);
            String path = "$.contributions[" + i + "]";
            long effect = elementIds.get(part.effect());
            attempt(path, errors, () -> contributions.save(evaluationId, effect, new ContributionDraft(part.claim(),
                    part.otherFactors(), part.strength(), part.strengthReason())));
        }
        List<ReportPart> parts = reportParts == null ? List.of() : reportParts;
        for (int i = 0; i < parts.size(); i++) {
            ReportPart part = parts.get(i);
            String path = "$.reports[" + i + "]";
            List<ReportArchive.Frozen> versions = new ArrayList<>();
            List<VersionPart> versionParts = part.versions() == null ? List.of() : part.versions();
            for (int j = 0; j < versionParts.size(); j++) {
                VersionPart version = versionParts.get(j);
                ObjectNode content = (ObjectNode) version.content().deepCopy();
                content.put("reportId", 0);
                try {
                    versions.add(new ReportArchive.Frozen(version.version(), version.finalisedAt(),
                            mapper.treeToValue(content, ReportContent.class)));
                }
                catch (JacksonException ex) {
                    errors.add(new ApiError(path + ".versions[" + j + "].content" + Problems.jsonPath(ex.getPath())
                            .substring(1), message("exchange.unreadable")));
                }
            }
            if (versions.size() == versionParts.size()) {
                ReportArchive archive = new ReportArchive(part.audience(), part.title(),
                        part.narratives() == null ? Map.of() : part.narratives(), versions);
                attempt(path, errors, () -> reports.restore(evaluationId, archive));
            }
        }
    }

    private void attempt(String path, List<ApiError> errors, Runnable action) {
        try {
            action.run();
        }
        catch (RuleViolationException ex) {
            ex.violations().forEach(violation -> errors.add(new ApiError(violation.field().isEmpty() ? path
                    : path + "." + violation.field(), messages.getMessage(violation.code(), violation.arguments(),
                            LocaleContextHolder.getLocale()))));
        }
    }

    private String message(String code) {
        return messages.getMessage(code, null, code, LocaleContextHolder.getLocale());
    }
}
