package fr.maillon.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Issue 18, point 3: a federation's and a CAF's delegates follow every link they meet on a shared
 * evaluation's pages (the evaluation, its diagram and its boxes, chain lists, indicators, results,
 * verdicts, reports, annotations) and on their network's pages; none leads to a refusal or a 500.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReaderLinksTests {

    private static final Pattern HREF = Pattern.compile("(?:href|xlink:href)=\"(/[^\"#]*)");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyLinkTheFederationAndTheCafMeetOpensAPage() throws Exception {
        long evaluation = jdbc.sql("""
                SELECT e.id FROM evaluation e JOIN organisation o ON o.id = e.structure_id
                WHERE e.title = 'Conserverie Mobile et Solidaire' AND o.name = 'La Coopération'
                """).query(Long.class).single();
        for (String reader : List.of("federation26", "caf26")) {
            long network = jdbc.sql("""
                    SELECT m.organisation_id FROM membership m JOIN app_user u ON u.id = m.user_id
                    JOIN organisation o ON o.id = m.organisation_id
                    WHERE u.username = :u AND o.type IN ('FEDERATION', 'CAF')
                    """).param("u", reader).query(Long.class).single();
            List<String> failures = crawl(reader, List.of("/evaluations/" + evaluation, "/networks/" + network),
                    "/evaluations/" + evaluation, "/networks/" + network, "/reports/", "/organisations/" + network);
            assertThat(failures).as(reader).isEmpty();
        }
    }

    private List<String> crawl(String reader, List<String> starts, String... prefixes) throws Exception {
        Deque<String> queue = new ArrayDeque<>(starts);
        Set<String> seen = new HashSet<>(starts);
        List<String> failures = new ArrayList<>();
        int pages = 0;
        while (!queue.isEmpty() && pages < 400) {
            String url = queue.poll();
            pages++;
            MockHttpServletResponse response = mvc.perform(get(url).with(users.as(reader))).andReturn().getResponse();
            int status = response.getStatus();
            if (status >= 300 && status < 400) {
                String location = response.getRedirectedUrl();
                if (location != null && seen.add(location)) {
                    queue.add(location);
                }
                continue;
            }
            if (status != 200) {
                failures.add(url + " -> " + status);
                continue;
            }
            String type = response.getContentType();
            if (type == null || !(type.startsWith("text/html") || type.startsWith("image/svg"))) {
                continue;
            }
            Matcher matcher = HREF.matcher(response.getContentAsString());
            while (matcher.find()) {
                String link = HtmlUtils.htmlUnescape(matcher.group(1));
                if (link.contains("lang=")) {
                    continue;
                }
                boolean inside = false;
                for (String prefix : prefixes) {
                    inside |= link.startsWith(prefix);
                }
                if (inside && seen.add(link)) {
                    queue.add(link);
                }
            }
        }
        return failures;
    }
}
