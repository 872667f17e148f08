package fr.maillon.chain;

import java.util.List;
import java.util.Optional;

/** The whole value chain of an evaluation, each list in its display order. */
public record ValueChain(Evaluation evaluation, List<Stakeholder> stakeholders, List<ChainElement> elements,
        List<Link> links, List<Interaction> interactions) {

    public List<ChainElement> elements(ElementKind kind) {
        return elements.stream().filter(element -> element.kind() == kind).toList();
    }

    public Optional<ChainElement> element(long id) {
        return elements.stream().filter(element -> element.id() == id).findFirst();
    }

    public Optional<Stakeholder> stakeholder(long id) {
        return stakeholders.stream().filter(stakeholder -> stakeholder.id() == id).findFirst();
    }
}
