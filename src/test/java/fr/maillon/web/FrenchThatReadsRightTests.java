package fr.maillon.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.HtmlUtils;

import fr.maillon.TestUsers;
import fr.maillon.web.Routes.Route;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * French that reads right, and English too: every page of the demo that its people can open (each
 * GET route of the application, read from its own request mappings, filled with the ids of what
 * each demo account can see), in French and in English, plus the public survey page and the PDFs,
 * reduced to the text a reader sees, and checked for what a reader stumbles on: "(s)" plurals,
 * "de" or "le" before a vowel, "de" glued to an organisation's name, units written twice,
 * untranslated keys, "1 structures", ",00" on whole numbers, and the other language's words.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FrenchThatReadsRightTests {

    /** How many ids of one kind a route is tried with: enough to meet each way a page is drawn, few enough to keep the test short. */
    private static final int MOST_PER_KIND = 3;
    private static final String SPACE = "[\\s\\u00a0\\u202f]";
    private static final String VOWEL = "[aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ]";
    /** Words whose h is mute: "l'habitant", "d'heures". The others ("de haut", "la hausse") keep their article. */
    private static final String MUTE_H = "(?:habit|heure|hypoth|histoi|homme|hôpita|horai|humain|hiver|héberg|hôte|herbe|hommage|hebdo|hélas|hérit|hésit|honneur|hormis|horizon|humeur|huile|huit)";

    private record Rule(String name, Pattern pattern, boolean french, boolean english) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("a plural in parentheses", Pattern.compile("\\p{L}\\((?:s|e|es|x|nt|le|ne)\\)"), true, true),
            new Rule("no elision before a vowel", Pattern.compile("(?<![\\p{L}'’-])(?:de|De|que|Que|le|Le|la|La|ne|Ne|je|Je|se|Se|jusque|lorsque|puisque)"
                    + SPACE + "+(?!(?:oui|onze|ouate|uhlan)(?![\\p{L}]))(?:" + VOWEL + "|(?i:" + MUTE_H + "))"), true, false),
            new Rule("an organisation's name glued after \"de\"", Pattern.compile("(?<![\\p{L}'’-])(?:de|De|à|À)" + SPACE
                    + "+(?:Fédération|Caisse|CAF|Centre social|Maison|Association|Structure|Réseau)\\b"), true, false),
            new Rule("a unit written twice", Pattern.compile("(\\([^()]{1,20}\\))" + SPACE + "*\\1"), true, true),
            new Rule("a word written twice", Pattern.compile("(?<![\\p{L}])(?!(?:nous|vous|Nous|Vous)\\b)(\\p{L}{3,})"
                    + SPACE + "+\\1(?![\\p{L}])"), true, true),
            new Rule("an untranslated key", Pattern.compile("\\?\\?[^?\\s]+\\?\\?|(?<![\\p{L}./-])(?:account|organisation|chain|exchange|framework|survey|import|evidence|restitution|web|error|network|cycle|workshop)\\.[a-z][A-Za-z0-9]*\\.[A-Za-z0-9_.]*[A-Za-z0-9]"), true, true),
            new Rule("an enum's name shown", Pattern.compile("(?<![\\p{L}_])[A-Z]{2,}_[A-Z][A-Z_]*(?![\\p{L}_])"), true, true),
            new Rule("a Java value shown", Pattern.compile("(?<![\\p{L}])(?:null|Optional\\[|NaN|Infinity)(?![\\p{L}])|java\\.|fr\\.maillon\\."), true, true),
            new Rule("0 or 1 with a plural noun", Pattern.compile("(?<![\\d,.\\u202f\\u00a0 ]|\\d[\\u202f\\u00a0 ])(?<!\\d)\\b[01]" + SPACE
                    + "+(?!(?:mois|fois|pas|plus|dans|sous|vers|depuis|avis|prix|choix|voix|temps|cas|repas|processus|progrès|accès|succès|français|recours|parcours|concours|discours|secours|corps|poids|fonds|taux|jus|lieux?|puis|sans|après|très|mais|ans?)\\b)"
                    + "(\\p{Ll}\\p{L}*[sx]|sont|ont|partagent|répondent|participent)(?![\\p{L}])"), true, false),
            new Rule("1 with a plural noun", Pattern.compile("(?<![\\d,.\\u202f\\u00a0 ]|\\d[\\u202f\\u00a0 ])(?<!\\d)\\b1" + SPACE
                    + "+(?!(?:status|analysis|basis|yes|was|has|is|this|its|plus|as|less|across|bus|process|access|success|focus|bonus|census|campus|series|news|means|always|thus|perhaps|versus|gas)\\b)"
                    + "(\\p{Ll}\\p{L}*s|are|have|share|answer)(?![\\p{L}])"), false, true),
            new Rule("a whole number with useless decimals", Pattern.compile("\\d,0+(?![\\d\\p{L}.,])"), true, false),
            new Rule("a whole number with useless decimals", Pattern.compile("\\d\\.0+(?![\\d\\p{L}.,])"), false, true),
            new Rule("a time in UTC or as a machine writes it", Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}|(?<![\\p{L}])UTC(?![\\p{L}])"), true, true),
            new Rule("an English word in French", Pattern.compile("(?<![\\p{L}-])(?:Close|Closed|Open|Draft|Save|Cancel|Delete|Edit|Back|Framing|Collecting|Download|Submit|Yes|Loading|Error|Home|Settings|None|true|false|Sign in|Sign out|Search|Next|Previous|Show|Hide|Add|Remove|Update|Create|New|Shared|Share|Report|Reports|Indicators|Results|Survey|Surveys|Members|Values)(?![\\p{L}-])"), true, false));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    /** Each problem once, with where it was first seen and how many times. */
    private final Map<String, List<String>> problems = new TreeMap<>();
    private final Set<String> frenchOnly = new LinkedHashSet<>();
    private final Set<String> englishOnly = new LinkedHashSet<>();
    private final Set<String> withoutIds = new LinkedHashSet<>();
    private int pages;

    @Test
    void everyPageOfTheDemoReadsRightInFrenchAndInEnglish() throws Exception {
        messagesOnlyInOneLanguage();
        for (String username : List.of("coope", "tandem", "vercors", "diois")) {
            long structure = id("SELECT m.organisation_id FROM membership m JOIN app_user u ON u.id = m.user_id "
                    + "WHERE u.username = '" + username + "'");
            long federation = id("SELECT id FROM organisation WHERE type = 'FEDERATION' AND name = 'Fédération des centres sociaux de la Drôme'");
            for (long evaluation : ids("SELECT id FROM evaluation WHERE structure_id = " + structure + " ORDER BY id")) {
                visitAll(username, Routes.ids(jdbc, structure, evaluation, federation), evaluation);
            }
        }
        for (String username : List.of("federation26", "caf26")) {
            // the federation's delegate also runs the demo's programme
            long network = id("SELECT m.organisation_id FROM membership m JOIN app_user u ON u.id = m.user_id "
                    + "JOIN organisation o ON o.id = m.organisation_id "
                    + "WHERE u.username = '" + username + "' AND o.type IN ('FEDERATION', 'CAF')");
            List<Long> shared = ids("SELECT DISTINCT coalesce(s.evaluation_id, e.id) FROM evaluation_share s "
                    + "LEFT JOIN evaluation e ON e.structure_id = s.structure_id AND s.evaluation_id IS NULL "
                    + "WHERE s.recipient_id = " + network + " AND s.revoked_at IS NULL ORDER BY 1");
            for (long evaluation : shared) {
                long structure = id("SELECT structure_id FROM evaluation WHERE id = " + evaluation);
                visitAll(username, Routes.ids(jdbc, structure, evaluation, network), evaluation);
            }
        }
        long cooperation = id("SELECT id FROM organisation WHERE name = 'La Coopération'");
        visitAll("admin", Routes.ids(jdbc, cooperation, id("SELECT min(id) FROM evaluation WHERE structure_id = "
                + cooperation), id("SELECT min(id) FROM organisation WHERE type = 'CAF'")), 0);
        for (String token : jdbc.sql("SELECT token FROM survey_wave ORDER BY id").query(String.class).list()) {
            for (boolean english : List.of(false, true)) {
                check(MockMvcRequestBuilders.get("/s/" + token), null, english, "/s/" + token, "anyone");
            }
        }
        List<String> report = new ArrayList<>();
        problems.forEach((problem, where) -> report.add(problem + "\n      seen " + where.size() + " time(s), first on "
                + where.get(0)));
        System.out.println("French that reads right: " + pages + " pages read, " + problems.size() + " problems\n  "
                + String.join("\n  ", report));
        assertThat(pages).as("pages read: the demo cannot be missed").isGreaterThan(400);
        assertThat(report).isEmpty();
    }

    /**
     * Every time shown is in the configured zone (Europe/Paris), whatever the machine's: a value's
     * history (an instant) and an API token's dates (a date-time with the database's UTC offset).
     */
    @Test
    void timesAreShownInTheConfiguredZone() throws Exception {
        String username = users.newUsername("zone");
        long user = users.newUser(username);
        jdbc.sql("INSERT INTO api_token (user_id, label, token_hash, created_at, last_used_at) VALUES (:user, 'outil', "
                + ":hash, '2024-07-01 10:00:00+00', '2024-01-15 10:30:00+00')").param("user", user)
                .param("hash", username).update();
        String account = mvc.perform(MockMvcRequestBuilders.get("/account").with(users.as(username))).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(account).contains("01/07/2024 12:00").contains("15/01/2024 11:30").doesNotContain("01/07/2024 10:00");

        long value = id("SELECT min(d.id) FROM data_value d JOIN evaluation e ON e.id = d.evaluation_id "
                + "WHERE e.title = 'Conserverie Mobile et Solidaire'");
        jdbc.sql("UPDATE data_value SET entered_at = '2024-07-01 10:00:00+00' WHERE id = :id").param("id", value).update();
        long evaluation = id("SELECT evaluation_id FROM data_value WHERE id = " + value);
        long indicator = id("SELECT indicator_id FROM data_value WHERE id = " + value);
        String values = mvc.perform(MockMvcRequestBuilders.get("/evaluations/" + evaluation + "/indicators/" + indicator
                + "/values").with(users.as("coope"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(values).contains("01/07/2024 12:00").doesNotContain("01/07/2024 10:00");
    }

    /** Every GET route (the JSON API aside), as this person, with this evaluation's ids. */
    private void visitAll(String username, Map<String, String> ids, long evaluation) throws Exception {
        RequestPostProcessor person = users.as(username);
        Map<String, List<String>> many = many(ids, evaluation);
        for (Route route : Routes.all(mappings)) {
            if (!route.reads() || route.pattern().startsWith("/api/") || route.pattern().startsWith("/actuator")
                    || !route.hasIds() && !withoutIds.add(username + " " + route.pattern())) {
                continue;
            }
            for (String url : urls(route.pattern(), ids, many)) {
                for (boolean english : List.of(false, true)) {
                    AbstractMockHttpServletRequestBuilder<?> request = Routes.request(route, url,
                            (name, type) -> Routes.requiredParameter(route, name) ? Routes.plausible(name, type) : null,
                            null);
                    check(request, person, english, url, username);
                }
            }
        }
    }

    /** The route filled with ids; its last id takes each of the evaluation's rows of that kind. */
    private List<String> urls(String pattern, Map<String, String> ids, Map<String, List<String>> many) {
        Matcher last = Pattern.compile("/([^/{}]+)/\\{[^}]+}(?!.*\\{)").matcher(pattern);
        List<String> urls = new ArrayList<>();
        if (pattern.equals("/surveys/{surveyId}/results")) {
            for (String survey : many.get("surveys")) {
                for (Long question : ids("SELECT id FROM survey_question WHERE kind = 'SINGLE' AND survey_id = " + survey)) {
                    urls.add("/surveys/" + survey + "/results?filter=" + question + ":femmes");
                }
            }
        }
        if (last.find()) {
            String kind = last.group(1);
            String first = pattern.substring(1).split("/")[0];
            List<String> values = many.getOrDefault(first + "/" + kind, many.get(kind));
            if (values != null && !values.isEmpty()) {
                for (String value : values) {
                    Map<String, String> changed = new LinkedHashMap<>(ids);
                    changed.put(kind, value);
                    changed.remove(first + "/" + kind);
                    changed.put(first + "/" + kind, value);
                    urls.add(Routes.fill(pattern, changed));
                }
                return urls;
            }
        }
        urls.add(Routes.fill(pattern, ids));
        return urls;
    }

    private Map<String, List<String>> many(Map<String, String> ids, long evaluation) {
        String ofEvaluation = " WHERE evaluation_id = " + evaluation + " ORDER BY id LIMIT " + MOST_PER_KIND;
        Map<String, List<String>> many = new LinkedHashMap<>();
        many.put("stakeholders", strings("SELECT id FROM stakeholder" + ofEvaluation));
        many.put("elements", strings("SELECT id FROM chain_element" + ofEvaluation));
        many.put("links", strings("SELECT id FROM chain_link" + ofEvaluation));
        many.put("interactions", strings("SELECT id FROM interaction" + ofEvaluation));
        many.put("indicators", strings("SELECT id FROM indicator" + ofEvaluation));
        many.put("objectives", strings("SELECT id FROM objective" + ofEvaluation));
        many.put("evaluations/questions", strings("SELECT id FROM evaluative_question" + ofEvaluation));
        many.put("surveys", strings("SELECT id FROM survey" + ofEvaluation));
        many.put("reports", strings("SELECT id FROM report" + ofEvaluation));
        many.put("evidence", strings("SELECT id FROM evidence" + ofEvaluation));
        many.put("entries", strings("SELECT id FROM library_indicator ORDER BY id LIMIT " + MOST_PER_KIND));
        many.put("networks/structures", strings("SELECT DISTINCT structure_id FROM evaluation_share WHERE recipient_id = "
                + ids.get("networks") + " ORDER BY 1"));
        return many;
    }

    private void check(AbstractMockHttpServletRequestBuilder<?> request, RequestPostProcessor person, boolean english,
            String url, String username) throws Exception {
        if (english) {
            request = request.param("lang", "en");
        }
        if (person != null) {
            request = request.with(person);
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String type = String.valueOf(response.getContentType());
        String text;
        if (response.getStatus() != 200) {
            return;
        }
        else if (type.startsWith("text/html")) {
            text = text(response.getContentAsString(StandardCharsets.UTF_8));
        }
        else if (type.startsWith("application/pdf")) {
            try (PDDocument pdf = Loader.loadPDF(response.getContentAsByteArray())) {
                text = new PDFTextStripper().getText(pdf);
            }
        }
        else {
            return;
        }
        pages++;
        String where = url + (english ? "?lang=en" : "") + " as " + username;
        for (Rule rule : RULES) {
            if (english ? !rule.english() : !rule.french()) {
                continue;
            }
            for (String line : text.split("\n")) {
                Matcher matcher = rule.pattern().matcher(line);
                while (matcher.find()) {
                    problems.computeIfAbsent((english ? "en" : "fr") + " · " + rule.name() + ": «"
                            + excerpt(line, matcher.start(), matcher.end()) + "»", key -> new ArrayList<>()).add(where);
                }
            }
        }
        String flat = text.replaceAll(SPACE + "+", " ");
        // A report's document (its page's preview, its PDFs, the dashboard drawn from the same content), the CAF
        // commission's note and the workshop kits printed for a centre social are written in French for their French
        // readers, whatever the reader's screen.
        boolean document = url.matches("/reports/\\d+(/.*\\.pdf)?|/evaluations/\\d+/dashboard"
                + "|/evaluations/\\d+/agrement/note\\.pdf|/programmes/\\d+/kits/[A-Z]+\\.pdf");
        for (String message : english && document ? Set.<String>of() : english ? frenchOnly : englishOnly) {
            if (flat.contains(message)) {
                problems.computeIfAbsent((english ? "en · French" : "fr · English") + " text of a message: «" + message
                        + "»", key -> new ArrayList<>()).add(where);
            }
        }
    }

    /** The visible text of a page, a line per block: scripts and styles dropped, inline tags kept in their line. */
    static String text(String html) {
        String body = html.replaceAll("(?is)<(script|style)\\b.*?</\\1\\s*>", "\n")
                .replaceAll("(?s)<!--.*?-->", "")
                .replaceAll("(?i)</?(?:a|span|strong|em|b|i|abbr|code|small|sup|sub|time|mark|bdi|q|s|u|data|var|kbd|tspan)\\b[^>]*>", "")
                .replaceAll("(?s)<[^>]*>", "\n");
        StringBuilder text = new StringBuilder();
        for (String line : HtmlUtils.htmlUnescape(body).split("\n")) {
            String stripped = line.replaceAll("[\\s&&[^\\u00a0\\u202f]]+", " ").strip();
            if (!stripped.isEmpty()) {
                text.append(stripped).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * Messages whose text exists in one language only (three words or more, without arguments):
     * seen on a page of the other language, they are a translation that was not used.
     */
    private void messagesOnlyInOneLanguage() throws IOException {
        String demo = Files.readString(Path.of("src/main/resources/demo/conserverie-mobile.json"));
        Properties french = properties("messages.properties");
        Properties english = properties("messages_en.properties");
        for (String key : french.stringPropertyNames()) {
            String fr = french.getProperty(key).strip();
            String en = english.getProperty(key, "").strip();
            if (!fr.equals(en)) {
                if (usable(fr) && !english.containsValue(fr) && !demo.contains(fr)) {
                    frenchOnly.add(fr.replaceAll("\\s+", " "));
                }
                if (usable(en) && !french.containsValue(en)) {
                    englishOnly.add(en.replaceAll("\\s+", " "));
                }
            }
        }
    }

    private static boolean usable(String message) {
        return !message.contains("{") && !message.contains("<") && message.split(" ").length >= 3
                && message.length() >= 15;
    }

    private static Properties properties(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream input = Files.newInputStream(Path.of("src/main/resources", name))) {
            properties.load(new java.io.InputStreamReader(input, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static String excerpt(String line, int start, int end) {
        return line.substring(Math.max(0, start - 30), Math.min(line.length(), end + 30));
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private List<Long> ids(String sql) {
        return jdbc.sql(sql).query(Long.class).list();
    }

    private List<String> strings(String sql) {
        return ids(sql).stream().map(String::valueOf).toList();
    }
}
