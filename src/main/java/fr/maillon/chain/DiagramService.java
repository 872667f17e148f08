package fr.maillon.chain;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.internal.DiagramRenderer;
import fr.maillon.chain.internal.DiagramRenderer.Labels;

/** The value-chain diagram of an evaluation, as SVG, for pages, downloads, the API and reports. */
@Service
public class DiagramService {

    private static final List<String> COLUMNS = List.of("chain.stakeholder.list", "chain.kind.RESOURCE.plural",
            "chain.diagram.support", "chain.diagram.primary", "chain.kind.OUTPUT.plural", "chain.kind.EFFECT.plural");

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
        Map<EffectTarget, String> targets = new EnumMap<>(EffectTarget.class);
        for (EffectTarget target : EffectTarget.values()) {
            targets.put(target, messages.getMessage("chain.target." + target, null, locale));
        }
        ValueChain chain = chains.chain(evaluationId);
        Labels labels = new Labels(messages.getMessage("chain.diagram.title", null, locale) + " — "
                + chain.evaluation().title(),
                COLUMNS.stream().map(key -> messages.getMessage(key, null, locale)).toList(), targets);
        return renderer.render(chain, basePath, labels);
    }
}
