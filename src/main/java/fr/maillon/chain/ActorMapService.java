package fr.maillon.chain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.ActorMap.Actor;
import fr.maillon.chain.ActorMap.Complementarity;
import fr.maillon.chain.ActorMap.Line;
import fr.maillon.chain.internal.ActorMapRenderer;
import fr.maillon.chain.internal.ActorMapRenderer.ActorLabels;
import fr.maillon.chain.internal.ActorMapRenderer.ActorNode;
import fr.maillon.chain.internal.ActorMapRenderer.ActorEdge;
import fr.maillon.web.Decimals;

/**
 * The actor map of an evaluation: who stands in the communauté d'action, among the partners and in
 * the territory, what each brings and receives (its balance, from the interactions), and the
 * complementarities between them; drawn as SVG for the page, the downloads, the API and the reports.
 * Whoever may read the evaluation's diagram may read its map; its stakeholders link to their pages
 * only for the structure's members.
 */
@Service
public class ActorMapService {

    /** The longest text a stakeholder's tooltip on the map holds. */
    private static final int TOOLTIP = 1500;

    private final ChainService chains;
    private final BalanceService balances;
    private final ActorMapRenderer renderer;
    private final MessageSource messages;

    ActorMapService(ChainService chains, BalanceService balances, ActorMapRenderer renderer, MessageSource messages) {
        this.chains = chains;
        this.balances = balances;
        this.renderer = renderer;
        this.messages = messages;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ActorMap map(long evaluationId) {
        ValueChain chain = chains.chain(evaluationId);
        List<Actor> actors = balances.balances(chain).stream()
                .map(balance -> new Actor(balance, ActorRing.of(balance.stakeholder()))).toList();
        return new ActorMap(chain.evaluation(), actors, complementarities(chain));
    }

    /**
     * Who brings what another receives: A brings something to an activity in which B (another
     * stakeholder) receives something, or to a support activity linked to such a primary activity.
     * Interactions always say both what a stakeholder brings and what it receives, so two
     * stakeholders of the same activity serve each other.
     */
    static List<Complementarity> complementarities(ValueChain chain) {
        Map<Long, Set<Long>> supports = new HashMap<>();
        for (Link link : chain.links()) {
            ChainElement source = chain.element(link.sourceId()).orElse(null);
            ChainElement target = chain.element(link.targetId()).orElse(null);
            if (source != null && target != null && source.kind() == ElementKind.ACTIVITY
                    && source.activityType() == ActivityType.SUPPORT && target.kind() == ElementKind.ACTIVITY) {
                supports.computeIfAbsent(source.id(), id -> new LinkedHashSet<>()).add(target.id());
            }
        }
        Set<Complementarity> found = new LinkedHashSet<>();
        for (Interaction giving : chain.interactions()) {
            Set<Long> reached = new LinkedHashSet<>();
            reached.add(giving.activityId());
            reached.addAll(supports.getOrDefault(giving.activityId(), Set.of()));
            for (long activity : reached) {
                for (Interaction receiving : chain.interactions()) {
                    if (receiving.activityId() == activity && receiving.stakeholderId() != giving.stakeholderId()) {
                        found.add(new Complementarity(giving.stakeholderId(), receiving.stakeholderId(),
                                giving.activityId(), chain.nameOf(giving.activityId()), activity,
                                chain.nameOf(activity)));
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** The map as SVG; its stakeholders link to their pages (under {@code basePath}), never when it is null. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public String svg(long evaluationId, @Nullable String basePath, Locale locale) {
        return svg(map(evaluationId), basePath, locale);
    }

    public String svg(ActorMap map, @Nullable String basePath, Locale locale) {
        String evaluationPath = basePath == null ? null
                : basePath + "/evaluations/" + map.evaluation().id() + "/stakeholders/";
        List<ActorNode> nodes = new ArrayList<>();
        for (Actor actor : map.actors()) {
            Stakeholder stakeholder = actor.stakeholder();
            StakeholderBalance balance = actor.balance();
            String type = message("chain.stakeholder.type." + stakeholder.type(), locale);
            String brings = message("chain.actors.node.brings", locale, figures(balance.bringsAmounts(),
                    balance.bringsEur(), locale));
            String gets = message("chain.actors.node.gets", locale, figures(balance.getsAmounts(), balance.getsEur(),
                    locale));
            String tooltip = message("chain.actors.node.tooltip", locale, stakeholder.name(), type,
                    String.join(" ; ", balance.brings()), String.join(" ; ", balance.gets()), balance.interactions());
            nodes.add(new ActorNode(stakeholder.id(), actor.ring(), stakeholder.name(), type, brings, gets,
                    bounded(tooltip), evaluationPath == null ? null : evaluationPath + stakeholder.id()));
        }
        List<ActorEdge> edges = map.lines().stream()
                .map(line -> new ActorEdge(line.fromId(), line.toId(), line.shared(), line.oneWay())).toList();
        Map<ActorRing, String> rings = new EnumMap<>(ActorRing.class);
        for (ActorRing ring : ActorRing.values()) {
            rings.put(ring, message("chain.actors.ring." + ring, locale));
        }
        return renderer.render(nodes, edges, new ActorLabels(
                message("chain.actors.svgTitle", locale, map.evaluation().title()), rings,
                message("chain.actors.legend.shared", locale), message("chain.actors.legend.support", locale),
                message("chain.actors.legend.explain", locale), message("chain.actors.empty", locale)));
    }

    /**
     * What the quantities and values of one side add up to: "600 heures + 10 000 €"; "non chiffré" when
     * nothing on that side is quantified.
     */
    public String figures(List<Amount> amounts, BigDecimal eur, Locale locale) {
        List<String> parts = new ArrayList<>();
        amounts.forEach(amount -> parts.add(Decimals.format(amount.quantity(), 2, amount.unit(), locale)));
        if (eur.signum() > 0) {
            parts.add(Decimals.format(eur, 0, "€", locale));
        }
        return parts.isEmpty() ? message("chain.actors.notQuantified", locale) : String.join(" + ", parts);
    }

    /** Each line of the map said in words, for the list under it and the reports. */
    public List<String> describe(ActorMap map, Locale locale) {
        List<String> sentences = new ArrayList<>();
        for (Line line : map.lines()) {
            Set<String> via = new LinkedHashSet<>();
            for (Complementarity item : line.through()) {
                via.add(item.sameActivity() ? message("chain.actors.via.shared", locale, item.broughtTo())
                        : message("chain.actors.via.support", locale, item.broughtTo(), item.receivedFrom()));
            }
            String kind = line.shared() ? "shared" : line.oneWay() ? "oneWay" : "bothWays";
            sentences.add(message("chain.actors.line." + kind, locale, map.name(line.fromId()), map.name(line.toId()),
                    String.join(" ; ", via)));
        }
        return sentences;
    }

    private static String bounded(String text) {
        return text.length() <= TOOLTIP ? text : text.substring(0, TOOLTIP - 1) + "…";
    }

    private String message(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
