package fr.maillon.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import fr.maillon.TestUsers;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.web.Routes.Route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Every route of the application ({@link Routes}), called with the ids of the demo's La
 * Coopération (its structure, its evaluation, and the first of each thing it owns) by every role
 * another organisation can have: the admin, editor and viewer of another structure, a member of
 * another département's federation and CAF. Each answer must be 403 or 404 and show nothing of La
 * Coopération; without a session, the answer is the sign-in page or 401. A route added tomorrow
 * is in the matrix without anyone listing it; a route whose path names a new kind of id fails here
 * until that kind is mapped in {@link Routes#ids}.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuthorizationMatrixTests {

    private static final List<String> FOREIGN = List.of("La Coopération", "Conserverie");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyRouteRefusesEveryOtherOrganisationsRoleAndShowsNothingOfLaCooperation() throws Exception {
        Map<String, String> ids = Routes.ids(jdbc, id("SELECT id FROM organisation WHERE name = 'La Coopération'"),
                id("SELECT e.id FROM evaluation e JOIN organisation o ON o.id = e.structure_id "
                        + "WHERE e.title = 'Conserverie Mobile et Solidaire' AND o.name = 'La Coopération'"),
                id("SELECT id FROM organisation WHERE name = 'Fédération des centres sociaux de la Drôme'"));
        Map<String, RequestPostProcessor> roles = strangers();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Route route : Routes.all(mappings)) {
            if (!route.hasIds()) {
                continue;
            }
            String url = Routes.fill(route.pattern(), ids);
            for (Map.Entry<String, RequestPostProcessor> role : roles.entrySet()) {
                MockHttpServletResponse response = call(route, url, role.getValue());
                checked++;
                if (response.getStatus() != 403 && response.getStatus() != 404) {
                    failures.add(route.method() + " " + url + " as " + role.getKey() + ": " + response.getStatus());
                }
                else if (FOREIGN.stream().anyMatch(response.getContentAsString()::contains)) {
                    failures.add(route.method() + " " + url + " as " + role.getKey() + ": La Coopération's data shown");
                }
            }
            MockHttpServletResponse anonymous = call(route, url, request -> request);
            checked++;
            boolean refused = url.startsWith("/api/") ? anonymous.getStatus() == 401 || anonymous.getStatus() == 403
                    : anonymous.getStatus() == 302 && anonymous.getRedirectedUrl().endsWith("/login")
                            || anonymous.getStatus() == 403;
            if (!refused || FOREIGN.stream().anyMatch(anonymous.getContentAsString()::contains)) {
                failures.add(route.method() + " " + url + " without a session: " + anonymous.getStatus());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).as("requests made: the matrix cannot be empty").isGreaterThan(800);
    }

    @Test
    void pagesWithoutIdsShowNothingOfLaCooperationToOthers() throws Exception {
        Map<String, RequestPostProcessor> roles = strangers();
        List<String> failures = new ArrayList<>();
        for (Route route : Routes.all(mappings)) {
            if (route.hasIds() || !route.reads()) {
                continue;
            }
            for (Map.Entry<String, RequestPostProcessor> role : roles.entrySet()) {
                MockHttpServletResponse response = call(route, route.pattern(), role.getValue());
                if (response.getStatus() >= 500 || FOREIGN.stream().anyMatch(response.getContentAsString()::contains)) {
                    failures.add("GET " + route.pattern() + " as " + role.getKey() + ": " + response.getStatus());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** The route called as its handler expects, so that the answer comes from the access check, not a missing parameter. */
    private MockHttpServletResponse call(Route route, String url, RequestPostProcessor role) throws Exception {
        AbstractMockHttpServletRequestBuilder<?> request = Routes.request(route, url,
                (name, type) -> Routes.requiredParameter(route, name) ? Routes.plausible(name, type) : null, null)
                .with(role);
        if (!route.reads()) {
            request = request.with(csrf());
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /**
     * The admin, editor and viewer of another structure, members of another département's networks
     * (federation, CAF, département, programme), and of a Drôme département La Coopération shares nothing with.
     */
    private Map<String, RequestPostProcessor> strangers() {
        Map<String, RequestPostProcessor> roles = new LinkedHashMap<>();
        for (Role role : List.of(Role.STRUCTURE_ADMIN, Role.STRUCTURE_EDITOR, Role.STRUCTURE_VIEWER)) {
            roles.put(role.name(), users.as(users.structureWithMember(role).username()));
        }
        for (OrganisationType type : OrganisationType.networks()) {
            long network = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(type,
                    type + " de la Lozère " + users.newUsername("n"), List.of("48")));
            String username = users.newUsername("network");
            users.addMember(network, users.newUser(username), networkRole(type));
            roles.put(type.name(), users.as(username));
        }
        // A conseil départemental of La Coopération's own département, with which nothing is shared.
        long drome = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.DEPARTEMENT, "Département de la Drôme " + users.newUsername("n"), List.of("26")));
        String username = users.newUsername("network");
        users.addMember(drome, users.newUser(username), Role.DEPARTEMENT_MEMBER);
        roles.put("DEPARTEMENT_26", users.as(username));
        return roles;
    }

    private static Role networkRole(OrganisationType type) {
        return switch (type) {
            case CAF -> Role.CAF_MEMBER;
            case DEPARTEMENT -> Role.DEPARTEMENT_MEMBER;
            case PROGRAMME -> Role.PROGRAMME_MEMBER;
            default -> Role.FEDERATION_MEMBER;
        };
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
