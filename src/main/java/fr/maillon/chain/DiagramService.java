package fr.maillon.chain;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
    private static final Style NARROW = new Style(170, false, true);
    private static final Style WIDE = new Style(230, false, true);

    private final ChainService chains;
    private final DiagramRenderer renderer;
    private final MessageSource messages;

    DiagramService(ChainService chains, DiagramRenderer renderer, MessageSource messages) {
        this.chains = chains;
        this.renderer = renderer;
        this.messages = messages;
    }

    /**
     * @param basePath the application's context path, before the links of the nodes
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public String svg(long evaluationId, String basePath, Locale locale) {
        ValueChain chain = chains.chain(evaluationId);
        return renderer.render(chain, basePath, labels(chain, null, locale));
    }

    /**
     * The diagram as printed, each page on its own landscape sheet: the whole chain on A4 when its
     * smallest text is then at least {@value #MINIMUM_PRINTED_TEXT_PT} pt, else on A3; when even A3
     * would print smaller text, one page per effect target (its effects and what leads to them), each
     * on A4 or A3 by the same rule. A part still too large keeps A3 and says its text size
     * ({@link DiagramPage#smallestTextPt()}). Boxes do not link to the application's pages.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<DiagramPage> printable(long evaluationId, Locale locale) {
        ValueChain chain = chains.chain(evaluationId);
        DiagramPage whole = fit(chain, labels(chain, null, locale), null);
        List<EffectTarget> targets = chain.elements(ElementKind.EFFECT).stream().map(ChainElement::target)
                .filter(target -> target != null).distinct().sorted().toList();
        if (whole.smallestTextPt() >= MINIMUM_PRINTED_TEXT_PT || targets.size() < 2) {
            return List.of(whole);
        }
        List<DiagramPage> pages = new ArrayList<>();
        for (EffectTarget target : targets) {
            pages.add(fit(part(chain, target, pages.isEmpty()), labels(chain, target, locale), target));
        }
        return pages;
    }

    /**
     * A4 if the chain is readable on it with narrow boxes; else A3, with wider boxes (fewer lines)
     * when the page's height is what limits the scale and they print larger text.
     */
    private DiagramPage fit(ValueChain chain, Labels labels, @Nullable EffectTarget target) {
        Drawing narrow = renderer.draw(chain, "", labels, NARROW);
        DiagramPage a4 = page(Paper.A4, narrow, target);
        if (a4.smallestTextPt() >= MINIMUM_PRINTED_TEXT_PT) {
            return a4;
        }
        DiagramPage a3 = page(Paper.A3, narrow, target);
        boolean heightLimited = Paper.A3.heightMm() / narrow.height() < Paper.A3.widthMm() / narrow.width();
        if (!heightLimited) {
            return a3;
        }
        DiagramPage wider = page(Paper.A3, renderer.draw(chain, "", labels, WIDE), target);
        return wider.smallestTextPt() > a3.smallestTextPt() ? wider : a3;
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

    private Labels labels(ValueChain chain, @Nullable EffectTarget part, Locale locale) {
        Map<EffectTarget, String> targets = new EnumMap<>(EffectTarget.class);
        for (EffectTarget target : EffectTarget.values()) {
            targets.put(target, message("chain.target." + target, locale));
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
                        message("chain.diagram.legend.participation", locale)));
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
