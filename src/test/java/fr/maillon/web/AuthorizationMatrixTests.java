package fr.maillon.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import fr.maillon.TestUsers;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every route of the application, read from its own request mappings, called with the ids of the
 * demo's La Coopération (its structure, its evaluation, and the first of each thing it owns) by
 * every role another organisation can have: the admin, editor and viewer of another structure, a
 * member of another département's federation and CAF. Each answer must be 403 or 404 and show
 * nothing of La Coopération; without a session, the answer is the sign-in page or 401. A route
 * added tomorrow is in the matrix without anyone listing it; a route whose path names a new kind of
 * id fails here until that kind is mapped to one of La Coopération's rows.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuthorizationMatrixTests {

    /** Routes meant for anyone, each for a reason; they are tested by their own features. */
    private static final Map<String, String> PUBLIC = Map.of(
            "/login", "the sign-in form",
            "/error", "the error page",
            "/s/{token}", "a survey's public link: its token is the key",
            "/s/{token}/merci", "the thank-you page after answering",
            "/review/{token}", "a named review link: its token is the key",
            "/r/{token}", "a shared final report: its token is the key",
            "/invitations/{token}", "an invitation: its token is the key",
            "/api/v1/exchange/schema", "the published JSON Schema of the exchange format");

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
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
        Map<String, String> ids = victimIds();
        Map<String, RequestPostProcessor> roles = strangers();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            HandlerMethod handler = mapping.getValue();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (PUBLIC.containsKey(pattern) || !pattern.contains("{")) {
                    continue;
                }
                String url = fill(pattern, ids);
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    for (Map.Entry<String, RequestPostProcessor> role : roles.entrySet()) {
                        MockHttpServletResponse response = call(method, url, handler, role.getValue());
                        checked++;
                        String body = response.getContentAsString();
                        if (response.getStatus() != 403 && response.getStatus() != 404) {
                            failures.add(method + " " + url + " as " + role.getKey() + ": " + response.getStatus());
                        }
                        else if (FOREIGN.stream().anyMatch(body::contains)) {
                            failures.add(method + " " + url + " as " + role.getKey() + ": La Coopération's data shown");
                        }
                    }
                    MockHttpServletResponse anonymous = call(method, url, handler, request -> request);
                    checked++;
                    boolean api = url.startsWith("/api/");
                    boolean refused = api ? anonymous.getStatus() == 401 || anonymous.getStatus() == 403
                            : anonymous.getStatus() == 302 && anonymous.getRedirectedUrl().endsWith("/login")
                                    || anonymous.getStatus() == 403;
                    if (!refused || FOREIGN.stream().anyMatch(anonymous.getContentAsString()::contains)) {
                        failures.add(method + " " + url + " without a session: " + anonymous.getStatus());
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).as("requests made: the matrix cannot be empty").isGreaterThan(800);
    }

    @Test
    void pagesWithoutIdsShowNothingOfLaCooperationToOthers() throws Exception {
        Map<String, RequestPostProcessor> roles = strangers();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.contains("{") || PUBLIC.containsKey(pattern)) {
                    continue;
                }
                for (Map.Entry<String, RequestPostProcessor> role : roles.entrySet()) {
                    MockHttpServletResponse response = call(RequestMethod.GET, pattern, mapping.getValue(),
                            role.getValue());
                    if (response.getStatus() >= 500 || FOREIGN.stream().anyMatch(response.getContentAsString()::contains)) {
                        failures.add("GET " + pattern + " as " + role.getKey() + ": " + response.getStatus());
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Calls the route as its handler expects to be called, so that the answer comes from the
     * access check and not from a missing parameter: each required request parameter gets a
     * plausible value (a number, an enum's first constant, a small file), a JSON body gets {} or [].
     */
    private MockHttpServletResponse call(RequestMethod method, String url, HandlerMethod handler,
            RequestPostProcessor role) throws Exception {
        AbstractMockHttpServletRequestBuilder<?> request = request(HttpMethod.valueOf(method.name()), url);
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (param != null && MultipartFile.class.isAssignableFrom(type)) {
                String name = param.name().isEmpty() ? parameter.getParameterName() : param.name();
                request = multipart(HttpMethod.valueOf(method.name()), url)
                        .file(new MockMultipartFile(name, "valeurs.csv", "text/csv", "a;b\n1;2\n".getBytes()));
            }
        }
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (param != null && param.required() && param.defaultValue().equals(ValueConstants.DEFAULT_NONE)
                    && !MultipartFile.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type)) {
                String name = param.name().isEmpty() ? parameter.getParameterName() : param.name();
                request = request.param(name, sample(type));
            }
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                boolean list = java.util.Collection.class.isAssignableFrom(parameter.getParameterType());
                request = request.contentType(MediaType.APPLICATION_JSON).content(list ? "[]" : "{}");
            }
        }
        request = request.with(role);
        if (method != RequestMethod.GET) {
            request = request.with(csrf());
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String sample(Class<?> type) {
        if (type.isEnum()) {
            return ((Enum<?>) type.getEnumConstants()[0]).name();
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true";
        }
        if (type == java.time.LocalDate.class) {
            return "2024-01-01";
        }
        return "1";
    }

    /** The admin, editor and viewer of another structure, and members of another département's federation and CAF. */
    private Map<String, RequestPostProcessor> strangers() {
        Map<String, RequestPostProcessor> roles = new LinkedHashMap<>();
        for (Role role : List.of(Role.STRUCTURE_ADMIN, Role.STRUCTURE_EDITOR, Role.STRUCTURE_VIEWER)) {
            roles.put(role.name(), users.as(users.structureWithMember(role).username()));
        }
        for (OrganisationType type : List.of(OrganisationType.FEDERATION, OrganisationType.CAF)) {
            long network = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(type,
                    type + " de la Lozère " + users.newUsername("n"), List.of("48")));
            String username = users.newUsername("network");
            users.addMember(network, users.newUser(username),
                    type == OrganisationType.CAF ? Role.CAF_MEMBER : Role.FEDERATION_MEMBER);
            roles.put(type.name(), users.as(username));
        }
        return roles;
    }

    /**
     * La Coopération's ids, by the path segment that precedes them ("evaluations", "surveys"...);
     * a segment that means two things is keyed by the path's first segment too.
     */
    private Map<String, String> victimIds() {
        long structure = id("SELECT id FROM organisation WHERE name = 'La Coopération'");
        long evaluation = id("SELECT id FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'");
        long report = id("SELECT min(id) FROM report WHERE evaluation_id = " + evaluation);
        long survey = id("SELECT min(id) FROM survey WHERE evaluation_id = " + evaluation);
        String ofEvaluation = " WHERE evaluation_id = " + evaluation;
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("structures", String.valueOf(structure));
        ids.put("organisations", String.valueOf(structure));
        ids.put("networks", String.valueOf(id("SELECT id FROM organisation WHERE name = 'Fédération des centres sociaux de la Drôme'")));
        ids.put("evaluations", String.valueOf(evaluation));
        ids.put("stakeholders", first("stakeholder", ofEvaluation));
        ids.put("elements", first("chain_element", ofEvaluation));
        ids.put("links", first("chain_link", ofEvaluation));
        ids.put("interactions", first("interaction", ofEvaluation));
        ids.put("indicators", first("indicator", ofEvaluation));
        ids.put("objectives", first("objective", ofEvaluation));
        ids.put("evaluations/questions", first("evaluative_question", ofEvaluation));
        ids.put("periods", first("custom_period", ofEvaluation));
        ids.put("disaggregations", first("disaggregation", " WHERE structure_id IS NULL"));
        ids.put("surveys", String.valueOf(survey));
        ids.put("surveys/questions", first("survey_question", " WHERE survey_id = " + survey));
        ids.put("api/questions", first("survey_question", " WHERE survey_id = " + survey));
        ids.put("sections", first("survey_section", " WHERE survey_id = " + survey));
        ids.put("waves", first("survey_wave", " WHERE survey_id = " + survey));
        ids.put("feeds", first("survey_feed", " WHERE survey_id = " + survey, "indicator_id"));
        ids.put("evidence", first("evidence", ofEvaluation));
        ids.put("contributions", first("contribution", ofEvaluation));
        ids.put("reports", String.valueOf(report));
        ids.put("reports/sections", "CONTEXT");
        ids.put("reviewers", first("report_reviewer", " WHERE report_id = " + report));
        ids.put("comments", first("review_comment", ""));
        ids.put("reports/shares", first("report_share", ""));
        ids.put("structures/shares", first("evaluation_share", " WHERE structure_id = " + structure));
        ids.put("invitations", first("invitation", " WHERE organisation_id = " + structure));
        ids.put("members", String.valueOf(id("SELECT id FROM app_user WHERE username = 'coope'")));
        ids.put("entries", first("library_indicator", ""));
        ids.put("tokens", first("api_token", ""));
        ids.put("imports", "an-import-of-la-cooperation");
        ids.put("jobs", "a-job-of-la-cooperation");
        return ids;
    }

    private String fill(String pattern, Map<String, String> ids) {
        String[] segments = pattern.substring(1).split("/");
        String root = segments[0].equals("api") ? "api" : segments[0];
        StringBuilder url = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            Matcher variable = VARIABLE.matcher(segments[i]);
            String segment = segments[i];
            if (variable.find()) {
                String kind = i > 0 ? segments[i - 1] : "";
                String id = ids.getOrDefault(root + "/" + kind, ids.get(kind));
                assertThat(id).as("no id of La Coopération for {" + variable.group(1) + "} after '" + kind
                        + "' in " + pattern + ": map this kind in victimIds()").isNotNull();
                segment = variable.replaceFirst(Matcher.quoteReplacement(id));
            }
            url.append('/').append(segment);
        }
        return url.toString();
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** The first row's id, or 1 when the demo has none (the owner's check refuses it all the same). */
    private String first(String table, String where) {
        return first(table, where, "id");
    }

    private String first(String table, String where, String column) {
        return String.valueOf(id("SELECT coalesce(min(" + column + "), 1) FROM " + table + where));
    }
}
