package fr.maillon.network;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.http.MediaType.APPLICATION_JSON;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A programme's facilitators withdraw a link not used yet (it then refuses, saying it was withdrawn) and remove a
 * structure from the cohort (its shares with the programme end, it leaves the progress, its members read that the
 * programme removed it), on the page and through the API; anyone else gets 404 (or the sign-in page) and changes
 * nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeCohortManagementTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ProgrammeService programmes;

    @Autowired
    ProgressService progress;

    @Autowired
    JdbcClient jdbc;

    long programme;
    String facilitator;
    String outsider;
    long otherFederation;

    @BeforeAll
    void programme() {
        long federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération qui anime une cohorte", List.of("974")));
        facilitator = users.newUsername("animatrice");
        users.addMember(federation, users.newUser(facilitator), Role.FEDERATION_MEMBER);
        otherFederation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération voisine de la cohorte", List.of("974")));
        outsider = users.newUsername("voisine");
        users.addMember(otherFederation, users.newUser(outsider), Role.FEDERATION_MEMBER);
        users.signIn(facilitator);
        programme = programmes.create(federation, "Cohorte à gérer", "");
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aWithdrawnLinkRefusesSayingSoAndChangesNothing() throws Exception {
        Member centre = structure("Centre au lien retiré");
        users.signIn(facilitator);
        IssuedProgrammeInvitation issued = programmes.invite(programme, "Centre au lien retiré");
        SecurityContextHolder.clearContext();
        mvc.perform(get("/programmes/" + programme).with(users.as(facilitator)))
                .andExpect(content().string(containsString("Centre au lien retiré : lien valable")))
                .andExpect(content().string(containsString("/invitations/" + issued.invitation().id() + "/cancel")));

        mvc.perform(post("/programmes/" + programme + "/invitations/" + issued.invitation().id() + "/cancel")
                .with(csrf()).with(users.as(facilitator)))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/programmes/" + programme + "#invitations"))
                .andExpect(flash().attribute("flash", "network.programme.invitation.cancelled"));
        mvc.perform(get("/programmes/" + programme).with(users.as(facilitator)))
                .andExpect(content().string(not(containsString("Centre au lien retiré : lien valable"))));

        mvc.perform(get("/programme-invitations/" + issued.token()).with(users.as(centre.admin())))
                .andExpect(status().isGone())
                .andExpect(content().string(containsString("a été retiré par l&#39;équipe qui anime le programme")));
        mvc.perform(post("/programme-invitations/" + issued.token()).with(csrf()).with(users.as(centre.admin()))
                .param("structureId", String.valueOf(centre.structureId())).param("share", "ALL"))
                .andExpect(status().isGone())
                .andExpect(content().string(containsString("rien n&#39;a changé pour votre structure")));
        users.signIn(centre.admin());
        assertThatThrownBy(() -> programmes.join(issued.token(), centre.structureId(), "ALL"))
                .isInstanceOf(ProgrammeInvitationUnusableException.class)
                .matches(ex -> ((ProgrammeInvitationUnusableException) ex).withdrawn());
        assertThat(organisations.shares(centre.structureId())).noneMatch(share -> share.recipientId() == programme);
        assertThat(cohort()).doesNotContain("Centre au lien retiré");

        // withdrawn already: nothing left to withdraw
        mvc.perform(post("/programmes/" + programme + "/invitations/" + issued.invitation().id() + "/cancel")
                .with(csrf()).with(users.as(facilitator)))
                .andExpect(status().isNotFound());

        // through the API
        users.signIn(facilitator);
        IssuedProgrammeInvitation second = programmes.invite(programme, "Centre au lien retiré");
        SecurityContextHolder.clearContext();
        String token = token(facilitator);
        mvc.perform(delete("/api/v1/programmes/" + programme + "/invitations/" + second.invitation().id())
                .header("Authorization", "Bearer " + token))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/v1/programmes/" + programme + "/invitations/" + second.invitation().id())
                .header("Authorization", "Bearer " + token))
                .andExpect(status().isNotFound());
        mvc.perform(get("/programme-invitations/" + second.token()).with(users.as(centre.admin())))
                .andExpect(status().isGone());

        // a used link is no longer pending: it cannot be withdrawn, and the structure stays in
        users.signIn(facilitator);
        IssuedProgrammeInvitation used = programmes.invite(programme, "Centre au lien retiré");
        users.signIn(centre.admin());
        programmes.join(used.token(), centre.structureId(), ProgrammeService.SHARE_NOTHING);
        SecurityContextHolder.clearContext();
        mvc.perform(delete("/api/v1/programmes/" + programme + "/invitations/" + used.invitation().id())
                .header("Authorization", "Bearer " + token))
                .andExpect(status().isNotFound());
        assertThat(cohort()).contains("Centre au lien retiré");
        // an unknown link still says it is no longer valid, as before
        mvc.perform(get("/programme-invitations/unknown-link").with(users.as(centre.admin())))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("n&#39;est plus valable")));
    }

    @Test
    void removingAStructureEndsItsSharesTakesItOutOfTheProgressAndTellsItsMembers() throws Exception {
        Member centre = structure("Centre retiré de la cohorte");
        join(centre, ProgrammeService.SHARE_ALL);
        mvc.perform(get("/evaluations/" + centre.evaluationId()).with(users.as(facilitator)))
                .andExpect(status().isOk());
        mvc.perform(get("/programmes/" + programme).with(users.as(facilitator)))
                .andExpect(content().string(containsString("id=\"cohort\"")))
                .andExpect(content().string(containsString("<details>")))
                .andExpect(content().string(containsString("Confirmer : retirer Centre retiré de la cohorte du programme")))
                .andExpect(content().string(containsString("/structures/" + centre.structureId() + "/remove")));

        mvc.perform(post("/programmes/" + programme + "/structures/" + centre.structureId() + "/remove")
                .with(csrf()).with(users.as(facilitator)))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/programmes/" + programme + "#cohort"))
                .andExpect(flash().attribute("flash", "network.programme.structure.removed"));

        assertThat(cohort()).doesNotContain("Centre retiré de la cohorte");
        users.signIn(centre.admin());
        assertThat(organisations.shares(centre.structureId())).noneMatch(share -> share.recipientId() == programme);
        assertThat(programmes.joined(centre.structureId())).isEmpty();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM evaluation_share
                WHERE structure_id = :s AND recipient_id = :p AND revoked_at IS NOT NULL
                """).param("s", centre.structureId()).param("p", programme).query(Integer.class).single())
                .as("the share is revoked, kept for the record").isEqualTo(1);
        SecurityContextHolder.clearContext();
        mvc.perform(get("/evaluations/" + centre.evaluationId()).with(users.as(facilitator)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/structures/" + centre.structureId() + "/programmes").with(users.as(centre.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Le programme Cohorte à gérer a retiré la structure")));
        // not in the cohort any more
        mvc.perform(post("/programmes/" + programme + "/structures/" + centre.structureId() + "/remove")
                .with(csrf()).with(users.as(facilitator)))
                .andExpect(status().isNotFound());

        // joining again forgets the removal
        join(centre, ProgrammeService.SHARE_NOTHING);
        mvc.perform(get("/structures/" + centre.structureId() + "/programmes").with(users.as(centre.admin())))
                .andExpect(content().string(not(containsString("a retiré la structure"))));

        // through the API
        String token = token(facilitator);
        mvc.perform(delete("/api/v1/programmes/" + programme + "/structures/" + centre.structureId())
                .header("Authorization", "Bearer " + token))
                .andExpect(status().isNoContent());
        assertThat(cohort()).doesNotContain("Centre retiré de la cohorte");
        mvc.perform(delete("/api/v1/programmes/" + programme + "/structures/" + centre.structureId())
                .header("Authorization", "Bearer " + token))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/programmes/" + programme + "/structures/999999999")
                .header("Authorization", "Bearer " + token))
                .andExpect(status().isNotFound());
    }

    @Test
    void anOutsiderTheStructureItselfOrNoOneChangeNothing() throws Exception {
        Member centre = structure("Centre qui reste");
        join(centre, ProgrammeService.SHARE_ALL);
        users.signIn(facilitator);
        IssuedProgrammeInvitation pending = programmes.invite(programme, "Centre encore invité");
        SecurityContextHolder.clearContext();
        String cancel = "/programmes/" + programme + "/invitations/" + pending.invitation().id() + "/cancel";
        String remove = "/programmes/" + programme + "/structures/" + centre.structureId() + "/remove";
        String apiInvitation = "/api/v1/programmes/" + programme + "/invitations/" + pending.invitation().id();
        String apiStructure = "/api/v1/programmes/" + programme + "/structures/" + centre.structureId();

        for (String someone : List.of(outsider, centre.admin())) {
            mvc.perform(post(cancel).with(csrf()).with(users.as(someone))).andExpect(status().isNotFound());
            mvc.perform(post(remove).with(csrf()).with(users.as(someone))).andExpect(status().isNotFound());
            String token = token(someone);
            mvc.perform(delete(apiInvitation).header("Authorization", "Bearer " + token))
                    .andExpect(status().isNotFound());
            mvc.perform(delete(apiStructure).header("Authorization", "Bearer " + token))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(post(cancel).with(csrf())).andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(post(remove).with(csrf())).andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(delete(apiInvitation)).andExpect(status().isUnauthorized());
        mvc.perform(delete(apiStructure)).andExpect(status().isUnauthorized());
        // an invitation id that does not exist: nothing to withdraw
        mvc.perform(delete("/api/v1/programmes/" + programme + "/invitations/999999999")
                .header("Authorization", "Bearer " + token(facilitator)))
                .andExpect(status().isNotFound());

        assertThat(cohort()).contains("Centre qui reste");
        users.signIn(centre.admin());
        assertThat(organisations.shares(centre.structureId())).anyMatch(share -> share.recipientId() == programme);
        SecurityContextHolder.clearContext();
        mvc.perform(get("/programme-invitations/" + pending.token()).with(users.as(centre.admin())))
                .andExpect(status().isOk());
        mvc.perform(get("/programmes/" + programme).with(users.as(facilitator)))
                .andExpect(content().string(containsString("Centre encore invité : lien valable")));
    }

    // --- set-up -------------------------------------------------------------------------------

    @Test
    void anotherProgrammesLinksAndStructuresAreOutOfReachUnderThisProgrammesAddress() throws Exception {
        users.signIn(outsider);
        long neighbours = programmes.create(otherFederation, "Cohorte voisine", "");
        IssuedProgrammeInvitation theirs = programmes.invite(neighbours, "Centre voisin en attente");
        IssuedProgrammeInvitation joining = programmes.invite(neighbours, "Centre voisin");
        SecurityContextHolder.clearContext();
        Member centre = structure("Centre voisin");
        users.signIn(centre.admin());
        programmes.join(joining.token(), centre.structureId(), ProgrammeService.SHARE_ALL);
        SecurityContextHolder.clearContext();

        String token = token(facilitator);
        mvc.perform(delete("/api/v1/programmes/" + programme + "/invitations/" + theirs.invitation().id())
                .header("Authorization", "Bearer " + token)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/programmes/" + programme + "/structures/" + centre.structureId())
                .header("Authorization", "Bearer " + token)).andExpect(status().isNotFound());
        mvc.perform(post("/programmes/" + programme + "/invitations/" + theirs.invitation().id() + "/cancel")
                .with(csrf()).with(users.as(facilitator))).andExpect(status().isNotFound());
        mvc.perform(post("/programmes/" + programme + "/structures/" + centre.structureId() + "/remove")
                .with(csrf()).with(users.as(facilitator))).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/programmes/" + neighbours + "/structures/" + centre.structureId())
                .header("Authorization", "Bearer " + token)).andExpect(status().isNotFound());

        users.signIn(outsider);
        assertThat(progress.progress(neighbours, ProgressQuery.ALL).structures())
                .extracting(NetworkProgress.Structure::name).containsExactly("Centre voisin");
        SecurityContextHolder.clearContext();
        users.signIn(centre.admin());
        assertThat(organisations.shares(centre.structureId())).anyMatch(share -> share.recipientId() == neighbours);
        SecurityContextHolder.clearContext();
        mvc.perform(get("/programme-invitations/" + theirs.token()).with(users.as(centre.admin())))
                .andExpect(status().isOk());
    }

    private record Member(long structureId, String admin, long evaluationId) {
    }

    private Member structure(String name) {
        long structure = users.newStructure(name);
        String admin = users.newUsername("direction");
        users.addMember(structure, users.newUser(admin), Role.STRUCTURE_ADMIN);
        users.signIn(admin);
        long evaluation = evaluations.create(structure, new EvaluationDraft("Projet social " + name,
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31),
                EvaluationStatus.FRAMING));
        SecurityContextHolder.clearContext();
        return new Member(structure, admin, evaluation);
    }

    private void join(Member member, String share) {
        users.signIn(facilitator);
        String token = programmes.invite(programme, "Invitation").token();
        users.signIn(member.admin());
        programmes.join(token, member.structureId(), share);
        SecurityContextHolder.clearContext();
    }

    private List<String> cohort() {
        users.signIn(facilitator);
        try {
            return progress.progress(programme, ProgressQuery.ALL).structures().stream().map(NetworkProgress.Structure::name).toList();
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    private String token(String username) throws Exception {
        String body = mvc.perform(post("/api/v1/tokens").with(users.as(username)).with(csrf())
                .contentType(APPLICATION_JSON).content("{\"label\":\"api\"}")).andReturn().getResponse()
                .getContentAsString();
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }
}
