package fr.maillon.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.organisation.Role;
import fr.maillon.web.Routes.Route;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopDraft;
import fr.maillon.workshop.WorkshopService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every form and every API call of the application ({@link Routes}), sent by the admin of a
 * structure that owns a copy of the demo's evaluation, with each value of a hostile corpus in
 * every parameter and every field of its form (empty, huge, NUL, scripts, formulas, broken
 * numbers and dates, wrong encodings), and every JSON body of a hostile corpus (truncated, deeply
 * nested, huge, script-bearing): never a 500, never a script written back into a page. Then every
 * page of the structure, with whatever was stored, is read: no script in them either.
 */
@SpringBootTest
@AutoConfigureMockMvc
class HostileInputTests {

    private static final String SCRIPT = "<script>alert('maillon')</script>";
    private static final String IMAGE = "\"><img src=x onerror=alert(1)>";
    private static final List<String> VALUES = List.of("", " ", SCRIPT, IMAGE, "x".repeat(100_000), "a\u0000b",
            "1e999999", "-1", "99999999999999999999999", "0.0000000000000000001", "NaN", "2024-13-45", "../../etc/passwd",
            "=HYPERLINK(\"http://evil.example\")", "Ã©tÃ© \uFFFD \uD83D\uDE00", "%00%ff", "1;DROP TABLE evaluation");
    private static final List<String> BODIES = List.of("", "{", "[", "null", "\"texte\"", "42",
            "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
            "{\"name\":\"" + SCRIPT + "\",\"title\":\"" + SCRIPT + "\",\"label\":\"" + SCRIPT + "\"}",
            "{\"name\":\"" + "x".repeat(1_000_000) + "\"}", "[" + "{},".repeat(20_000) + "{}]",
            "{\"name\":\"a\u0000b\",\"value\":1e999999}", "{\"version\":\"\\ud800\"}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    ExchangeService exchange;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkshopService workshops;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyFormAndApiCallSurvivesAHostileCorpus() throws Exception {
        TestUsers.Created owner = users.structureWithMember(Role.STRUCTURE_ADMIN);
        users.signIn(owner.username());
        long evaluation = exchange.importEvaluation(owner.structureId(), TestFiles.demoDocument());
        // the route walk (ids: the first workshop) may close its workshop; the participant's forms use another
        workshops.open(evaluation, new WorkshopDraft("Atelier du parcours", 60, 5));
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier hostile", 60, 5));
        SecurityContextHolder.clearContext();
        Map<String, String> ids = Routes.ids(jdbc, owner.structureId(), evaluation,
                jdbc.sql("SELECT id FROM organisation WHERE type = 'FEDERATION' ORDER BY id LIMIT 1")
                        .query(Long.class).single());
        List<String> failures = new ArrayList<>();
        int sent = 0;
        // what deletes comes last, so that every other route meets the rows it works on
        List<Route> routes = new ArrayList<>(Routes.all(mappings));
        routes.sort(java.util.Comparator.comparing(HostileInputTests::destructive)
                .thenComparing(route -> route.pattern() + route.method()));
        for (Route route : routes) {
            String url = Routes.fill(route.pattern(), ids);
            if (url.startsWith("/logout") || url.contains("/account/password")) {
                continue;
            }
            for (String value : VALUES) {
                check(route, url, Routes.request(route, url, (name, type) -> value, null), owner, failures);
                sent++;
            }
            if (Routes.takesBody(route)) {
                for (String body : BODIES) {
                    check(route, url, Routes.request(route, url, Routes::plausible, body), owner, failures);
                    sent++;
                }
            }
        }
        for (Route route : Routes.all(mappings)) {
            if (route.reads() && route.hasIds()) {
                String url = Routes.fill(route.pattern(), ids);
                check(route, url, Routes.request(route, url, Routes::plausible, null), owner, failures);
            }
        }
        // the public survey form of the copy, answered with each hostile value in every question
        String wave = jdbc.sql("SELECT min(w.token) FROM survey_wave w JOIN survey s ON s.id = w.survey_id "
                + "WHERE s.evaluation_id = ?").param(evaluation).query(String.class).single();
        List<Long> questions = jdbc.sql("SELECT q.id FROM survey_question q JOIN survey s ON s.id = q.survey_id "
                + "WHERE s.evaluation_id = ?").param(evaluation).query(Long.class).list();
        for (String value : VALUES) {
            AbstractMockHttpServletRequestBuilder<?> answer = post("/s/" + wave).param("consent", value)
                    .param("submission", value);
            for (long question : questions) {
                answer = answer.param("q" + question, value);
            }
            MockHttpServletResponse response = mvc.perform(answer).andReturn().getResponse();
            if (response.getStatus() >= 500 || markup(response) && response.getContentAsString().contains(SCRIPT)) {
                failures.add("POST /s/" + wave + " with " + value.substring(0, Math.min(20, value.length())) + ": "
                        + response.getStatus());
            }
        }
        sent += workshopForms(workshop, failures);
        assertThat(failures).isEmpty();
        assertThat(sent).as("hostile requests sent").isGreaterThan(2_000);
    }

    /**
     * A workshop's join and card forms and its +1, sent by a participant who joined, with each
     * hostile value in every field (and as the card's id): refused clearly, never a 500 nor a
     * script written back, and nothing stored, no participant, card or dot.
     */
    private int workshopForms(Workshop workshop, List<String> failures) throws Exception {
        String base = "/w/" + workshop.code();
        jakarta.servlet.http.Cookie cookie = mvc.perform(post(base + "/join").param("role", "HABITANT")).andReturn()
                .getResponse().getCookie("maillon_workshop");
        assertThat(cookie).as("a participant's cookie").isNotNull();
        String before = workshopRows(workshop);
        int sent = 0;
        for (String value : VALUES) {
            List<AbstractMockHttpServletRequestBuilder<?>> requests = List.of(
                    post(base + "/join").param("role", value),
                    post(base + "/cards").cookie(cookie).param("submissionKey", value).param("kind", value)
                            .param("target", value).param("text", value).param("consent", value),
                    post(base + "/cards").cookie(cookie).param("submissionKey", java.util.UUID.randomUUID().toString())
                            .param("kind", value).param("target", value).param("text", value).param("consent", value),
                    post(base + "/cards/" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                            + "/dot").cookie(cookie),
                    post("/w/" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8) + "/cards")
                            .cookie(cookie).param("kind", "RESOURCE").param("text", value),
                    org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/w").param("code", value));
            for (int i = 0; i < requests.size(); i++) {
                MockHttpServletResponse response = mvc.perform(requests.get(i)).andReturn().getResponse();
                boolean lookup = i == requests.size() - 1;
                sent++;
                String body = response.getContentAsString();
                String shown = value.substring(0, Math.min(20, value.length()));
                if (response.getStatus() >= 500 || response.getStatus() < 300 && !lookup) {
                    failures.add("workshop form with " + shown + ": " + response.getStatus() + " "
                            + response.getRedirectedUrl());
                }
                else if (markup(response) && (body.contains(SCRIPT) || body.contains("<img src=x onerror"))) {
                    failures.add("workshop form with " + shown + ": a script written back into the answer");
                }
            }
        }
        if (!workshopRows(workshop).equals(before)) {
            failures.add("the workshop's hostile posts stored something: " + before + " then " + workshopRows(workshop));
        }
        return sent;
    }

    private String workshopRows(Workshop workshop) {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM workshop_participant WHERE workshop_id = :id) || '/'
                       || (SELECT count(*) FROM workshop_card WHERE workshop_id = :id) || '/'
                       || (SELECT count(*) FROM workshop_dot d JOIN workshop_card c ON c.id = d.card_id
                            WHERE c.workshop_id = :id)
                """).param("id", workshop.id()).query(String.class).single();
    }

    private void check(Route route, String url, AbstractMockHttpServletRequestBuilder<?> request,
            TestUsers.Created owner, List<String> failures) throws Exception {
        request = request.with(users.as(owner.username()));
        if (!route.reads()) {
            request = request.with(csrf());
        }
        MockHttpServletResponse response;
        try {
            response = mvc.perform(request).andReturn().getResponse();
        }
        catch (jakarta.servlet.ServletException ex) {
            // what a real server would answer with a 500
            failures.add(route.method() + " " + url + ": " + ex.getRootCause());
            return;
        }
        String body = response.getContentAsString();
        if (response.getStatus() >= 500) {
            failures.add(route.method() + " " + url + ": " + response.getStatus());
        }
        else if (markup(response) && (body.contains(SCRIPT) || body.contains("<img src=x onerror"))) {
            failures.add(route.method() + " " + url + ": a script written back into the answer");
        }
    }

    private static boolean destructive(Route route) {
        return route.method() == org.springframework.web.bind.annotation.RequestMethod.DELETE
                || route.pattern().matches(".*/(delete|remove|revoke|cancel)$");
    }

    /** HTML or SVG, where a script would run; JSON and files are data, served as such. */
    private static boolean markup(MockHttpServletResponse response) {
        String type = String.valueOf(response.getContentType());
        return type.contains("html") || type.contains("svg");
    }

}
