package fr.maillon.chain;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The demo's Conserverie: every element in the diagram, every stakeholder's cost and benefit in the balance. */
@SpringBootTest
@AutoConfigureMockMvc
class DemoChainTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    fr.maillon.framework.RenewalService renewals;

    @Autowired
    fr.maillon.framework.ObjectiveService objectives;

    @Autowired
    ChainService chains;

    @Autowired
    BalanceService balances;

    @Autowired
    fr.maillon.framework.FrameworkService framework;

    long conserverie;

    @BeforeEach
    void setUp() {
        conserverie = jdbc.sql("SELECT min(id) FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'")
                .query(Long.class).single();
        users.signIn("coope");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDiagramShowsEveryElementOfTheDemo() throws Exception {
        ValueChain chain = chains.chain(conserverie);
        assertThat(chain.stakeholders()).hasSize(11);
        assertThat(chain.elements()).hasSize(27);
        assertThat(chain.stakeholders()).extracting(Stakeholder::type).containsAll(List.of(StakeholderType.values()));
        String svg = mvc.perform(get("/api/v1/evaluations/{id}/diagram.svg", conserverie).with(users.as("coope")))
                .andReturn().getResponse().getContentAsString();
        for (Stakeholder stakeholder : chain.stakeholders()) {
            assertThat(svg).contains("data-id=\"s" + stakeholder.id() + "\"");
        }
        for (ChainElement element : chain.elements()) {
            assertThat(svg).contains("data-id=\"e" + element.id() + "\"");
        }
        assertThat(svg.split("class=\"regeneration\"", -1)).hasSize(6);
        assertThat(svg).contains("Activités de soutien").contains("Communauté d&#39;action");
    }

    @Test
    void theDemoFrameworkHasItsIndicatorsValuesAndResults() {
        List<fr.maillon.framework.IndicatorResults> results = framework.results(conserverie,
                fr.maillon.framework.PeriodType.YEAR);
        assertThat(framework.indicators(conserverie)).hasSize(16);
        assertThat(results).extracting(r -> r.indicator().code()).contains("valeur_benevolat", "part_qpv");
        var value = results.stream().filter(r -> r.indicator().code().equals("valeur_benevolat")).findFirst()
                .orElseThrow().periods();
        assertThat(value.get(0).value()).isEqualByComparingTo("8892");
        assertThat(value.get(3).value()).isEqualByComparingTo("15375");
        var share = results.stream().filter(r -> r.indicator().code().equals("part_qpv")).findFirst().orElseThrow()
                .periods();
        assertThat(share.get(0).value()).isEqualByComparingTo("54.5455");
        var kg = results.stream().filter(r -> r.indicator().code().equals("kg_transformes")).findFirst()
                .orElseThrow().periods();
        assertThat(kg.get(3).cumulative()).isEqualByComparingTo("1800");
        assertThat(kg.get(3).percentOfTarget()).isEqualByComparingTo("100");
        var volunteers = results.stream().filter(r -> r.indicator().code().equals("benevoles")).findFirst()
                .orElseThrow();
        assertThat(volunteers.periods().get(3).value()).isEqualByComparingTo("21");
        assertThat(volunteers.categories().get("Femmes").get(3).value()).isEqualByComparingTo("13");
        assertThat(volunteers.indicator().libraryEntryId()).isNotNull();
        var phases = framework.results(conserverie, fr.maillon.framework.PeriodType.CUSTOM).stream()
                .filter(r -> r.indicator().code().equals("heures_benevoles")).findFirst().orElseThrow().periods();
        assertThat(phases).extracting(p -> p.value().toPlainString()).containsExactly("2100", "3100");
    }

    @Test
    void theDemoSurveyFeedsItsIndicatorPerSeasonAndSex() {
        long responses = jdbc.sql("SELECT count(*) FROM survey_response WHERE survey_id IN "
                + "(SELECT id FROM survey WHERE evaluation_id = :e)").param("e", conserverie).query(Long.class).single();
        assertThat(responses).isEqualTo(89);
        var fed = framework.results(conserverie, fr.maillon.framework.PeriodType.YEAR).stream()
                .filter(r -> r.indicator().code().equals("consommation_changee")).findFirst().orElseThrow();
        assertThat(fed.periods().get(1).value()).isEqualByComparingTo("50");
        assertThat(fed.periods().get(3).value()).isEqualByComparingTo("63.8298");
        assertThat(fed.categories().get("Femmes").get(3).value()).isEqualByComparingTo("71.4286");
        assertThat(jdbc.sql("SELECT count(*) FILTER (WHERE consent) || '/' || count(*) FROM evidence "
                + "WHERE evaluation_id = :e").param("e", conserverie).query(String.class).single()).isEqualTo("3/4");
    }

    @Test
    void theDemoReadsItsResultsThroughTheChain() {
        fr.maillon.framework.Renewal renewal = renewals.renewal(conserverie, fr.maillon.framework.PeriodType.YEAR);
        assertThat(renewal.resources()).extracting(line -> line.indicator().code())
                .contains("benevoles", "heures_benevoles", "producteurs", "heures_accorderie");
        var volunteers = renewal.resources().stream().filter(line -> line.indicator().code().equals("benevoles"))
                .findFirst().orElseThrow();
        assertThat(volunteers.resource()).isEqualTo("Temps des bénévoles");
        assertThat(volunteers.points().get(1).changePercent()).isEqualByComparingTo("33.3");
        assertThat(renewal.support()).singleElement().satisfies(line -> {
            assertThat(line.measure()).isEqualTo(fr.maillon.framework.Measure.HOURS);
            assertThat(line.points().get(0).sharePercent()).isEqualByComparingTo("41.7");
            assertThat(line.points().get(1).sharePercent()).isEqualByComparingTo("34.8");
        });
        var overview = objectives.overview(conserverie);
        // other tests may add to the shared demo: look for the demo's own objectives and questions
        assertThat(overview.objectives()).extracting(fr.maillon.framework.Objective::target)
                .contains(fr.maillon.chain.EffectTarget.values());
        assertThat(overview.questions()).extracting(fr.maillon.framework.EvaluativeQuestion::text)
                .contains("Les participants ont-ils changé leur façon de consommer ?");
        assertThat(overview.indicatorLinks()).allSatisfy(links -> assertThat(links.questionIds().size()
                + links.elementIds().size()).isPositive());
    }

    @Test
    void theBalanceGivesEachStakeholdersCostAndBenefit() {
        List<StakeholderBalance> balance = balances.balances(conserverie);
        assertThat(balance).hasSize(11).allSatisfy(stakeholder -> {
            assertThat(stakeholder.brings()).isNotEmpty();
            assertThat(stakeholder.gets()).isNotEmpty();
        });
        StakeholderBalance producers = balance.stream()
                .filter(b -> b.stakeholder().name().equals("Producteurs bio locaux")).findFirst().orElseThrow();
        assertThat(producers.bringsAmounts()).containsExactly(new Amount(new java.math.BigDecimal("1800.00"), "kg"));
        assertThat(producers.getsEur()).isEqualByComparingTo("3000");
        assertThat(balances.valuation(conserverie).totalEur()).isEqualByComparingTo("77572.00");
    }
}
