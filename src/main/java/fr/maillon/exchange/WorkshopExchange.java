package fr.maillon.exchange;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import fr.maillon.chain.ElementKind;
import fr.maillon.exchange.EvaluationDocument.WorkshopCardPart;
import fr.maillon.exchange.EvaluationDocument.WorkshopLinkPart;
import fr.maillon.exchange.EvaluationDocument.WorkshopPart;
import fr.maillon.web.Problems.ApiError;
import fr.maillon.web.RuleViolationException;
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.WorkshopArchive;
import fr.maillon.workshop.WorkshopService;

/**
 * The workshops' part of the exchange format: out, the trace of each workshop with its shown and merged cards (hidden
 * ones only counted); in, closed workshops rebuilt with fresh codes, every reference checked.
 */
@Component
class WorkshopExchange {

    private final WorkshopService workshops;
    private final MessageSource messages;

    WorkshopExchange(WorkshopService workshops, MessageSource messages) {
        this.workshops = workshops;
        this.messages = messages;
    }

    /** The evaluation's workshops, the first first; null when it has none. */
    @Nullable
    List<WorkshopPart> export(long evaluationId, Map<Long, String> elementRefs, Map<Long, WorkshopLinkPart> links) {
        List<WorkshopArchive> archives = workshops.archives(evaluationId);
        if (archives.isEmpty()) {
            return null;
        }
        return archives.stream().map(archive -> {
            Map<ParticipantRole, Integer> participants = new EnumMap<>(ParticipantRole.class);
            participants.putAll(archive.participants());
            List<WorkshopCardPart> cards = archive.cards().stream().map(card -> new WorkshopCardPart(card.ref(),
                    card.kind(), card.target(), card.text(), card.state(), card.role(),
                    card.dots() == 0 ? null : card.dots(),
                    card.elementId() == null ? null : elementRefs.get(card.elementId()), card.mergedInto())).toList();
            List<WorkshopLinkPart> drawn = archive.linkIds().stream().map(links::get).filter(link -> link != null)
                    .toList();
            return new WorkshopPart(archive.title(), archive.openedAt(), archive.closesAt(), archive.closedAt(),
                    archive.cardLimit(), participants, cards.isEmpty() ? null : cards,
                    archive.hiddenCards() == 0 ? null : archive.hiddenCards(), drawn.isEmpty() ? null : drawn);
        }).toList();
    }

    /**
     * Checks each workshop's references to the document's elements and links, then writes it; every problem with its
     * JSON path ({@code $.workshops[0].cards[3].element}).
     */
    void write(long evaluationId, List<WorkshopPart> parts, Map<String, Long> elementIds,
            Map<String, ElementKind> elementKinds, Map<String, Long> linkIds, List<ApiError> errors) {
        for (int i = 0; i < parts.size(); i++) {
            WorkshopPart part = parts.get(i);
            String path = "$.workshops[" + i + "]";
            int before = errors.size();
            List<WorkshopCardPart> cards = part.cards() == null ? List.of() : part.cards();
            List<WorkshopArchive.ArchivedCard> archived = new ArrayList<>();
            for (int c = 0; c < cards.size(); c++) {
                WorkshopCardPart card = cards.get(c);
                Long elementId = null;
                if (card.element() != null) {
                    elementId = elementIds.get(card.element());
                    if (elementId == null || elementKinds.get(card.element()) != card.kind().elementKind()) {
                        errors.add(new ApiError(path + ".cards[" + c + "].element",
                                message("exchange.workshop.element", card.element())));
                    }
                }
                archived.add(new WorkshopArchive.ArchivedCard(card.ref(), card.kind(), card.target(), card.text(),
                        card.state(), card.role(), card.dots() == null ? 0 : card.dots(), elementId,
                        card.mergedInto()));
            }
            List<WorkshopLinkPart> links = part.links() == null ? List.of() : part.links();
            List<Long> drawn = new ArrayList<>();
            for (int l = 0; l < links.size(); l++) {
                Long linkId = linkIds.get(key(links.get(l).source(), links.get(l).target()));
                if (linkId == null) {
                    errors.add(new ApiError(path + ".links[" + l + "]", message("exchange.workshop.link",
                            links.get(l).source(), links.get(l).target())));
                }
                else {
                    drawn.add(linkId);
                }
            }
            if (errors.size() > before) {
                continue;
            }
            try {
                workshops.restore(evaluationId, new WorkshopArchive(part.title(), part.openedAt(), part.closesAt(),
                        part.closedAt(), part.cardLimit(), part.participants(), archived,
                        part.hiddenCards() == null ? 0 : part.hiddenCards(), drawn));
            }
            catch (RuleViolationException ex) {
                ex.violations().forEach(violation -> errors.add(new ApiError(violation.field().isEmpty() ? path
                        : path + "." + violation.field(), message(violation.code(), violation.arguments()))));
            }
        }
    }

    /** How a link is found again: by its two ends. */
    static String key(String source, String target) {
        return source + "\u0000" + target;
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
