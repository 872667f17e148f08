package fr.maillon.chain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chain's rules, balances and valuation, on PostgreSQL. */
@SpringBootTest
class ChainServiceTests {

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ChainService chains;

    @Autowired
    BalanceService balances;

    @Autowired
    DiagramService diagrams;

    long evaluation;

    @BeforeEach
    void setUp() {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Conserverie",
                EvaluationScope.ACTION, "Conserverie", LocalDate.of(2018, 1, 1), LocalDate.of(2021, 12, 31), null));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void linksFollowTheMethodsKindsOnly() {
        long volunteers = chains.addElement(evaluation, resource("Temps bénévole", ResourceKind.VOLUNTEER_TIME,
                null, "600", "heures", null));
        long coordination = chains.addElement(evaluation, activity("Coordination", ActivityType.SUPPORT,
                SupportCategory.GOUVERNANCE));
        long canning = chains.addElement(evaluation, activity("Ateliers de conserve", ActivityType.PRIMARY, null));
        long jars = chains.addElement(evaluation, ChainElementDraft.named(ElementKind.OUTPUT, "Bocaux"));
        long skills = chains.addElement(evaluation, effect("Savoir-faire des habitants", EffectTarget.HABITANTS));

        chains.addLink(evaluation, new LinkDraft(volunteers, canning, "Les bénévoles animent"));
        chains.addLink(evaluation, new LinkDraft(coordination, canning, null));
        chains.addLink(evaluation, new LinkDraft(canning, jars, null));
        chains.addLink(evaluation, new LinkDraft(jars, skills, null));
        chains.addLink(evaluation, new LinkDraft(skills, volunteers, "De nouveaux bénévoles"));

        assertViolation(() -> chains.addLink(evaluation, new LinkDraft(canning, coordination, null)),
                "chain.link.refused");
        assertViolation(() -> chains.addLink(evaluation, new LinkDraft(volunteers, jars, null)),
                "chain.link.refused");
        assertViolation(() -> chains.addLink(evaluation, new LinkDraft(canning, canning, null)), "chain.link.self");
        assertViolation(() -> chains.addLink(evaluation, new LinkDraft(canning, jars, null)),
                "chain.link.duplicate");
        assertViolation(() -> chains.updateElement(evaluation, coordination, activity("Coordination",
                ActivityType.PRIMARY, null)), "chain.element.activityType.breaksLinks");

        DeletionImpact impact = chains.deletionImpact(evaluation, canning, false);
        assertThat(impact.links()).containsExactlyInAnyOrder("Temps bénévole → Ateliers de conserve",
                "Coordination → Ateliers de conserve", "Ateliers de conserve → Bocaux");
        chains.deleteElement(evaluation, canning);
        assertThat(chains.chain(evaluation).links()).hasSize(2);
    }

    @Test
    void balancesSumWhatEachStakeholderBringsAndGets() {
        long producers = chains.addStakeholder(evaluation, new StakeholderDraft("Producteurs bio",
                StakeholderType.ENTREPRISE, true, null, null, null, null));
        long inhabitants = chains.addStakeholder(evaluation, new StakeholderDraft("Habitants",
                StakeholderType.HABITANTS, true, null, null, null, null));
        chains.addStakeholder(evaluation, new StakeholderDraft("Observateur", StakeholderType.RECHERCHE, false,
                null, null, null, null));
        long canning = chains.addElement(evaluation, activity("Ateliers", ActivityType.PRIMARY, null));
        long sales = chains.addElement(evaluation, activity("Ventes", ActivityType.PRIMARY, null));
        chains.addInteraction(evaluation, new InteractionDraft(producers, canning, "Invendus donnés",
                new BigDecimal("300"), "kg", new BigDecimal("600"), "Moins de gaspillage", null, null, null));
        chains.addInteraction(evaluation, new InteractionDraft(producers, sales, "Fruits déclassés",
                new BigDecimal("150.5"), "kg", new BigDecimal("200"), "Transformation facturée",
                new BigDecimal("20"), "heures", new BigDecimal("450")));
        chains.addInteraction(evaluation, new InteractionDraft(inhabitants, canning, "Temps", new BigDecimal("2"),
                "heures", null, "Bocaux", new BigDecimal("3"), "bocaux", null));

        List<StakeholderBalance> balance = balances.balances(evaluation);
        assertThat(balance).extracting(b -> b.stakeholder().name())
                .containsExactly("Producteurs bio", "Habitants", "Observateur");
        StakeholderBalance producer = balance.get(0);
        assertThat(producer.bringsAmounts()).containsExactly(new Amount(new BigDecimal("450.50"), "kg"));
        assertThat(producer.bringsEur()).isEqualByComparingTo("800");
        assertThat(producer.getsAmounts()).containsExactly(new Amount(new BigDecimal("20.00"), "heures"));
        assertThat(producer.getsEur()).isEqualByComparingTo("450");
        assertThat(producer.brings()).containsExactly("Invendus donnés (Ateliers)", "Fruits déclassés (Ventes)");
        assertThat(producer.stakeholder().communityMember()).isTrue();
        assertThat(balance.get(2).interactions()).isZero();
        assertThat(balance.get(2).bringsEur()).isEqualByComparingTo("0");
    }

    @Test
    void valuesVolunteerHoursAtTheHourlyRateAndMeasuresSupport() {
        long city = chains.addStakeholder(evaluation, new StakeholderDraft("Valence Romans Agglo",
                StakeholderType.COLLECTIVITE, false, null, null, null, null));
        long volunteers = chains.addElement(evaluation, resource("Bénévoles", ResourceKind.VOLUNTEER_TIME, null,
                "100", "heures/an", null));
        long grant = chains.addElement(evaluation, resource("Subvention", ResourceKind.FINANCIAL, city, null,
                null, "10000"));
        long premises = chains.addElement(evaluation, resource("Local", ResourceKind.MATERIAL, city, "1", "local",
                "2000"));
        long support = chains.addElement(evaluation, activity("Gouvernance", ActivityType.SUPPORT,
                SupportCategory.GOUVERNANCE));
        long primary = chains.addElement(evaluation, activity("Ateliers", ActivityType.PRIMARY, null));
        chains.addLink(evaluation, new LinkDraft(grant, support, null));
        chains.addLink(evaluation, new LinkDraft(grant, primary, null));
        chains.addLink(evaluation, new LinkDraft(volunteers, primary, null));
        chains.addLink(evaluation, new LinkDraft(premises, support, null));

        ResourceValuation valuation = balances.valuation(evaluation);
        assertThat(valuation.hourlyRate()).isEqualByComparingTo("11.88");
        assertThat(valuation.resources()).extracting(ResourceValuation.ValuedResource::valueEur)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1188"), new BigDecimal("10000"), new BigDecimal("2000"));
        assertThat(valuation.resources().get(0).computed()).isTrue();
        assertThat(valuation.totalEur()).isEqualByComparingTo("13188");
        assertThat(valuation.supportEur()).isEqualByComparingTo("7000");
        assertThat(valuation.byKind()).anySatisfy(total -> {
            assertThat(total.kind()).isEqualTo(ResourceKind.FINANCIAL);
            assertThat(total.valueEur()).isEqualByComparingTo("10000");
        });
        assertThat(valuation.byProvider()).anySatisfy(total -> {
            assertThat(total.providerName()).isEqualTo("Valence Romans Agglo");
            assertThat(total.valueEur()).isEqualByComparingTo("12000");
        });
    }

    @Test
    void elementsAreValidatedAndReordered() {
        assertViolation(() -> chains.addElement(evaluation, ChainElementDraft.named(ElementKind.ACTIVITY, "X")),
                "chain.element.activityType.required");
        assertViolation(() -> chains.addElement(evaluation, activity("X", ActivityType.SUPPORT, null)),
                "chain.element.supportCategory.required");
        assertViolation(() -> chains.addElement(evaluation, resource("X", ResourceKind.MATERIAL, null, "2", null,
                null)), "chain.quantity.unitRequired");
        assertViolation(() -> chains.addElement(evaluation, resource("X", ResourceKind.MATERIAL, 999_999L, null,
                null, "-5")), "chain.element.provider.invalid");
        long first = chains.addElement(evaluation, ChainElementDraft.named(ElementKind.OUTPUT, "Premier"));
        long second = chains.addElement(evaluation, ChainElementDraft.named(ElementKind.OUTPUT, "Second"));
        chains.moveElement(evaluation, second, true);
        assertThat(chains.chain(evaluation).elements(ElementKind.OUTPUT)).extracting(ChainElement::name)
                .containsExactly("Second", "Premier");
        chains.moveElement(evaluation, second, true);
        chains.moveElement(evaluation, first, false);
        long primaryOne = chains.addElement(evaluation, activity("Principale 1", ActivityType.PRIMARY, null));
        long support = chains.addElement(evaluation, activity("Soutien", ActivityType.SUPPORT, SupportCategory.AUTRE));
        long primaryTwo = chains.addElement(evaluation, activity("Principale 2", ActivityType.PRIMARY, null));
        chains.moveElement(evaluation, primaryTwo, true);
        assertThat(chains.chain(evaluation).activities()).extracting(ChainElement::id)
                .containsExactly(support, primaryTwo, primaryOne);
        assertThat(chains.chain(evaluation).elements(ElementKind.OUTPUT)).extracting(ChainElement::name)
                .containsExactly("Second", "Premier");
    }

    @Test
    void aChainOfEightyElementsIsDrawnWithoutOverlaps() {
        long[] resources = new long[15];
        long[] activities = new long[25];
        for (int i = 0; i < resources.length; i++) {
            resources[i] = chains.addElement(evaluation, resource("Ressource numéro " + i + " au nom un peu long",
                    ResourceKind.MATERIAL, null, null, null, null));
        }
        for (int i = 0; i < activities.length; i++) {
            activities[i] = chains.addElement(evaluation, i < 8
                    ? activity("Soutien " + i, ActivityType.SUPPORT, SupportCategory.AUTRE)
                    : activity("Activité principale " + i, ActivityType.PRIMARY, null));
            chains.addLink(evaluation, new LinkDraft(resources[i % resources.length], activities[i], null));
        }
        for (int i = 0; i < 20; i++) {
            long output = chains.addElement(evaluation, ChainElementDraft.named(ElementKind.OUTPUT, "Réalisation " + i));
            chains.addLink(evaluation, new LinkDraft(activities[8 + i % 17], output, null));
            long effect = chains.addElement(evaluation, effect("Effet " + i, EffectTarget.values()[i % 3]));
            chains.addLink(evaluation, new LinkDraft(output, effect, null));
            if (i % 4 == 0) {
                chains.addLink(evaluation, new LinkDraft(effect, resources[i % resources.length], null));
            }
        }
        assertThat(chains.chain(evaluation).elements()).hasSize(80);

        String svg = diagrams.svg(evaluation, "", Locale.FRENCH);
        Matcher rect = Pattern.compile(
                "<g class=\"node\"[^>]*><title>[^<]*</title><rect x=\"([\\d.]+)\" y=\"([\\d.]+)\" "
                        + "width=\"([\\d.]+)\" height=\"([\\d.]+)\"").matcher(svg);
        List<double[]> boxes = new ArrayList<>();
        while (rect.find()) {
            boxes.add(new double[] { Double.parseDouble(rect.group(1)), Double.parseDouble(rect.group(2)),
                    Double.parseDouble(rect.group(3)), Double.parseDouble(rect.group(4)) });
        }
        assertThat(boxes).hasSize(80);
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] a = boxes.get(i);
                double[] b = boxes.get(j);
                boolean apart = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
                assertThat(apart).as("nodes %d and %d overlap", i, j).isTrue();
            }
        }
    }

    private static void assertViolation(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RuleViolationException.class,
                ex -> assertThat(ex.violations()).extracting(RuleViolationException.Violation::code).contains(code));
    }

    static ChainElementDraft resource(String name, ResourceKind kind, Long provider, String quantity, String unit,
            String value) {
        return new ChainElementDraft(ElementKind.RESOURCE, name, null, kind, provider,
                quantity == null ? null : new BigDecimal(quantity), unit, value == null ? null : new BigDecimal(value),
                null, null, null, null);
    }

    static ChainElementDraft activity(String name, ActivityType type, SupportCategory category) {
        return new ChainElementDraft(ElementKind.ACTIVITY, name, null, null, null, null, null, null, type, category,
                null, null);
    }

    static ChainElementDraft effect(String name, EffectTarget target) {
        return new ChainElementDraft(ElementKind.EFFECT, name, null, null, null, null, null, null, null, null, target,
                null);
    }
}
