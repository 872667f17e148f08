package fr.maillon.organisation;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 16, point 5: any kind of structure. A Territoire zéro chômeur created from scratch through
 * the pages has no CAF field and writes for its comité local, not for the CAF; a Seine-Maritime
 * structure is offered neither the Drôme's référentiel nor the Drôme's networks; a structure hides
 * the référentiels it does not want; a conseil départemental reads only what is shared with it;
 * the exchange format carries the kind and the new audience.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StructureKindsTests {

    private static final Pattern ID = Pattern.compile("/(\\d+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTerritoireZeroChomeurCreatedFromScratchHasNoCafFieldAndWritesForItsComiteLocal() throws Exception {
        String choice = page(get("/admin/structures/new").with(users.as("admin")));
        assertThat(choice).contains("Quel type de structure ?").contains("value=\"TERRITOIRE_ZERO_CHOMEUR\"")
                .doesNotContain("name=\"agrementStart\"");

        String form = page(get("/admin/structures/new").param("kind", "TERRITOIRE_ZERO_CHOMEUR")
                .with(users.as("admin")));
        assertThat(form).contains("name=\"employmentCompany\"").contains("name=\"habilitationDate\"")
                .contains("Territoire zéro chômeur").doesNotContain("name=\"agrementStart\"")
                .doesNotContain("name=\"agrementEnd\"").doesNotContain("name=\"managementMode\"")
                .doesNotContain("agrément");
        assertThat(page(get("/admin/structures/new").param("kind", "CENTRE_SOCIAL").with(users.as("admin"))))
                .contains("name=\"agrementStart\"").contains("name=\"managementMode\"")
                .doesNotContain("name=\"employmentCompany\"");
        assertThat(page(get("/admin/structures/new").param("kind", "<script>").with(users.as("admin"))))
                .as("an unknown kind shows the choice again").contains("Quel type de structure ?");

        String name = "TZC Pays de Caux " + System.nanoTime();
        // A forged agrément and mode de gestion are not kept for a kind that has none.
        MockHttpServletResponse created = mvc.perform(post("/admin/structures/new").with(users.as("admin"))
                .with(csrf()).param("name", name).param("kind", "TERRITOIRE_ZERO_CHOMEUR").param("departement", "76")
                .param("commune", "Yvetot").param("employmentCompany", "EBE Caux Emploi")
                .param("habilitationDate", "2021-07-01").param("agrementStart", "2022-01-01")
                .param("managementMode", "CAF").param("territoryType", "RURAL")).andReturn().getResponse();
        assertThat(created.getRedirectedUrl()).matches("/organisations/\\d+/members");
        long structure = id(created.getRedirectedUrl());
        assertThat(jdbc.sql("""
                SELECT s.kind || ' ' || coalesce(s.agrement_start::text, '-') || ' ' || coalesce(s.management_mode, '-')
                       || ' ' || s.employment_company || ' ' || s.habilitation_date
                FROM structure s WHERE s.id = :id
                """).param("id", structure).query(String.class).single())
                .isEqualTo("TERRITOIRE_ZERO_CHOMEUR - - EBE Caux Emploi 2021-07-01");

        String director = users.newUsername("tzc");
        users.addMember(structure, users.newUser(director), Role.STRUCTURE_ADMIN);
        String card = page(get("/structures/{id}", structure).with(users.as(director)));
        assertThat(card).contains("Entreprise à but d&#39;emploi").contains("EBE Caux Emploi").contains("01/07/2021")
                .doesNotContain("agrément").doesNotContain("Mode de gestion");
        assertThat(page(get("/structures/{id}/edit", structure).with(users.as(director))))
                .contains("name=\"employmentCompany\"").doesNotContain("name=\"agrementStart\"")
                .doesNotContain("name=\"managementMode\"");

        assertThat(page(get("/structures/{id}/evaluations/new", structure).with(users.as(director))))
                .contains("Tout le projet du territoire").doesNotContain("Tout le projet social");
        long evaluation = id(mvc.perform(post("/structures/{id}/evaluations/new", structure).with(users.as(director))
                .with(csrf()).param("title", "Évaluation 2024").param("scope", "PROJET_SOCIAL")
                .param("periodStart", "2024-01-01").param("periodEnd", "2024-12-31").param("status", "FRAMING"))
                .andReturn().getResponse().getRedirectedUrl());
        assertThat(page(get("/evaluations/{id}", evaluation).with(users.as(director))))
                .contains("Tout le projet du territoire").doesNotContain("Tout le projet social");

        String reports = page(get("/evaluations/{id}/reports", evaluation).with(users.as(director)));
        assertThat(reports).contains("value=\"COMITE_LOCAL\"").contains("Comité local pour l&#39;emploi")
                .doesNotContain("value=\"CAF\"").doesNotContain("Dossier d&#39;agrément pour la CAF");
        mvc.perform(post("/evaluations/{id}/reports", evaluation).with(users.as(director)).with(csrf())
                .param("audience", "CAF").param("title", "Dossier CAF"));
        assertThat(reportAudiences(evaluation)).as("no CAF file for a Territoire zéro chômeur").isEmpty();
        String report = mvc.perform(post("/evaluations/{id}/reports", evaluation).with(users.as(director))
                .with(csrf()).param("audience", "COMITE_LOCAL").param("title", "Rapport au CLE"))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(report).matches("/reports/\\d+");
        assertThat(reportAudiences(evaluation)).containsExactly("COMITE_LOCAL");
        assertThat(page(get(report).with(users.as(director)))).contains("Comité local pour l&#39;emploi")
                .doesNotContain("Dossier d&#39;agrément pour la CAF");

        String exported = page(get("/api/v1/evaluations/{id}/export", evaluation).with(users.as(director)));
        assertThat(exported).contains("\"structureKind\":\"TERRITOIRE_ZERO_CHOMEUR\"")
                .contains("\"audience\":\"COMITE_LOCAL\"");
        TestUsers.Created other = users.structureWithMember(Role.STRUCTURE_EDITOR);
        MockHttpServletResponse imported = mvc.perform(post("/api/v1/structures/{id}/evaluations/import",
                other.structureId()).with(users.as(other.username())).with(csrf()).contentType("application/json")
                .content(exported)).andReturn().getResponse();
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(201);
        assertThat(reportAudiences(Long.parseLong(imported.getContentAsString().replaceAll("\\D", ""))))
                .as("a report keeps the audience it was written for").containsExactly("COMITE_LOCAL");
    }

    @Test
    void aCentreSocialStillWritesTheCafFileAndAnAssociationItsAssociativeProject() throws Exception {
        long cooperation = jdbc.sql("SELECT id FROM organisation WHERE name = 'La Coopération'").query(Long.class)
                .single();
        long conserverie = jdbc.sql("SELECT id FROM evaluation WHERE structure_id = :id AND title = "
                + "'Conserverie Mobile et Solidaire'").param("id", cooperation).query(Long.class).single();
        assertThat(page(get("/evaluations/{id}/reports", conserverie).with(users.as("coope"))))
                .contains("Dossier d&#39;agrément pour la CAF").doesNotContain("value=\"COMITE_LOCAL\"");

        long association = structure("Association Oxygène " + System.nanoTime(), StructureKind.ASSOCIATION, "76");
        String director = admin(association);
        assertThat(page(get("/structures/{id}/evaluations/new", association).with(users.as(director))))
                .contains("Tout le projet associatif");
        assertThat(page(get("/structures/{id}", association).with(users.as(director))))
                .doesNotContain("agrément").doesNotContain("Entreprise à but d&#39;emploi");
    }

    @Test
    void aSeineMaritimeStructureIsOfferedNeitherTheDromeReferentialNorTheDromeNetworks() throws Exception {
        String suffix = String.valueOf(System.nanoTime());
        long structure = structure("Centre social du Havre " + suffix, StructureKind.CENTRE_SOCIAL, "76");
        String director = admin(structure);
        long federation = network(OrganisationType.FEDERATION, "Fédération de Seine-Maritime " + suffix, "76");
        long departement = network(OrganisationType.DEPARTEMENT, "Département de Seine-Maritime " + suffix, "76");
        long dromeCaf = jdbc.sql("SELECT id FROM organisation WHERE name = 'CAF de la Drôme'").query(Long.class)
                .single();

        String card = page(get("/structures/{id}", structure).with(users.as(director)));
        assertThat(card).contains("Fédération de Seine-Maritime " + suffix)
                .contains("Département de Seine-Maritime " + suffix)
                .doesNotContain("Fédération des centres sociaux de la Drôme").doesNotContain("CAF de la Drôme");
        mvc.perform(post("/structures/{id}/shares", structure).with(users.as(director)).with(csrf())
                .param("recipientId", String.valueOf(dromeCaf)).param("evaluationId", ""));
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation_share WHERE structure_id = :id").param("id", structure)
                .query(Long.class).single()).as("the Drôme's CAF is not its network").isZero();
        mvc.perform(post("/structures/{id}/shares", structure).with(users.as(director)).with(csrf())
                .param("recipientId", String.valueOf(federation)).param("evaluationId", ""));
        assertThat(jdbc.sql("SELECT recipient_id FROM evaluation_share WHERE structure_id = :id")
                .param("id", structure).query(Long.class).list()).containsExactly(federation);
        assertThat(departement).isPositive();

        String referentials = page(get("/structures/{id}/referentials", structure).with(users.as(director)));
        assertThat(referentials).contains("Finalités de l&#39;animation de la vie sociale (CAF)")
                .doesNotContain("Référentiel départemental de la Drôme");
        long evaluation = evaluation(structure, director);
        assertThat(effectForm(evaluation, director)).contains("Inclusion sociale et socialisation")
                .doesNotContain("Cohésion sociale</option>").doesNotContain("Richesses produites");
        assertThat(page(get("/evaluations/{id}/library", evaluation).with(users.as(director))))
                .doesNotContain("Référentiel de la Drôme");

        long territoire = structure("TZC de Fécamp " + suffix, StructureKind.TERRITOIRE_ZERO_CHOMEUR, "76");
        assertThat(page(get("/structures/{id}/referentials", territoire).with(users.as(admin(territoire)))))
                .as("the CAF finalités speak to centres sociaux and EVS")
                .doesNotContain("Finalités de l&#39;animation de la vie sociale (CAF)")
                .doesNotContain("Référentiel départemental de la Drôme");
    }

    @Test
    void aHiddenReferentialIsNoLongerOfferedForEffects() throws Exception {
        long structure = structure("Centre social des Hauts " + System.nanoTime(), StructureKind.CENTRE_SOCIAL, "26");
        String director = admin(structure);
        long evaluation = evaluation(structure, director);
        assertThat(effectForm(evaluation, director)).contains("Inclusion sociale et socialisation")
                .contains("Richesses produites");
        long caf = jdbc.sql("SELECT id FROM referential WHERE structure_id IS NULL AND code = 'caf'")
                .query(Long.class).single();
        long inclusion = jdbc.sql("SELECT id FROM referential_dimension WHERE referential_id = :id AND code = "
                + "'inclusion'").param("id", caf).query(Long.class).single();
        long effect = id(mvc.perform(post("/evaluations/{id}/elements/new", evaluation).param("kind", "EFFECT")
                .with(users.as(director)).with(csrf()).param("name", "Des liens retrouvés").param("target", "HABITANTS")
                .param("dimensionId", String.valueOf(inclusion))).andReturn().getResponse().getRedirectedUrl());
        assertThat(effect).isEqualTo(evaluation);
        long effectId = jdbc.sql("SELECT id FROM chain_element WHERE evaluation_id = :id AND name = 'Des liens retrouvés'")
                .param("id", evaluation).query(Long.class).single();

        String viewer = users.newUsername("lecteur");
        users.addMember(structure, users.newUser(viewer), Role.STRUCTURE_VIEWER);
        assertThat(mvc.perform(post("/structures/{id}/referentials/{r}/hidden", structure, caf)
                .with(users.as(viewer)).with(csrf()).param("hidden", "true")).andReturn().getResponse().getStatus())
                .as("a viewer changes nothing").isEqualTo(403);

        mvc.perform(post("/structures/{id}/referentials/{r}/hidden", structure, caf).with(users.as(director))
                .with(csrf()).param("hidden", "true"));
        assertThat(page(get("/structures/{id}/referentials", structure).with(users.as(director))))
                .contains("non proposé").contains("Proposer de nouveau ce référentiel");
        assertThat(effectForm(evaluation, director)).doesNotContain("Inclusion sociale et socialisation")
                .contains("Richesses produites");
        assertThat(page(get("/evaluations/{id}/elements/{e}/edit", evaluation, effectId).with(users.as(director))))
                .as("an effect already filed under it keeps its dimension")
                .contains("Inclusion sociale et socialisation");

        long other = structure("Autre " + System.nanoTime(), StructureKind.CENTRE_SOCIAL, "26");
        assertThat(page(get("/structures/{id}/referentials", other).with(users.as(admin(other)))))
                .as("hiding is the structure's own setting").doesNotContain("non proposé");

        long dromeOfAnother = jdbc.sql("SELECT id FROM referential WHERE structure_id IS NULL AND code = 'drome'")
                .query(Long.class).single();
        long seineMaritime = structure("Havre " + System.nanoTime(), StructureKind.CENTRE_SOCIAL, "76");
        String hisAdmin = admin(seineMaritime);
        mvc.perform(post("/structures/{id}/referentials/{r}/hidden", seineMaritime, dromeOfAnother)
                .with(users.as(hisAdmin)).with(csrf()).param("hidden", "true"));
        assertThat(jdbc.sql("SELECT count(*) FROM structure_hidden_referential WHERE structure_id = :id")
                .param("id", seineMaritime).query(Long.class).single())
                .as("a référentiel it is not offered cannot be hidden").isZero();

        mvc.perform(post("/structures/{id}/referentials/{r}/hidden", structure, caf).with(users.as(director))
                .with(csrf()).param("hidden", "false"));
        assertThat(effectForm(evaluation, director)).contains("Inclusion sociale et socialisation");
    }

    @Test
    void aDepartementReadsOnlyWhatIsSharedWithIt() throws Exception {
        String suffix = String.valueOf(System.nanoTime());
        long departement = network(OrganisationType.DEPARTEMENT, "Département de l'Eure " + suffix, "27");
        String member = users.newUsername("cd27");
        users.addMember(departement, users.newUser(member), Role.DEPARTEMENT_MEMBER);
        long programme = network(OrganisationType.PROGRAMME, "Animation TZC Normandie " + suffix, "27");
        String facilitator = users.newUsername("etcld");
        users.addMember(programme, users.newUser(facilitator), Role.PROGRAMME_MEMBER);

        long structure = structure("TZC de Louviers " + suffix, StructureKind.TERRITOIRE_ZERO_CHOMEUR, "27");
        String director = admin(structure);
        long shared = evaluation(structure, director);
        long kept = evaluation(structure, director);
        mvc.perform(post("/structures/{id}/shares", structure).with(users.as(director)).with(csrf())
                .param("recipientId", String.valueOf(departement)).param("evaluationId", String.valueOf(shared)));

        assertThat(status(get("/evaluations/{id}", shared).with(users.as(member)))).isEqualTo(200);
        assertThat(status(get("/evaluations/{id}", kept).with(users.as(member)))).isEqualTo(404);
        assertThat(status(get("/evaluations/{id}/edit", shared).with(users.as(member)))).isEqualTo(403);
        assertThat(status(get("/evaluations/{id}", shared).with(users.as(facilitator))))
                .as("nothing was shared with the programme").isEqualTo(404);
        for (String path : List.of("/networks/{id}", "/networks/{id}/summary", "/networks/{id}/calendar",
                "/networks/{id}/milestones")) {
            assertThat(status(get(path, departement).with(users.as(member)))).as(path).isEqualTo(200);
            assertThat(status(get(path, programme).with(users.as(facilitator)))).as(path).isEqualTo(200);
            assertThat(status(get(path, departement).with(users.as(facilitator)))).as(path).isEqualTo(404);
        }
        assertThat(page(get("/networks/{id}", departement).with(users.as(member)))).contains("TZC de Louviers");
        assertThat(page(get("/organisations/{id}", departement).with(users.as(member))))
                .contains("Conseil départemental");
        assertThat(page(get("/networks/{id}/calendar", departement).with(users.as(member))))
                .as("a Territoire zéro chômeur has no agrément to date").doesNotContain("TZC de Louviers");

        String created = mvc.perform(post("/admin/networks/new").with(users.as("admin")).with(csrf())
                .param("type", "DEPARTEMENT").param("name", "Département " + suffix).param("departements", "27 76"))
                .andReturn().getResponse().getContentAsString();
        assertThat(created).contains("Un conseil départemental couvre un seul département");
        assertThat(page(get("/admin/networks/new").with(users.as("admin")))).contains("value=\"DEPARTEMENT\"")
                .contains("value=\"PROGRAMME\"");
    }

    // --- helpers ------------------------------------------------------------------------------

    private long structure(String name, StructureKind kind, String departement) {
        return organisations.createStructureUnchecked(new StructureDraft(name, kind, departement, "Commune", null,
                null, null, null, false, null, null));
    }

    private long network(OrganisationType type, String name, String departement) {
        return organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(type, name,
                List.of(departement)));
    }

    private String admin(long structure) {
        String username = users.newUsername("kind");
        users.addMember(structure, users.newUser(username), Role.STRUCTURE_ADMIN);
        return username;
    }

    private long evaluation(long structure, String director) throws Exception {
        return id(mvc.perform(post("/structures/{id}/evaluations/new", structure).with(users.as(director))
                .with(csrf()).param("title", "Évaluation " + System.nanoTime()).param("scope", "PROJET_SOCIAL")
                .param("periodStart", "2024-01-01").param("periodEnd", "2024-12-31").param("status", "FRAMING"))
                .andReturn().getResponse().getRedirectedUrl());
    }

    private String effectForm(long evaluation, String director) throws Exception {
        return page(get("/evaluations/{id}/elements/new", evaluation).param("kind", "EFFECT").with(users.as(director)));
    }

    private List<String> reportAudiences(long evaluation) {
        return jdbc.sql("SELECT audience FROM report WHERE evaluation_id = :id ORDER BY id").param("id", evaluation)
                .query(String.class).list();
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return response.getContentAsString();
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private static long id(String url) {
        assertThat(url).isNotNull();
        Matcher matcher = ID.matcher(url);
        assertThat(matcher.find()).as(url).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
