package fr.maillon.chain;

import java.util.List;

/**
 * A stakeholder's own page: its identity card, its interactions (what it brings to each activity
 * and what it gets from it) with their balance, the resources it provides, and whether the caller
 * may change them.
 */
public record StakeholderPage(ValueChain chain, Stakeholder stakeholder, StakeholderBalance balance,
        List<Interaction> interactions, List<ChainElement> resources, boolean canEdit) {
}
