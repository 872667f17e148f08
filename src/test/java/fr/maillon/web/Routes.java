package fr.maillon.web;

import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/**
 * The application's routes, read from its own request mappings, and how to call each with the ids
 * of one structure's rows and values for its parameters: the authorization matrix and the hostile
 * input corpus walk them all, so that a new route is covered without anyone listing it.
 */
final class Routes {

    /** Routes meant for anyone, each for a reason; they are tested by their own features. */
    static final Map<String, String> PUBLIC = Map.ofEntries(
            Map.entry("/login", "the sign-in form"),
            Map.entry("/error", "the error page"),
            Map.entry("/s/{token}", "a survey's public link: its token is the key"),
            Map.entry("/s/{token}/merci", "the thank-you page after answering"),
            Map.entry("/review/{token}", "a named review link: its token is the key"),
            Map.entry("/r/{token}", "a shared final report: its token is the key"),
            Map.entry("/invitations/{token}", "an invitation: its token is the key"),
            Map.entry("/api/v1/exchange/schema", "the published JSON Schema of the exchange format"),
            Map.entry("/w/{code}", "a workshop's join and card page: its code is the key (HostileInputTests posts to it)"),
            Map.entry("/w/{code}/join", "joining a workshop with its code"),
            Map.entry("/w/{code}/cards", "a participant's card, posted with the cookie that joining gave"),
            Map.entry("/w/{code}/cards/{cardId}/dot", "a participant's +1, posted with the cookie that joining gave"),
            Map.entry("/w/p/{token}", "a workshop's projector: its token is the key"),
            Map.entry("/w/p/{token}/changes", "the cards the projector shows: its token is the key"),
            Map.entry("/w/p/{token}/diagram.svg", "the diagram the projector shows: its token is the key"));

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private Routes() {
    }

    /** A route; {@code consumes} is the body's media type it takes (JSON unless it says otherwise). */
    record Route(String pattern, RequestMethod method, HandlerMethod handler, MediaType consumes) {

        boolean hasIds() {
            return pattern.contains("{");
        }

        boolean reads() {
            return method == RequestMethod.GET;
        }
    }

    static List<Route> all(RequestMappingHandlerMapping mappings) {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (!PUBLIC.containsKey(pattern)) {
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        routes.add(new Route(pattern, method, mapping.getValue(), mapping.getKey()
                                .getConsumesCondition().getConsumableMediaTypes().stream().findFirst()
                                .orElse(MediaType.APPLICATION_JSON)));
                    }
                }
            }
        }
        return routes;
    }

    /**
     * A structure's ids, by the path segment that precedes them ("evaluations", "surveys"...); a
     * segment that means two things is keyed by the path's first segment too. Where the structure
     * has no such row, 1 stands in (its owner's check refuses it all the same).
     */
    static Map<String, String> ids(JdbcClient jdbc, long structure, long evaluation, long network) {
        long report = id(jdbc, "SELECT coalesce(min(id), 1) FROM report WHERE evaluation_id = " + evaluation);
        long survey = id(jdbc, "SELECT coalesce(min(id), 1) FROM survey WHERE evaluation_id = " + evaluation);
        String ofEvaluation = " WHERE evaluation_id = " + evaluation;
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("structures", String.valueOf(structure));
        ids.put("organisations", String.valueOf(structure));
        ids.put("networks", String.valueOf(network));
        ids.put("evaluations", String.valueOf(evaluation));
        ids.put("stakeholders", first(jdbc, "stakeholder", ofEvaluation, "id"));
        ids.put("elements", first(jdbc, "chain_element", ofEvaluation, "id"));
        ids.put("links", first(jdbc, "chain_link", ofEvaluation, "id"));
        ids.put("interactions", first(jdbc, "interaction", ofEvaluation, "id"));
        ids.put("indicators", first(jdbc, "indicator", ofEvaluation, "id"));
        ids.put("objectives", first(jdbc, "objective", ofEvaluation, "id"));
        ids.put("evaluations/questions", first(jdbc, "evaluative_question", ofEvaluation, "id"));
        ids.put("periods", first(jdbc, "custom_period", ofEvaluation, "id"));
        ids.put("disaggregations", first(jdbc, "disaggregation", " WHERE structure_id IS NULL", "id"));
        ids.put("surveys", String.valueOf(survey));
        ids.put("surveys/questions", first(jdbc, "survey_question", " WHERE survey_id = " + survey, "id"));
        ids.put("api/questions", first(jdbc, "survey_question", " WHERE survey_id = " + survey, "id"));
        ids.put("sections", first(jdbc, "survey_section", " WHERE survey_id = " + survey, "id"));
        ids.put("waves", first(jdbc, "survey_wave", " WHERE survey_id = " + survey, "id"));
        ids.put("feeds", first(jdbc, "survey_feed", " WHERE survey_id = " + survey, "indicator_id"));
        ids.put("evidence", first(jdbc, "evidence", ofEvaluation, "id"));
        ids.put("contributions", first(jdbc, "contribution", ofEvaluation, "id"));
        ids.put("reports", String.valueOf(report));
        ids.put("reports/sections", "CONTEXT");
        ids.put("reviewers", first(jdbc, "report_reviewer", " WHERE report_id = " + report, "id"));
        ids.put("comments", first(jdbc, "review_comment", " WHERE report_id = " + report, "id"));
        ids.put("reports/shares", first(jdbc, "report_share", " WHERE report_id = " + report, "id"));
        ids.put("structures/shares", first(jdbc, "evaluation_share", " WHERE structure_id = " + structure, "id"));
        ids.put("invitations", first(jdbc, "invitation", " WHERE organisation_id = " + structure, "id"));
        ids.put("members", first(jdbc, "membership", " WHERE organisation_id = " + structure, "user_id"));
        ids.put("entries", first(jdbc, "library_indicator", "", "id"));
        ids.put("tokens", first(jdbc, "api_token", "", "id"));
        ids.put("imports", "an-import-of-this-structure");
        ids.put("jobs", "a-job-of-this-structure");
        ids.put("referentials", first(jdbc, "referential", " WHERE structure_id IS NULL", "id"));
        ids.put("workshops", first(jdbc, "workshop", ofEvaluation, "id"));
        ids.put("annotations", first(jdbc, "annotation", ofEvaluation, "id"));
        ids.put("workshops/cards", first(jdbc, "workshop_card", " WHERE workshop_id = "
                + first(jdbc, "workshop", ofEvaluation, "id"), "id"));
        ids.put("dhis2-mappings", first(jdbc, "dhis2_mapping", " WHERE structure_id = " + structure, "id"));
        String programme = first(jdbc, "programme", " WHERE run_by = " + network, "organisation_id");
        ids.put("programmes", programme);
        ids.put("programmes/milestones", first(jdbc, "programme_milestone", " WHERE organisation_id = " + programme,
                "id"));
        ids.put("programmes/kits", "CHAIN");
        ids.put("programme-invitations", "a-programme-invitation-link");
        ids.put("agrement", "participation");
        return ids;
    }

    static String fill(String pattern, Map<String, String> ids) {
        String[] segments = pattern.substring(1).split("/");
        StringBuilder url = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            Matcher variable = VARIABLE.matcher(segments[i]);
            String segment = segments[i];
            if (variable.find()) {
                String kind = i > 0 ? segments[i - 1] : "";
                String id = ids.getOrDefault(segments[0] + "/" + kind, ids.get(kind));
                assertThat(id).as("no id for {" + variable.group(1) + "} after '" + kind + "' in " + pattern
                        + ": map this kind in Routes.ids()").isNotNull();
                segment = variable.replaceFirst(Matcher.quoteReplacement(id));
            }
            url.append('/').append(segment);
        }
        return url.toString();
    }

    /**
     * A request as the handler expects it: each request parameter, and each field of a form
     * object, gets {@code value.apply(name, type)} (null leaves it out); a file parameter gets a
     * small CSV file; a JSON body gets {@code body} ({} or [] when null).
     */
    static AbstractMockHttpServletRequestBuilder<?> request(Route route, String url,
            BiFunction<String, Class<?>, String> value, String body) {
        HttpMethod method = HttpMethod.valueOf(route.method().name());
        AbstractMockHttpServletRequestBuilder<?> request = MockMvcRequestBuilders.request(method, url);
        for (MethodParameter parameter : route.handler().getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null && MultipartFile.class.isAssignableFrom(parameter.getParameterType())) {
                request = multipart(method, url).file(new MockMultipartFile(name(param, parameter), "valeurs.csv",
                        "text/csv", "a;b\n1;2\n".getBytes()));
            }
        }
        for (MethodParameter parameter : route.handler().getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null && !MultipartFile.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type)) {
                String given = value.apply(name(param, parameter), type);
                if (given != null) {
                    request = request.param(name(param, parameter), given);
                }
            }
            else if (body(parameter)) {
                boolean list = Collection.class.isAssignableFrom(type);
                request = request.contentType(route.consumes()).content(body != null ? body : list ? "[]" : "{}");
            }
            else if (param == null && form(parameter)) {
                for (Map.Entry<String, Class<?>> field : fields(type).entrySet()) {
                    String given = value.apply(field.getKey(), field.getValue());
                    if (given != null) {
                        request = request.param(field.getKey(), given);
                    }
                }
            }
        }
        return request;
    }

    /** A required parameter's plausible value: a number, an enum's first constant, a date; null for the rest. */
    static String plausible(String name, Class<?> type) {
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

    static boolean requiredParameter(Route route, String name) {
        for (MethodParameter parameter : route.handler().getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null && name.equals(name(param, parameter))) {
                return param.required() && param.defaultValue().equals(ValueConstants.DEFAULT_NONE);
            }
        }
        return false;
    }

    private static boolean form(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return (parameter.hasParameterAnnotation(ModelAttribute.class) || !BeanUtils.isSimpleProperty(type))
                && !parameter.hasParameterAnnotation(PathVariable.class) && type.getName().startsWith("fr.maillon");
    }

    /** A form object's fields: a record's components, or a bean's writable properties. */
    private static Map<String, Class<?>> fields(Class<?> type) {
        Map<String, Class<?>> fields = new LinkedHashMap<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                fields.put(component.getName(), component.getType());
            }
            return fields;
        }
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            if (property.getWriteMethod() != null) {
                fields.put(property.getName(), property.getPropertyType());
            }
        }
        return fields;
    }

    private static String name(RequestParam param, MethodParameter parameter) {
        return !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                : parameter.getParameterName();
    }

    private static long id(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String first(JdbcClient jdbc, String table, String where, String column) {
        return String.valueOf(id(jdbc, "SELECT coalesce(min(" + column + "), 1) FROM " + table + where));
    }

    /** Whether the route reads a request body: a {@code @RequestBody}, or the raw stream. */
    static boolean takesBody(Route route) {
        return Arrays.stream(route.handler().getMethodParameters()).anyMatch(Routes::body);
    }

    private static boolean body(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(RequestBody.class)
                || InputStream.class.isAssignableFrom(parameter.getParameterType());
    }
}
