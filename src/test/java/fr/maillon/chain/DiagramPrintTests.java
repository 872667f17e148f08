package fr.maillon.chain;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportFiles;
import fr.maillon.restitution.ReportService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagram as drawn and printed: a line style per hypothesis status and a legend; stakeholders
 * without interaction in their own column; labels wrapped, never cut; a chain of 60 boxes on its
 * own landscape page of the report's PDF, every label found by pdftotext and no word on that page
 * below 7 pt; 80 boxes still at 7 pt at least.
 *
 * <p>The size rule: pdftotext -bbox gives each word's box, from the font's ascent above the baseline
 * to its descent below. For DejaVu Sans (the only font of Maillon's PDFs) that box is 1.164 times
 * the font size (ascent 0.928 + descent 0.236 em): the report's 10 pt body text measures 11.66 pt.
 * So a word is at least 7 pt when its box is at least 7 × 1.164 = 8.15 pt high.
 */
@SpringBootTest
class DiagramPrintTests {

    private static final double BOX_PER_POINT = 1.164;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ChainService chains;

    @Autowired
    DiagramService diagrams;

    @Autowired
    ReportService reports;

    @Autowired
    ReportFiles files;

    TestUsers.Created editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Diagramme imprimé",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2022, 1, 1), LocalDate.of(2025, 12, 31), null));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void eachHypothesisHasItsLineStyleAndTheLegendSaysSo() {
        long time = chains.addElement(evaluation, ChainServiceTests.resource("Temps bénévole",
                ResourceKind.VOLUNTEER_TIME, null, null, null, null));
        long workshop = chains.addElement(evaluation, ChainServiceTests.activity("Ateliers", ActivityType.PRIMARY, null));
        long jars = chains.addElement(evaluation, ChainElementDraft.named(ElementKind.OUTPUT, "Bocaux"));
        long skills = chains.addElement(evaluation, ChainServiceTests.effect("Savoir-faire", EffectTarget.HABITANTS));
        long meals = chains.addElement(evaluation, ChainServiceTests.effect("Repas", EffectTarget.HABITANTS));
        chains.addLink(evaluation, new LinkDraft(time, workshop, null, HypothesisStatus.CONFIRMEE, null, null));
        chains.addLink(evaluation, new LinkDraft(workshop, jars, null, HypothesisStatus.EN_PARTIE, null, null));
        chains.addLink(evaluation, new LinkDraft(jars, skills, null, HypothesisStatus.NON_CONFIRMEE, null, null));
        chains.addLink(evaluation, new LinkDraft(jars, meals, null));
        chains.addLink(evaluation, new LinkDraft(skills, time, null, HypothesisStatus.CONFIRMEE, null, null));

        String svg = diagrams.svg(evaluation, "", Locale.FRENCH);
        assertThat(line(svg, "link", "CONFIRMEE")).contains("stroke=\"#333333\"").doesNotContain("dasharray");
        assertThat(line(svg, "link", "EN_PARTIE")).contains("stroke-dasharray=\"8 4\"");
        assertThat(line(svg, "link", "NON_CONFIRMEE")).contains("stroke=\"#b3261e\"").contains("stroke-dasharray=\"2 3\"");
        assertThat(line(svg, "link", "NON_TESTEE")).contains("stroke=\"#9e9e9e\"").contains("stroke-width=\"1.0\"");
        assertThat(line(svg, "regeneration", "CONFIRMEE")).contains("stroke=\"#1e6b37\"");
        assertThat(svg).contains("<path class=\"not-confirmed\"");
        String legend = svg.substring(svg.indexOf("<g class=\"legend\">"));
        assertThat(texts(legend)).contains("Légende :", "Parties prenantes",
                "Partie prenante membre de la communauté d'action", "Ressources", "Activités de soutien",
                "Activités principales", "Réalisations", "Effets", "Hypothèse du lien :", "confirmée", "en partie",
                "non confirmée", "pas encore vérifiée", "un effet renouvelle une ressource",
                "une partie prenante prend part à une activité");
        assertThat(legend).contains("stroke-dasharray=\"8 4\"").contains("stroke-dasharray=\"2 3\"");
        // the effects' target heads its group
        assertThat(svg).contains("<g class=\"target-title\">").contains(">Habitants</text>");
    }

    @Test
    void aStakeholderWithoutInteractionStaysUnderItsOwnColumnTitle() {
        long city = chains.addStakeholder(evaluation, new StakeholderDraft("Commune", StakeholderType.COLLECTIVITE,
                false, null, null, null, null));
        chains.addStakeholder(evaluation, new StakeholderDraft("Département de la Drôme",
                StakeholderType.COLLECTIVITE, false, null, null, null, null));
        chains.addStakeholder(evaluation, new StakeholderDraft("Fondation sans lien", StakeholderType.FINANCEUR,
                false, null, null, null, null));
        long room = chains.addElement(evaluation, ChainServiceTests.resource("Salle", ResourceKind.MATERIAL, city,
                null, null, null));
        long coordination = chains.addElement(evaluation, ChainServiceTests.activity("Coordination",
                ActivityType.SUPPORT, SupportCategory.GOUVERNANCE));
        long workshop = chains.addElement(evaluation, ChainServiceTests.activity("Atelier", ActivityType.PRIMARY, null));
        long sessions = chains.addElement(evaluation, ChainElementDraft.named(ElementKind.OUTPUT, "Séances"));
        long effect = chains.addElement(evaluation, ChainServiceTests.effect("Lien social", EffectTarget.TERRITOIRE));
        chains.addElement(evaluation, ChainServiceTests.effect("Effet sans lien", EffectTarget.HABITANTS));
        chains.addLink(evaluation, new LinkDraft(room, workshop, null));
        chains.addLink(evaluation, new LinkDraft(coordination, workshop, null));
        chains.addLink(evaluation, new LinkDraft(workshop, sessions, null));
        chains.addLink(evaluation, new LinkDraft(sessions, effect, null));
        chains.addInteraction(evaluation, new InteractionDraft(city, workshop, "La salle", null, null, null,
                "Un quartier animé", null, null, null));

        for (String svg : List.of(diagrams.svg(evaluation, "", Locale.FRENCH),
                diagrams.printable(evaluation, Locale.FRENCH).get(0).svg())) {
            Map<Integer, Double> titles = new HashMap<>();
            Matcher title = Pattern.compile("<g class=\"column\" data-column=\"(\\d)\"><text x=\"([\\d.]+)\"")
                    .matcher(svg);
            while (title.find()) {
                titles.put(Integer.parseInt(title.group(1)), Double.parseDouble(title.group(2)));
            }
            assertThat(titles).containsOnlyKeys(0, 1, 2, 3, 4, 5);
            for (int column = 1; column < 6; column++) {
                assertThat(titles.get(column)).isGreaterThan(titles.get(column - 1));
            }
            Matcher node = Pattern.compile("<g class=\"node\" data-id=\"[a-z]\\d+\" data-column=\"(\\d)\"><title>"
                    + "([^<]*)</title><rect x=\"([\\d.]+)\"").matcher(svg);
            int nodes = 0;
            while (node.find()) {
                nodes++;
                int column = Integer.parseInt(node.group(1));
                assertThat(Double.parseDouble(node.group(3))).as(node.group(2)).isEqualTo(titles.get(column));
            }
            assertThat(nodes).isEqualTo(9);
            assertThat(svg).containsPattern("data-column=\"0\"><title>Département de la Drôme</title>")
                    .containsPattern("data-column=\"0\"><title>Fondation sans lien</title>")
                    .containsPattern("data-column=\"5\"><title>Effet sans lien</title>");
        }
    }

    @Test
    void aLongLabelWrapsOntoLinesWithoutLosingAWord() {
        String name = "Accompagnement individualisé des familles monoparentales vers les droits "
                + "(anticonstitutionnellementinexplicablement long) et la santé";
        chains.addElement(evaluation, ChainServiceTests.activity(name, ActivityType.PRIMARY, null));
        String svg = diagrams.svg(evaluation, "", Locale.FRENCH);
        String node = svg.substring(svg.indexOf("<g class=\"node\""), svg.indexOf("</g>", svg.indexOf("<g class=\"node\"")));
        List<String> lines = texts(node);
        assertThat(lines.size()).isGreaterThan(3);
        assertThat(String.join(" ", lines).replace("- ", "")).isEqualTo(name);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(30));
    }

    @Test
    void aChainOfSixtyBoxesPrintsOnItsOwnLandscapePageWithTextOfSevenPointsAtLeast() throws Exception {
        List<String> names = chain(8, 10, 5, 12, 11, 14);
        List<DiagramPage> pages = diagrams.printable(evaluation, Locale.FRENCH);
        assertThat(pages).hasSize(1);
        assertThat(pages.get(0).smallestTextPt()).isGreaterThanOrEqualTo(7);
        assertThat(pages.get(0).texts()).allSatisfy(text -> assertThat(text.sizePt()).isGreaterThanOrEqualTo(7));
        assertThat(pages.get(0).widthMm()).isLessThanOrEqualTo(pages.get(0).paper().widthMm());
        assertThat(pages.get(0).heightMm()).isLessThanOrEqualTo(pages.get(0).paper().heightMm());

        long report = reports.create(evaluation, ReportAudience.CAF, "Dossier CAF");
        byte[] pdf = files.pdf(reports.printed(report, 0), "/");
        Assumptions.assumeTrue(new File("/usr/bin/pdftotext").canExecute() || "true".equals(System.getenv("CI")),
                "poppler-utils is not installed");
        Path file = Files.createTempFile("maillon-diagram", ".pdf");
        Files.write(file, pdf);
        List<Integer> landscape = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                PDRectangle box = document.getPage(i).getMediaBox();
                if (box.getWidth() > box.getHeight()) {
                    landscape.add(i + 1);
                }
            }
        }
        assertThat(landscape).as("landscape pages").hasSize(1);
        int page = landscape.get(0);
        String text = poppler("pdftotext", "-raw", "-f", String.valueOf(page), "-l", String.valueOf(page),
                file.toString(), "-").replaceAll("\\s+", " ");
        // the PDF's font sets "ff" and "fi" as ligatures, which pdftotext gives back as such
        String read = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
        assertThat(names).hasSize(60).allSatisfy(name -> assertThat(read).contains(name));
        assertThat(read).contains("Légende :").contains("en partie").contains("non confirmée");

        String boxes = poppler("pdftotext", "-bbox", "-f", String.valueOf(page), "-l", String.valueOf(page),
                file.toString(), "-");
        Matcher word = Pattern.compile("<word xMin=\"[\\d.]+\" yMin=\"([\\d.]+)\" xMax=\"[\\d.]+\" yMax=\"([\\d.]+)\">"
                + "([^<]*)</word>").matcher(boxes);
        int words = 0;
        double smallest = Double.MAX_VALUE;
        while (word.find()) {
            words++;
            double size = (Double.parseDouble(word.group(2)) - Double.parseDouble(word.group(1))) / BOX_PER_POINT;
            smallest = Math.min(smallest, size);
            assertThat(size).as("the size of « %s »", word.group(3)).isGreaterThanOrEqualTo(6.99);
        }
        assertThat(words).isGreaterThan(150);
        Files.createDirectories(Path.of("target", "screenshots"));
        poppler("pdftoppm", "-f", String.valueOf(page), "-l", String.valueOf(page), "-r", "60", "-png", file.toString(),
                Path.of("target", "screenshots", "diagram-60-boxes").toString());
        System.out.printf(Locale.ROOT, "60 boxes: %s landscape, smallest word %.2f pt (page says %.2f pt)%n",
                pages.get(0).paper(), smallest, pages.get(0).smallestTextPt());
    }

    @Test
    void aChainOfEightyBoxesStillPrintsAtSevenPointsAtLeast() {
        chain(10, 14, 6, 16, 15, 19);
        List<DiagramPage> pages = diagrams.printable(evaluation, Locale.FRENCH);
        assertThat(pages).isNotEmpty().allSatisfy(page -> assertThat(page.smallestTextPt())
                .isGreaterThanOrEqualTo(DiagramService.MINIMUM_PRINTED_TEXT_PT));
        System.out.printf(Locale.ROOT, "80 boxes: %d page(s) %s%n", pages.size(), pages.stream()
                .map(page -> page.paper() + " " + page.target() + " " + page.smallestTextPt() + " pt").toList());
    }

    /**
     * A chain of the given counts, with names of the length people give them, linked as a centre's
     * chain is: each primary activity fed by two resources and a support activity, making one or two
     * outputs, each output leading to one or two effects, some effects renewing a resource; each
     * stakeholder taking part in an activity or two. Returns the names of the boxes.
     */
    private List<String> chain(int stakeholders, int resources, int support, int primary, int outputs, int effects) {
        List<String> names = new ArrayList<>();
        String[] words = { "ateliers", "habitants", "quartier", "jardin", "familles", "jeunes", "bénévoles",
                "parentalité", "numérique", "sorties", "alimentation", "logement", "santé", "emploi" };
        long[] people = new long[stakeholders];
        for (int i = 0; i < stakeholders; i++) {
            String name = "Partenaire " + (i + 1) + " des " + words[i % words.length];
            people[i] = chains.addStakeholder(evaluation, new StakeholderDraft(name, StakeholderType.ASSOCIATION,
                    i % 2 == 0, null, null, null, null));
            names.add(name);
        }
        long[] resource = new long[resources];
        for (int i = 0; i < resources; i++) {
            String name = "Ressource " + (i + 1) + " : temps et moyens pour les " + words[(i + 3) % words.length];
            resource[i] = chains.addElement(evaluation, ChainServiceTests.resource(name, ResourceKind.MATERIAL, null,
                    null, null, null));
            names.add(name);
        }
        long[] supports = new long[support];
        for (int i = 0; i < support; i++) {
            String name = "Soutien " + (i + 1) + " : coordination des " + words[(i + 5) % words.length];
            supports[i] = chains.addElement(evaluation, ChainServiceTests.activity(name, ActivityType.SUPPORT,
                    SupportCategory.GOUVERNANCE));
            names.add(name);
        }
        long[] primaries = new long[primary];
        for (int i = 0; i < primary; i++) {
            String name = "Activité " + (i + 1) + " : " + words[i % words.length] + " et " + words[(i + 7) % words.length]
                    + " avec les habitants";
            primaries[i] = chains.addElement(evaluation, ChainServiceTests.activity(name, ActivityType.PRIMARY, null));
            names.add(name);
            chains.addLink(evaluation, new LinkDraft(resource[i % resources], primaries[i], null,
                    HypothesisStatus.CONFIRMEE, null, null));
            chains.addLink(evaluation, new LinkDraft(resource[(i + 3) % resources], primaries[i], null));
            chains.addLink(evaluation, new LinkDraft(supports[i % support], primaries[i], null,
                    HypothesisStatus.EN_PARTIE, null, null));
        }
        long[] output = new long[outputs];
        for (int i = 0; i < outputs; i++) {
            String name = "Réalisation " + (i + 1) + " : séances de " + words[(i + 2) % words.length];
            output[i] = chains.addElement(evaluation, ChainElementDraft.named(ElementKind.OUTPUT, name));
            names.add(name);
            chains.addLink(evaluation, new LinkDraft(primaries[i % primary], output[i], null,
                    HypothesisStatus.CONFIRMEE, null, null));
        }
        for (int i = 0; i < effects; i++) {
            String name = "Effet " + (i + 1) + " : les " + words[(i + 1) % words.length] + " gagnent en confiance";
            long effect = chains.addElement(evaluation, ChainServiceTests.effect(name, EffectTarget.values()[i % 3]));
            names.add(name);
            chains.addLink(evaluation, new LinkDraft(output[i % outputs], effect, null,
                    i % 4 == 0 ? HypothesisStatus.NON_CONFIRMEE : HypothesisStatus.EN_PARTIE, null, null));
            if (i % 3 == 0) {
                chains.addLink(evaluation, new LinkDraft(output[(i + 1) % outputs], effect, null));
            }
            if (i % 5 == 0) {
                chains.addLink(evaluation, new LinkDraft(effect, resource[i % resources], null,
                        HypothesisStatus.EN_PARTIE, null, null));
            }
        }
        for (int i = 0; i < stakeholders; i++) {
            chains.addInteraction(evaluation, new InteractionDraft(people[i], primaries[i % primary], "Du temps", null,
                    null, null, "Des liens", null, null, null));
        }
        return names;
    }

    /** The polyline of that class and hypothesis. */
    private static String line(String svg, String kind, String status) {
        Matcher matcher = Pattern.compile("<polyline class=\"" + kind + "\" data-hypothesis=\"" + status
                + "\"[^>]*/>").matcher(svg);
        assertThat(matcher.find()).as(kind + " " + status).isTrue();
        return matcher.group();
    }

    private static List<String> texts(String svg) {
        List<String> texts = new ArrayList<>();
        Matcher matcher = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
        while (matcher.find()) {
            texts.add(matcher.group(1).replace("&#39;", "'").replace("&amp;", "&"));
        }
        return texts;
    }

    private static String poppler(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(output, StandardCharsets.UTF_8);
    }
}
