package fr.maillon.restitution;

import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.LinkDraft;
import fr.maillon.chain.ResourceKind;
import fr.maillon.chain.SupportCategory;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contribution analysis's path follows the chain's real links back from the effect: an activity,
 * output or resource that no link leads from to the effect is not on it, even of the same kind; the
 * path reads from the resources to the effect, by stage, in the analysis page and in the report.
 */
@SpringBootTest
class ContributionPathTests {

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ChainService chains;

    @Autowired
    ContributionService contributions;

    @Autowired
    ReportService reports;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void thePathHoldsOnlyWhatTheLinksLeadFromOrderedFromTheResources() {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Chemins",
                EvaluationScope.ACTION, "Conserverie", LocalDate.of(2022, 1, 1), LocalDate.of(2024, 12, 31), null));
        long volunteers = chains.addElement(evaluation, element(ElementKind.RESOURCE, "Temps bénévole"));
        long grant = chains.addElement(evaluation, element(ElementKind.RESOURCE, "Subvention CAF"));
        long truck = chains.addElement(evaluation, element(ElementKind.RESOURCE, "Camion (non relié)"));
        long coordination = chains.addElement(evaluation, activity("Coordination", ActivityType.SUPPORT));
        long communication = chains.addElement(evaluation, activity("Communication (vers la vente)", ActivityType.SUPPORT));
        long workshops = chains.addElement(evaluation, activity("Ateliers", ActivityType.PRIMARY));
        long sale = chains.addElement(evaluation, activity("Vente solidaire (autre effet)", ActivityType.PRIMARY));
        chains.addElement(evaluation, activity("Sorties (sans lien)", ActivityType.PRIMARY));
        long jars = chains.addElement(evaluation, ChainElementDraft.named(ElementKind.OUTPUT, "Bocaux"));
        long receipts = chains.addElement(evaluation, ChainElementDraft.named(ElementKind.OUTPUT, "Recettes"));
        long skills = chains.addElement(evaluation, effect("Savoir-faire"));
        long consumption = chains.addElement(evaluation, effect("Consommation responsable"));
        chains.addLink(evaluation, new LinkDraft(volunteers, workshops, null));
        chains.addLink(evaluation, new LinkDraft(grant, coordination, null));
        chains.addLink(evaluation, new LinkDraft(coordination, workshops, null));
        chains.addLink(evaluation, new LinkDraft(workshops, jars, null));
        chains.addLink(evaluation, new LinkDraft(jars, skills, null));
        chains.addLink(evaluation, new LinkDraft(truck, sale, null));
        chains.addLink(evaluation, new LinkDraft(communication, sale, null));
        chains.addLink(evaluation, new LinkDraft(sale, receipts, null));
        chains.addLink(evaluation, new LinkDraft(receipts, consumption, null));
        // the effect renews a resource: the loop back does not bring the effect, nor its other paths, in
        chains.addLink(evaluation, new LinkDraft(consumption, volunteers, null));

        Contribution contribution = contributions.contributions(evaluation).stream()
                .filter(item -> item.effect().id() == skills).findFirst().orElseThrow();
        assertThat(contribution.path()).extracting(ChainElement::name)
                .containsExactly("Temps bénévole", "Subvention CAF", "Coordination", "Ateliers", "Bocaux");
        assertThat(contribution.steps()).extracting(Contribution.Step::stage).containsExactly(
                "chain.kind.RESOURCE.plural", "chain.diagram.support", "chain.diagram.primary",
                "chain.kind.OUTPUT.plural");
        assertThat(contribution.path()).extracting(ChainElement::id).doesNotContain(truck, communication, sale,
                receipts, consumption);

        long report = reports.create(evaluation, ReportAudience.CAF, "Dossier");
        reports.narrate(report, ReportAudience.Section.CONTEXT, "Contexte.");
        contributions.save(evaluation, skills, new ContributionDraft("Les ateliers transmettent un savoir-faire.",
                null, Strength.MODERATE, null));
        ReportContent.ContributionBlock block = reports.content(report, 0).contributions().stream()
                .filter(item -> item.effect().equals("Savoir-faire")).findFirst().orElseThrow();
        assertThat(block.steps()).containsExactly("Ressources : Temps bénévole, Subvention CAF",
                "Activités de soutien : Coordination", "Activités principales : Ateliers", "Réalisations : Bocaux");
        assertThat(block.path()).containsExactly("Temps bénévole", "Subvention CAF", "Coordination", "Ateliers",
                "Bocaux");
        assertThat(String.join(" ", block.path())).doesNotContain("Sorties", "Camion", "Communication", "Vente");
    }

    private static ChainElementDraft element(ElementKind kind, String name) {
        return new ChainElementDraft(kind, name, null, ResourceKind.MATERIAL, null, null, null, null, null, null, null,
                null);
    }

    private static ChainElementDraft activity(String name, ActivityType type) {
        return new ChainElementDraft(ElementKind.ACTIVITY, name, null, null, null, null, null, null, type,
                type == ActivityType.SUPPORT ? SupportCategory.GOUVERNANCE : null, null, null);
    }

    private static ChainElementDraft effect(String name) {
        return new ChainElementDraft(ElementKind.EFFECT, name, null, null, null, null, null, null, null, null,
                EffectTarget.HABITANTS, null);
    }
}
