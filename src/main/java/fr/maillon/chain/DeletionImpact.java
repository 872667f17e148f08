package fr.maillon.chain;

import java.util.List;

/** What goes with an element or a stakeholder when it is deleted: links and interactions, described. */
public record DeletionImpact(String name, List<String> links, List<String> interactions) {

    public boolean isEmpty() {
        return links.isEmpty() && interactions.isEmpty();
    }
}
