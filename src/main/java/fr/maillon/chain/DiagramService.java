package fr.maillon.chain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.DiagramPage.Paper;
import fr.maillon.chain.internal.DiagramRenderer;
import fr.maillon.chain.internal.DiagramRenderer.Drawing;
import fr.maillon.chain.internal.DiagramRenderer.Labels;
import fr.maillon.chain.internal.DiagramRenderer.Legend;
import fr.maillon.chain.internal.DiagramRenderer.Style;
import fr.maillon.chain.internal.DiagramRenderer.Text;

/**
 * The value-chain diagram of an evaluation, as SVG, for pages, downloads, the API and reports; and
 * as printed pages, each text at least {@value #MINIMUM_PRINTED_TEXT_PT} pt.
 */
@Service
public class DiagramService {

    /** No text of a printed diagram is smaller than this, in points. */
    public static final double MINIMUM_PRINTED_TEXT_PT = 7;
    /** A small chain is not blown up beyond this size of its boxes' text, in points. */
    private static final double LARGEST_PRINTED_TEXT_PT = 10;
    private static final double POINTS_PER_MM = 72 / 25.4;

    private static final List<String> COLUMNS = List.of("chain.stakeholder.list", "chain.kind.RESOURCE.plural",
            "chain.diagram.support", "chain.diagram.primary", "chain.kind.OUTPUT.plural", "chain.kind.EFFECT.plural");
    /** Boxes as wide as an A4 landscape page holds six columns of; wider ones take fewer lines (on A3). */
    private static final Style NARROW = new Style(170, false, true, false);
    private static final Style NARROW_COMPACT = new Style(170, false, true, true);
    private static final Style WIDE_COMPACT = new Style(230, false, true, true);
    /** On a projected screen: boxes lead nowhere (who reads it has no account), the title is written. */
    private static final Style PROJECTED = new Style(170, false, true, false);

    private final ChainService chains;
    private final DiagramRenderer renderer;
    private final MessageSource messages;
    private final EvaluationService evaluations;
    private final ProvenanceService provenances;

    DiagramService(ChainService chains, DiagramRenderer renderer, MessageSource messages,
            EvaluationService evaluations, ProvenanceService provenances) {
        this.chains = chains;
        this.evaluations = evaluations;
        this.provenances = provenances;
        this.renderer = renderer;
        this.messages = messages;
    }

    /**
     * @param basePath the application's context path, before the links of the nodes
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public String svg(long evaluationId, String basePath, Locale locale) {
        ValueChain chain = chains.chain(evaluationId);
        return renderer.render(chain, basePath, labels(chain, evaluations.targetNames(evaluationId, locale), null,
                locale), chains.canEdit(chain.evaluation()));
    }

    /**
     * The diagram of one evaluation for a page that decided itself to show it: a workshop's projector,
     * opened by its secret link. No caller to check; its boxes link nowhere and its title is written.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public String projectedSvg(long structureId, long evaluationId, Locale locale) {
        Evaluation evaluation = evaluations.evaluationUnchecked(structureId, evaluationId)
                .orElseThrow(() -> new EvaluationNotFoundException(evaluationId));
        ValueChain chain = chains.chainUnchecked(evaluation);
        return renderer.draw(chain, "", labels(chain, evaluations.targetNamesUnchecked(evaluation, locale), null,
                locale), PROJECTED).svg();
    }

    /**
     * The diagram as printed, each page on its own landscape sheet: the whole chain on A4 when its
     * smallest text is then at least {@value #MINIMUM_PRINTED_TEXT_PT} pt, else on A3 (its columns
     * stacked tight if need be); when even A3 would print smaller text, one page per effect target
     * (its effects and what leads to them), each on A4 or A3 by the same rule. A part still too large keeps A3 and says its text size
     * ({@link DiagramPage#smallestTextPt()}). Boxes do not link to the application's pages.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<DiagramPage> printable(long evaluationId, Locale locale) {
        ValueChain chain = chains.chain(evaluationId);
        TargetNames names = evaluations.targetNames(evaluationId, locale);
        DiagramPage whole = fit(chain, labels(chain, names, null, locale), null);
        List<EffectTarget> targets = chain.elements(ElementKind.EFFECT).stream().map(ChainElement::target)
                .filter(target -> target != null).distinct().sorted().toList();
        if (whole.smallestTextPt() >= MINIMUM_PRINTED_TEXT_PT || targets.size() < 2) {
            return List.of(whole);
        }
        List<DiagramPage> pages = new ArrayList<>();
        for (EffectTarget target : targets) {
            pages.add(fit(part(chain, target, pages.isEmpty()), labels(chain, names, target, locale), target));
        }
        return pages;
    }

    /**
     * The smallest paper on which the chain is readable: A4 then A3, each first with edges kept
     * straight, then with columns stacked tight; on A3 also with wider boxes (fewer lines) when the
     * page's height is what limits the scale. When none is readable, the largest text found.
     */
    private DiagramPage fit(ValueChain chain, Labels labels, @Nullable EffectTarget target) {
        Drawing straight = renderer.draw(chain, "", labels, NARROW);
        DiagramPage page = page(Paper.A4, straight, target);
        if (page.smallestTextPt() >= MINIMUM_PRINTED_TEXT_PT) {
            return page;
        }
        Drawing compact = renderer.draw(chain, "", labels, NARROW_COMPACT);
        List<DiagramPage> candidates = new ArrayList<>(List.of(page(Paper.A4, compact, target),
                page(Paper.A3, straight, target), page(Paper.A3, compact, target)));
        for (DiagramPage candidate : candidates) {
            if (candidate.smallestTextPt() >= MINIMUM_PRINTED_TEXT_PT) {
                return candidate;
            }
        }
        if (Paper.A3.heightMm() / compact.height() < Paper.A3.widthMm() / compact.width()) {
            candidates.add(page(Paper.A3, renderer.draw(chain, "", labels, WIDE_COMPACT), target));
        }
        return candidates.stream().max(Comparator.comparingDouble(DiagramPage::smallestTextPt)).orElseThrow();
    }

    /** The drawing scaled to fit the paper (never beyond {@value #LARGEST_PRINTED_TEXT_PT} pt text), its texts placed. */
    private static DiagramPage page(Paper paper, Drawing drawing, @Nullable EffectTarget target) {
        double largest = LARGEST_PRINTED_TEXT_PT / POINTS_PER_MM / DiagramRenderer.MINIMUM_TEXT;
        double scale = Math.min(largest, Math.min(paper.widthMm() / drawing.width(),
                paper.heightMm() / drawing.height()));
        List<DiagramText> texts = new ArrayList<>(drawing.texts().size());
        for (Text text : drawing.texts()) {
            texts.add(new DiagramText(round(text.x() * scale),
                    round((text.baseline() - DiagramText.ASCENT_EM * text.size()) * scale),
                    round(text.size() * scale * POINTS_PER_MM), text.bold(), text.colour(), text.text()));
        }
        return new DiagramPage(paper, round(drawing.width() * scale), round(drawing.height() * scale),
                round(DiagramRenderer.MINIMUM_TEXT * scale * POINTS_PER_MM), target, drawing.svg(), texts);
    }

    /**
     * The part of the chain that leads to one target's effects: those effects, the elements linked
     * upstream of them, the resources they renew, the stakeholders taking part in those activities
     * (and, on the first part, the stakeholders taking part in none).
     */
    private static ValueChain part(ValueChain chain, EffectTarget target, boolean first) {
        Set<Long> kept = new HashSet<>();
        Deque<Long> queue = new ArrayDeque<>();
        chain.elements(ElementKind.EFFECT).stream().filter(effect -> effect.target() == target)
                .forEach(effect -> {
                    kept.add(effect.id());
                    queue.add(effect.id());
                });
        Set<Long> effects = Set.copyOf(kept);
        while (!queue.isEmpty()) {
            long current = queue.poll();
            for (Link link : chain.links()) {
                if (link.targetId() == current && chain.element(link.sourceId())
                        .filter(source -> source.kind() != ElementKind.EFFECT).isPresent()
                        && kept.add(link.sourceId())) {
                    queue.add(link.sourceId());
                }
            }
        }
        chain.links().stream().filter(link -> effects.contains(link.sourceId())).forEach(link -> kept.add(link.targetId()));
        List<Interaction> interactions = chain.interactions().stream()
                .filter(interaction -> kept.contains(interaction.activityId())).toList();
        Set<Long> interacting = new HashSet<>();
        chain.interactions().forEach(interaction -> interacting.add(interaction.stakeholderId()));
        List<Stakeholder> stakeholders = chain.stakeholders().stream().filter(stakeholder ->
                interactions.stream().anyMatch(interaction -> interaction.stakeholderId() == stakeholder.id())
                        || (first && !interacting.contains(stakeholder.id()))).toList();
        return new ValueChain(chain.evaluation(), stakeholders,
                chain.elements().stream().filter(element -> kept.contains(element.id())).toList(),
                chain.links().stream().filter(link -> kept.contains(link.sourceId()) && kept.contains(link.targetId()))
                        .toList(), interactions);
    }

    private Labels labels(ValueChain chain, TargetNames names, @Nullable EffectTarget part, Locale locale) {
        Map<EffectTarget, String> targets = new EnumMap<>(EffectTarget.class);
        for (EffectTarget target : EffectTarget.values()) {
            targets.put(target, names.label(target));
        }
        Map<HypothesisStatus, String> statuses = new EnumMap<>(HypothesisStatus.class);
        for (HypothesisStatus status : HypothesisStatus.values()) {
            statuses.put(status, message("chain.diagram.legend." + status, locale));
        }
        String title = message("chain.diagram.title", locale) + " — " + chain.evaluation().title()
                + (part == null ? "" : " — " + message("chain.diagram.part", locale) + " " + targets.get(part));
        return new Labels(title, COLUMNS.stream().map(key -> message(key, locale)).toList(), targets,
                new Legend(message("chain.diagram.legend.title", locale), message("chain.diagram.legend.member", locale),
                        message("chain.diagram.legend.hypothesis", locale), statuses,
                        message("chain.diagram.legend.regeneration", locale),
                        message("chain.diagram.legend.participation", locale)),
                provenances.provenance(chain.evaluation(), locale));
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
