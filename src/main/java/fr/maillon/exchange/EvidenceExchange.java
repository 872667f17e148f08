package fr.maillon.exchange;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import fr.maillon.evidence.Evidence;
import fr.maillon.evidence.EvidenceDraft;
import fr.maillon.evidence.EvidenceService;
import fr.maillon.exchange.EvaluationDocument.EvidencePart;
import fr.maillon.web.Problems.ApiError;
import fr.maillon.web.RuleViolationException;

/** The evidence's part of the exchange format: what the caller may see goes out; everything is checked coming in. */
@Component
class EvidenceExchange {

    private final EvidenceService evidence;
    private final MessageSource messages;

    EvidenceExchange(EvidenceService evidence, MessageSource messages) {
        this.evidence = evidence;
        this.messages = messages;
    }

    @Nullable
    List<EvidencePart> export(long evaluationId, Map<Long, String> elementRefs) {
        List<Evidence> list = evidence.evidence(evaluationId);
        if (list.isEmpty()) {
            return null;
        }
        return list.stream().map(item -> new EvidencePart(item.kind(), item.title(), item.body(), item.source(),
                item.collectedOn(), item.consent() ? true : null, item.fileName(), item.fileName() == null ? null
                        : Base64.getEncoder().encodeToString(evidence.file(evaluationId, item.id()).content()),
                item.effectIds().stream().map(elementRefs::get).toList())).toList();
    }

    /** Writes the evidence; returns the id of each part, in the document's order (null for one refused). */
    List<@Nullable Long> write(long evaluationId, List<EvidencePart> parts, Map<String, Long> elementIds,
            List<ApiError> errors) {
        List<@Nullable Long> ids = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            ids.add(null);
            EvidencePart part = parts.get(i);
            String path = "$.evidence[" + i + "]";
            List<String> refs = part.effects() == null ? List.of() : part.effects();
            if (refs.stream().anyMatch(ref -> !elementIds.containsKey(ref))) {
                errors.add(new ApiError(path + ".effects", message("exchange.ref.effects")));
                continue;
            }
            byte[] content;
            try {
                content = part.content() == null ? null : Base64.getDecoder().decode(part.content());
            }
            catch (IllegalArgumentException ex) {
                errors.add(new ApiError(path + ".content", message("exchange.base64")));
                continue;
            }
            try {
                ids.set(i, evidence.add(evaluationId, new EvidenceDraft(part.kind(), part.title(), part.body(),
                        part.source(), part.collectedOn(), part.consent(), refs.stream().map(elementIds::get).toList(),
                        part.fileName(), content)));
            }
            catch (RuleViolationException ex) {
                ex.violations().forEach(violation -> errors.add(new ApiError(violation.field().isEmpty() ? path
                        : path + "." + violation.field(), messages.getMessage(violation.code(), violation.arguments(),
                                LocaleContextHolder.getLocale()))));
            }
        }
        return ids;
    }

    private String message(String code) {
        return messages.getMessage(code, null, code, LocaleContextHolder.getLocale());
    }
}
