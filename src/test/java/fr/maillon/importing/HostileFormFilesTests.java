package fr.maillon.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The questionnaire readers fed hostile files: external entities (XXE), billion laughs in an XForm
 * and in a .lss, a zip bomb as .lsa, XML nested 100,000 levels deep, JSON nested as deep. Each is
 * refused as a rule violation on the file, with a French message naming the line or the limit and
 * no Java exception text; nothing is read (the readers write nothing: the import that calls them
 * writes only what they return).
 */
class HostileFormFilesTests {

    final ResourceBundleMessageSource messages = FormReadersTests.messages();
    final XFormReader xforms = new XFormReader(messages);
    final KoboFormReader kobo = new KoboFormReader(messages);
    final LimeSurveyReader limesurvey = new LimeSurveyReader(messages);

    private static final String XXE = """
            <?xml version="1.0"?>
            <!DOCTYPE h:html [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">
            <h:head><h:title>&secret;</h:title><model><instance><data id="x"><q/></data></instance>
            <bind nodeset="/data/q" type="string"/></model></h:head>
            <h:body><input ref="/data/q"><label>&secret;</label></input></h:body></h:html>
            """;

    private static String laughs(String root) {
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [" + entities + "]>\n" + "<" + root + ">&lol9;</"
                + root + ">";
    }

    @Test
    void externalEntitiesAreRefusedBeforeAnythingIsRead() {
        assertRefused(() -> xforms.read(XXE.getBytes(StandardCharsets.UTF_8), null), "import.xml.doctype");
        String lss = "<?xml version=\"1.0\"?>\n<!DOCTYPE document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<document><LimeSurveyDocType>Survey</LimeSurveyDocType><x>&x;</x></document>";
        assertRefused(() -> limesurvey.read(lss.getBytes(StandardCharsets.UTF_8), null), "import.xml.doctype");
    }

    @Test
    void billionLaughsAreRefusedInXFormsAndLss() {
        assertRefused(() -> xforms.read(laughs("h:html").getBytes(StandardCharsets.UTF_8), null),
                "import.xml.doctype");
        assertRefused(() -> limesurvey.read(laughs("document").getBytes(StandardCharsets.UTF_8), null),
                "import.xml.doctype");
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);
        assertRefused(() -> xforms.read(deep.getBytes(StandardCharsets.UTF_8), null), "import.xml.tooDeep");
        assertRefused(() -> limesurvey.read(deep.getBytes(StandardCharsets.UTF_8), null), "import.xml.tooDeep");
        String json = "{\"survey\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertRefused(() -> kobo.read(json.getBytes(StandardCharsets.UTF_8), null), "import.kobo.invalid");
    }

    @Test
    void zipBombLsaIsRefused() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("survey_1_responses.lsr"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 120; i++) {
                zip.write(zeros);
            }
            zip.putNextEntry(new ZipEntry("survey_1.lss"));
            zip.write("<document/>".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(bomb.size()).isLessThan(1024 * 1024);
        assertRefused(() -> limesurvey.read(bomb.toByteArray(), null), "import.limesurvey.zipBomb");

        ByteArrayOutputStream many = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(many)) {
            for (int i = 0; i < 500; i++) {
                zip.putNextEntry(new ZipEntry("file" + i + ".txt"));
            }
        }
        assertRefused(() -> limesurvey.read(many.toByteArray(), null), "import.limesurvey.zipEntries");
        assertRefused(() -> limesurvey.read(new byte[] { 'P', 'K', 3, 4, 1, 2, 3 }, null), "import.limesurvey.noLss");
    }

    @Test
    void filesOfTheWrongKindAreRefusedByName() {
        assertRefused(() -> xforms.read("<a><b/></a>".getBytes(StandardCharsets.UTF_8), null), "import.xform.notXForm");
        assertRefused(() -> xforms.read("<a><b>".getBytes(StandardCharsets.UTF_8), null), "import.xml.invalid");
        assertRefused(() -> kobo.read("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), null), "import.kobo.notKobo");
        assertRefused(() -> kobo.read("{\"survey\": [".getBytes(StandardCharsets.UTF_8), null), "import.kobo.invalid");
        assertRefused(() -> limesurvey.read("<document/>".getBytes(StandardCharsets.UTF_8), null),
                "import.limesurvey.notLss");
    }

    private void assertRefused(Supplier<FormRead> reading, String code) {
        Throwable thrown = catchThrowable(reading::get);
        assertThat(thrown).isInstanceOf(RuleViolationException.class);
        RuleViolationException.Violation violation = ((RuleViolationException) thrown).violations().get(0);
        assertThat(violation.field()).isEqualTo("file");
        assertThat(violation.code()).isEqualTo(code);
        String message = messages.getMessage(violation.code(), violation.arguments(), Locale.FRENCH);
        assertThat(message).doesNotContain("Exception", "{0}", "{1}").doesNotContain("lol");
    }
}
