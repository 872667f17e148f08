package fr.maillon.exchange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import fr.maillon.evidence.Evidence;
import fr.maillon.evidence.EvidenceService;
import fr.maillon.exchange.EvaluationDocument.ContributionPart;
import fr.maillon.exchange.EvaluationDocument.QuestionPart;
import fr.maillon.exchange.EvaluationDocument.ReportPart;
import fr.maillon.exchange.EvaluationDocument.SurveyPart;
import fr.maillon.exchange.EvaluationDocument.VerdictEvidencePart;
import fr.maillon.exchange.EvaluationDocument.VerdictPart;
import fr.maillon.exchange.EvaluationDocument.VersionPart;
import fr.maillon.exchange.EvaluationDocument.WavePart;
import fr.maillon.framework.EvaluativeQuestion;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.restitution.Contribution;
import fr.maillon.restitution.ContributionDraft;
import fr.maillon.restitution.ContributionService;
import fr.maillon.restitution.QuestionVerdict;
import fr.maillon.restitution.ReportArchive;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportService;
import fr.maillon.restitution.VerdictDraft;
import fr.maillon.restitution.VerdictEvidence;
import fr.maillon.restitution.VerdictEvidenceKind;
import fr.maillon.restitution.VerdictService;
import fr.maillon.survey.Question;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyService;
import fr.maillon.web.Problems;
import fr.maillon.web.Problems.ApiError;
import fr.maillon.web.RuleViolationException;

/**
 * The restitution's part of the exchange format: the contribution analyses, the verdicts of the
 * evaluative questions (version 2), and the reports with their finalised versions, which are
 * carried as they were shown, never drawn up again.
 */
@Component
class RestitutionExchange {

    private final ContributionService contributions;
    private final ReportService reports;
    private final VerdictService verdicts;
    private final ObjectiveService objectives;
    private final FrameworkService framework;
    private final SurveyService surveys;
    private final EvidenceService evidence;
    private final JsonMapper mapper;
    private final MessageSource messages;

    RestitutionExchange(ContributionService contributions, ReportService reports, VerdictService verdicts,
            ObjectiveService objectives, FrameworkService framework, SurveyService surveys, EvidenceService evidence,
            JsonMapper mapper, MessageSource messages) {
        this.verdicts = verdicts;
        this.objectives = objectives;
        this.framework = framework;
        this.surveys = surveys;
        this.evidence = evidence;
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

    // --- verdicts (version 2) ------------------------------------------------------------------

    /**
     * The verdicts written, by question ref ({@code q-1…}, as the framework's export names them);
     * their evidence by indicator code, survey place and question code and wave ref, testimony
     * place in the exported evidence, and effect ref.
     */
    @Nullable
    List<VerdictPart> exportVerdicts(long evaluationId, Map<Long, String> elementRefs) {
        List<QuestionVerdict> written = verdicts.verdicts(evaluationId).stream()
                .filter(QuestionVerdict::answered).toList();
        if (written.isEmpty()) {
            return null;
        }
        List<EvaluativeQuestion> questions = objectives.overview(evaluationId).questions();
        Map<Long, String> questionRefs = new HashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            questionRefs.put(questions.get(i).id(), "q-" + (i + 1));
        }
        Map<Long, String> indicatorCodes = new HashMap<>();
        framework.indicators(evaluationId).forEach(indicator -> indicatorCodes.put(indicator.id(), indicator.code()));
        Map<Long, Integer> surveyOfQuestion = new HashMap<>();
        Map<Long, String> questionCodes = new HashMap<>();
        Map<Long, String> waveRefs = new HashMap<>();
        List<Survey> list = surveys.surveys(evaluationId);
        for (int i = 0; i < list.size(); i++) {
            Survey survey = list.get(i);
            for (Question question : survey.questions()) {
                surveyOfQuestion.put(question.id(), i);
                questionCodes.put(question.id(), question.code());
            }
            for (int j = 0; j < survey.waves().size(); j++) {
                waveRefs.put(survey.waves().get(j).id(), "w-" + (j + 1));
            }
        }
        Map<Long, Integer> testimonies = new HashMap<>();
        List<Evidence> items = evidence.evidence(evaluationId);
        for (int i = 0; i < items.size(); i++) {
            testimonies.put(items.get(i).id(), i);
        }
        return written.stream().map(verdict -> new VerdictPart(questionRefs.get(verdict.questionId()),
                verdict.verdict(), verdict.argument(), verdict.evidence().stream().map(cited -> switch (cited.kind()) {
                    case INDICATOR -> new VerdictEvidencePart(cited.kind(), indicatorCodes.get(cited.id()), null, null,
                            null, null, null);
                    case SURVEY_QUESTION -> new VerdictEvidencePart(cited.kind(), null, surveyOfQuestion.get(cited.id()),
                            questionCodes.get(cited.id()), cited.waveId() == null ? null : waveRefs.get(cited.waveId()),
                            null, null);
                    case TESTIMONY -> new VerdictEvidencePart(cited.kind(), null, null, null, null,
                            testimonies.get(cited.id()), null);
                    case CONTRIBUTION -> new VerdictEvidencePart(cited.kind(), null, null, null, null, null,
                            elementRefs.get(cited.id()));
                }).filter(RestitutionExchange::named).toList(), verdict.plainMessage())).toList();
    }

    /**
     * Writes the verdicts through their service, so that its rules apply, once the framework,
     * surveys, evidence and contribution analyses are written: refs lead to what the document
     * created ({@code evidenceIds}: the id of each of its evidence parts, in order).
     */
    void writeVerdicts(long evaluationId, EvaluationDocument document, Map<String, Long> elementIds,
            List<@Nullable Long> evidenceIds, List<ApiError> errors) {
        List<VerdictPart> parts = document.verdicts() == null ? List.of() : document.verdicts();
        if (parts.isEmpty()) {
            return;
        }
        Map<String, Long> questionIds = new HashMap<>();
        List<QuestionPart> questionParts = document.framework() == null ? List.of() : document.framework().questions();
        List<EvaluativeQuestion> questions = objectives.overview(evaluationId).questions();
        for (int i = 0; i < questionParts.size() && questionParts.size() == questions.size(); i++) {
            questionIds.put(questionParts.get(i).ref(), questions.get(i).id());
        }
        Map<String, Long> indicatorIds = new HashMap<>();
        framework.indicators(evaluationId).forEach(indicator -> indicatorIds.put(indicator.code(), indicator.id()));
        List<Survey> surveyList = surveys.surveys(evaluationId);
        List<SurveyPart> surveyParts = document.surveys() == null ? List.of() : document.surveys();
        Set<String> judged = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            VerdictPart part = parts.get(i);
            String path = "$.verdicts[" + i + "]";
            Long question = questionIds.get(part.question());
            if (question == null) {
                errors.add(new ApiError(path + ".question", message("exchange.ref.question", part.question())));
                continue;
            }
            if (!judged.add(part.question())) {
                errors.add(new ApiError(path + ".question", message("exchange.ref.duplicate")));
                continue;
            }
            List<VerdictEvidencePart> cited = part.evidence() == null ? List.of() : part.evidence();
            List<VerdictEvidence> references = new ArrayList<>();
            for (int j = 0; j < cited.size(); j++) {
                VerdictEvidence reference = reference(cited.get(j), indicatorIds, surveyList, surveyParts, evidenceIds,
                        elementIds);
                if (reference == null) {
                    errors.add(new ApiError(path + ".evidence[" + j + "]", message("exchange.ref.verdictEvidence")));
                }
                else {
                    references.add(reference);
                }
            }
            if (references.size() == cited.size()) {
                attempt(path, errors, () -> verdicts.save(evaluationId, question, new VerdictDraft(part.verdict(),
                        part.argument(), references, part.plainMessage())));
            }
        }
    }

    /** Whether an exported piece of evidence names what it cites (a testimony the export leaves out does not). */
    private static boolean named(VerdictEvidencePart part) {
        return part.indicator() != null || part.question() != null || part.testimony() != null || part.effect() != null;
    }

    /** What a piece of evidence names in the document, as written on import; null when it names nothing. */
    private static @Nullable VerdictEvidence reference(VerdictEvidencePart part, Map<String, Long> indicatorIds,
            List<Survey> surveyList, List<SurveyPart> surveyParts, List<@Nullable Long> evidenceIds,
            Map<String, Long> elementIds) {
        switch (part.kind()) {
            case INDICATOR -> {
                Long id = part.indicator() == null ? null : indicatorIds.get(part.indicator());
                return id == null ? null : VerdictEvidence.of(VerdictEvidenceKind.INDICATOR, id);
            }
            case SURVEY_QUESTION -> {
                if (part.survey() == null || part.question() == null || part.survey() >= surveyList.size()
                        || part.survey() >= surveyParts.size()) {
                    return null;
                }
                Survey survey = surveyList.get(part.survey());
                Long question = survey.questions().stream().filter(q -> q.code().equals(part.question()))
                        .map(Question::id).findFirst().orElse(null);
                Long wave = null;
                if (part.wave() != null) {
                    List<WavePart> waves = surveyParts.get(part.survey()).waves() == null ? List.of()
                            : surveyParts.get(part.survey()).waves();
                    int place = waves.stream().map(WavePart::ref).toList().indexOf(part.wave());
                    if (place < 0 || place >= survey.waves().size()) {
                        return null;
                    }
                    wave = survey.waves().get(place).id();
                }
                return question == null ? null
                        : new VerdictEvidence(VerdictEvidenceKind.SURVEY_QUESTION, question, wave);
            }
            case TESTIMONY -> {
                Long id = part.testimony() == null || part.testimony() >= evidenceIds.size() ? null
                        : evidenceIds.get(part.testimony());
                return id == null ? null : VerdictEvidence.of(VerdictEvidenceKind.TESTIMONY, id);
            }
            case CONTRIBUTION -> {
                Long id = part.effect() == null ? null : elementIds.get(part.effect());
                return id == null ? null : VerdictEvidence.of(VerdictEvidenceKind.CONTRIBUTION, id);
            }
            default -> {
                return null;
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

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
