package fr.maillon.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import fr.maillon.chain.ActivityType;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.HypothesisStatus;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.chain.ResourceKind;
import fr.maillon.chain.StakeholderType;
import fr.maillon.chain.SupportCategory;
import fr.maillon.framework.Aggregation;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.Direction;
import fr.maillon.framework.Measure;
import fr.maillon.framework.NoValue;
import fr.maillon.framework.PeriodType;
import fr.maillon.organisation.ManagementMode;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureKind;
import fr.maillon.organisation.TerritoryType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message key the templates and the code use exists in French and in English, and both
 * files hold the same keys: literal keys, keys passed to field fragments, keys built from an
 * enum's prefix, and message codes written in Java.
 */
class MessagesTests {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.]+)[}(]");
    private static final Pattern PREFIXED_KEY = Pattern.compile("#\\{'([A-Za-z][A-Za-z0-9_.]+)\\.' \\+");
    private static final Pattern FRAGMENT_CALL = Pattern.compile("web/fields :: (\\w+)\\(([^)]*)\\)");
    /** A message code written in Java; a literal ending with a dot is a prefix, not a code. */
    private static final Pattern JAVA_CODE = Pattern.compile(
            "\"((?:account|organisation|chain|exchange|framework|survey|import|evidence|restitution|web|error)\\.[A-Za-z0-9_.]*[A-Za-z0-9_])\"");

    /** Keys that templates build as prefix + value, and the values they take. */
    private static final Map<String, List<String>> BUILT_KEYS = Map.ofEntries(
            Map.entry("organisation.kind", names(StructureKind.values())),
            Map.entry("network.summary.kind", names(StructureKind.values())),
            Map.entry("network.masking", names(fr.maillon.network.TerritoryFigures.Masking.values())),
            Map.entry("organisation.managementMode", names(ManagementMode.values())),
            Map.entry("organisation.territoryType", names(TerritoryType.values())),
            Map.entry("organisation.type", names(OrganisationType.values())),
            Map.entry("organisation.role", names(Role.values())),
            Map.entry("chain.evaluation.status", names(EvaluationStatus.values())),
            Map.entry("network.progress.step", names(fr.maillon.network.ProgressStep.values())),
            Map.entry("network.progress.state", names(fr.maillon.chain.StepState.values())),
            Map.entry("network.progress.date", names(fr.maillon.chain.StepState.values())),
            Map.entry("chain.evaluation.scope", names(EvaluationScope.values())),
            Map.entry("chain.evaluation.scopeFor", Arrays.stream(StructureKind.values()).flatMap(kind -> Arrays
                    .stream(EvaluationScope.values()).map(scope -> kind + "." + scope)).toList()),
            Map.entry("chain.evaluation.scopeFor.CENTRE_SOCIAL", names(EvaluationScope.values())),
            Map.entry("chain.evaluation.scopeFor.ESPACE_VIE_SOCIALE", names(EvaluationScope.values())),
            Map.entry("chain.evaluation.scopeFor.ASSOCIATION", names(EvaluationScope.values())),
            Map.entry("chain.evaluation.scopeFor.TERRITOIRE_ZERO_CHOMEUR", names(EvaluationScope.values())),
            Map.entry("chain.stakeholder.type", names(StakeholderType.values())),
            Map.entry("chain.resourceKind", names(ResourceKind.values())),
            Map.entry("chain.activityType", names(ActivityType.values())),
            Map.entry("chain.supportCategory", names(SupportCategory.values())),
            Map.entry("chain.target", names(EffectTarget.values())),
            Map.entry("chain.hypothesis", names(HypothesisStatus.values())),
            Map.entry("chain.actors.ring", Arrays.stream(fr.maillon.chain.ActorRing.values())
                    .flatMap(ring -> Stream.of(ring.name(), ring + ".help")).toList()),
            Map.entry("chain.path.step", names(fr.maillon.chain.MethodStep.values())),
            Map.entry("chain.path.state", names(fr.maillon.chain.StepState.values())),
            Map.entry("chain.evaluation", List.of("purpose", "audiences", "means", "steering", "purpose.help",
                    "audiences.help", "means.help", "steering.help")),
            Map.entry("chain.path.empty", names(ElementKind.values())),
            Map.entry("chain.kind", Arrays.stream(ElementKind.values())
                    .flatMap(kind -> Stream.of(kind + ".plural", kind + ".new", kind + ".edit")).toList()),
            Map.entry("chain.link.from", names(fr.maillon.chain.LinkRole.values())),
            Map.entry("chain.link.via", List.of("ACTIVITY", "EFFECT", "RESOURCE", "OUTPUT")),
            Map.entry("chain.workshop.tags", List.of("P", "R", "S", "A", "O", "E")),
            Map.entry("chain.workshop.unknownTag", List.of("P", "R", "S", "E")),
            Map.entry("chain.workshop.noTag", List.of("A", "O")),
            Map.entry("framework.measure", names(Measure.values())),
            Map.entry("framework.source", names(DataSource.values())),
            Map.entry("framework.frequency", names(PeriodType.values())),
            Map.entry("framework.aggregation", names(Aggregation.values())),
            Map.entry("framework.direction", names(Direction.values())),
            Map.entry("framework.results.aggregate", names(Aggregation.values())),
            Map.entry("restitution.cumulative", names(Aggregation.values())),
            Map.entry("framework.noValue", names(NoValue.Reason.values())),
            Map.entry("framework.renewal.support", List.of("EUR", "HOURS")),
            Map.entry("survey.audience", names(fr.maillon.survey.Audience.values())),
            Map.entry("survey.kind", names(fr.maillon.survey.QuestionKind.values())),
            Map.entry("survey.statistic", names(fr.maillon.survey.Statistic.values())),
            Map.entry("survey.agreement", List.of("1", "2", "3", "4", "5")),
            Map.entry("evidence.kind", names(fr.maillon.evidence.EvidenceKind.values())),
            Map.entry("workshop.role", names(fr.maillon.workshop.ParticipantRole.values())),
            Map.entry("workshop.kind", names(fr.maillon.workshop.CardKind.values())),
            Map.entry("workshop.place.becomes", names(ElementKind.values())),
            Map.entry("restitution.strength", names(fr.maillon.restitution.Strength.values())),
            Map.entry("restitution.opinion", names(fr.maillon.restitution.Opinion.values())),
            Map.entry("restitution.audience", names(fr.maillon.restitution.ReportAudience.values())),
            Map.entry("restitution.section", names(fr.maillon.restitution.ReportAudience.Section.values())),
            Map.entry("restitution.plain.verdict", names(fr.maillon.restitution.Verdict.values())),
            Map.entry("restitution.verdict.scale", names(fr.maillon.restitution.Verdict.values())),
            Map.entry("restitution.verdict.kind", names(fr.maillon.restitution.VerdictEvidenceKind.values())),
            Map.entry("restitution.verdict.group", names(fr.maillon.restitution.VerdictEvidenceKind.values())),
            Map.entry("workshop.participant.target", names(EffectTarget.values())),
            Map.entry("agrement.part", java.util.stream.Stream.of(fr.maillon.agrement.AgrementPart.values())
                    .flatMap(part -> java.util.stream.Stream.of(part.name(), part.name() + ".help")).toList()),
            Map.entry("agrement.state", names(fr.maillon.agrement.PartState.values())),
            Map.entry("restitution.annotation.kind", names(fr.maillon.restitution.AnnotationTarget.values())),
            Map.entry("element.page.kind", names(ElementKind.values())),
            Map.entry("error", List.of("400.title", "400.message", "403.title", "403.message", "404.title",
                    "404.message", "405.title", "405.message", "500.title", "500.message")));

    @Test
    void frenchAndEnglishHoldTheSameKeys() throws IOException {
        assertThat(load("messages_en.properties").stringPropertyNames())
                .isEqualTo(load("messages.properties").stringPropertyNames());
    }

    /** A key given twice keeps only its last text: two imports once shared one key with other arguments. */
    @Test
    void noKeyIsGivenTwice() throws IOException {
        for (String file : List.of("messages.properties", "messages_en.properties")) {
            Set<String> seen = new HashSet<>();
            Set<String> twice = new TreeSet<>();
            for (String line : Files.readAllLines(RESOURCES.resolve(file))) {
                int equals = line.indexOf('=');
                if (equals > 0 && !line.stripLeading().startsWith("#") && !seen.add(line.substring(0, equals).strip())) {
                    twice.add(line.substring(0, equals).strip());
                }
            }
            assertThat(twice).as("keys given twice in " + file).isEmpty();
        }
    }

    @Test
    void everyKeyUsedExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Set<String> missing = new TreeSet<>();
        for (Path template : files(RESOURCES.resolve("templates"), ".html")) {
            String html = Files.readString(template);
            find(LITERAL_KEY, html, 1).forEach(key -> requireKey(keys, key, template, missing));
            for (String prefix : find(PREFIXED_KEY, html, 1)) {
                assertThat(BUILT_KEYS).as("values of the key prefix " + prefix + " in " + template)
                        .containsKey(prefix);
            }
            Matcher call = FRAGMENT_CALL.matcher(html);
            while (call.find()) {
                List<String> arguments = Arrays.stream(call.group(2).split(",")).map(String::strip).toList();
                if (arguments.size() > 1) {
                    requireKey(keys, unquote(arguments.get(1)), template, missing);
                }
                if (call.group(1).equals("selectField")) {
                    String prefix = unquote(arguments.get(3));
                    assertThat(BUILT_KEYS).as("values of the select prefix " + prefix).containsKey(prefix);
                }
            }
        }
        for (Path source : files(Path.of("src/main/java"), ".java")) {
            find(JAVA_CODE, Files.readString(source), 1).forEach(key -> requireKey(keys, key, source, missing));
        }
        BUILT_KEYS.forEach((prefix, values) -> values.forEach(value -> requireKey(keys, prefix + "." + value,
                Path.of("enum"), missing)));
        assertThat(missing).as("message keys used but not defined").isEmpty();
    }

    private static void requireKey(Set<String> keys, String key, Path where, Set<String> missing) {
        if (!keys.contains(key)) {
            missing.add(key + " (" + where + ")");
        }
    }

    private static String unquote(String argument) {
        return argument.replaceAll("^'|'$", "");
    }

    private static List<String> find(Pattern pattern, String text, int group) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(group));
        }
        return found;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(suffix)).toList();
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
