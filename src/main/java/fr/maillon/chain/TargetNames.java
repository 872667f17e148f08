package fr.maillon.chain;

import java.util.Arrays;
import java.util.List;

import fr.maillon.organisation.StructureKind;

/**
 * The names of an evaluation's three effect targets, in one language: those its editors gave, else the default
 * names of its structure's kind. The targets themselves stay the stable codes of {@link EffectTarget} (the slots
 * that effects, objectives and exchange documents refer to); only what people read changes.
 * <p>
 * A centre social, an espace de vie sociale or another association speaks of the habitants, the territoire and
 * the communauté d'action, the method's words. A Territoire zéro chômeur has three targets of its own: the users of
 * its activities, the territory, and the employees of its entreprise à but d'emploi. They take the slots nearest
 * in meaning: the people its activities serve take the slot of the habitants (the people a centre social's
 * activities serve), the territory stays the territory, and the employees, who with the comité local make the
 * project, take the slot of the communauté d'action (the people who pool their means around the project).
 */
public record TargetNames(String habitants, String territoire, String communauteAction) {

    /** The longest name a target may be given. */
    public static final int MAX_LENGTH = 80;

    /** A target and its name, for the choices of a form. */
    public record Choice(EffectTarget id, String name) {
    }

    public String label(EffectTarget target) {
        return switch (target) {
            case HABITANTS -> habitants;
            case TERRITOIRE -> territoire;
            case COMMUNAUTE_ACTION -> communauteAction;
        };
    }

    /** The three targets in their order, each with its name. */
    public List<Choice> choices() {
        return Arrays.stream(EffectTarget.values()).map(target -> new Choice(target, label(target))).toList();
    }

    /** The message key of a target's default name for a kind of structure. */
    public static String defaultKey(StructureKind kind, EffectTarget target) {
        return kind == StructureKind.TERRITOIRE_ZERO_CHOMEUR ? "chain.target.tzc." + target : "chain.target." + target;
    }
}
