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

    /** The element's name, for lists of links and interactions. */
    public String nameOf(long elementId) {
        return element(elementId).map(ChainElement::name).orElse("?");
    }

    public String stakeholderName(long stakeholderId) {
        return stakeholder(stakeholderId).map(Stakeholder::name).orElse("?");
    }

    public List<ChainElement> activities() {
        return elements(ElementKind.ACTIVITY);
    }

    /** One of its links; {@link ChainElementNotFoundException} when it is not the chain's. */
    public Link link(long id) {
        return links.stream().filter(link -> link.id() == id).findFirst()
                .orElseThrow(() -> new ChainElementNotFoundException(id));
    }

    public Optional<Stakeholder> stakeholder(long id) {
        return stakeholders.stream().filter(stakeholder -> stakeholder.id() == id).findFirst();
    }
}
