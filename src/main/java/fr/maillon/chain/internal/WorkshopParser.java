package fr.maillon.chain.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.ActivityType;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.ResourceKind;
import fr.maillon.chain.StakeholderType;
import fr.maillon.chain.SupportCategory;
import fr.maillon.chain.TargetNames;
import fr.maillon.web.Texts;

/**
 * The workshop notation, one thing per line:
 * <pre>
 * P: Habitants du quartier #habitants #membre   a stakeholder: its type is required (#collectivite,
 *                                      #association, #entreprise…); #membre: part of the communauté d'action
 * R: Temps bénévole #benevolat         a resource (#salarie, #financier, #materiel, #savoir, #relation)
 * S: Coordination #gouvernance         a support activity (#rh, #communication, #financement, #logistique)
 * A: Ateliers cuisine                  a primary activity
 * O: Repas partagés                    an output
 * E: Lien social #territoire           an effect (#habitants by default, #communaute, or the evaluation's own
 *                                      names of its targets: #usagers, #salaries…, see {@link #targetTags})
 * Temps bénévole -> Ateliers cuisine : les bénévoles animent      a link, with its rationale
 * Habitants du quartier ~ Ateliers cuisine : du temps / des repas  an interaction: cost / benefit
 * </pre>
 * Lines starting with {@code //} and blank lines are ignored.
 */
public final class WorkshopParser {

    private static final Pattern ELEMENT = Pattern.compile("^([PRSAOE])\\s*:\\s*(.+)$", Pattern.CASE_INSENSITIVE);
    /** Longer lines are refused: a workshop line is a name, not a text. */
    public static final int MAX_LINE = 1000;
    private static final Pattern TAG = Pattern.compile("\\s#(\\p{L}[\\p{L}\\p{N}_-]*)");

    /** A stakeholder's type: one of these is required on a P: line (no silent default). */
    private static final Map<String, StakeholderType> STAKEHOLDER_TAGS = tags("etat", StakeholderType.ETAT,
            "collectivite", StakeholderType.COLLECTIVITE, "association", StakeholderType.ASSOCIATION,
            "entreprise", StakeholderType.ENTREPRISE, "recherche", StakeholderType.RECHERCHE,
            "habitants", StakeholderType.HABITANTS, "financeur", StakeholderType.FINANCEUR);
    /** Being part of the communauté d'action is not a type: a flag, added to the type. */
    private static final List<String> MEMBER_TAGS = List.of("membre", "communaute");
    private static final Map<String, ResourceKind> RESOURCE_TAGS = tags("salarie", ResourceKind.STAFF_TIME,
            "benevolat", ResourceKind.VOLUNTEER_TIME, "financier", ResourceKind.FINANCIAL,
            "materiel", ResourceKind.MATERIAL, "savoir", ResourceKind.KNOWLEDGE, "relation", ResourceKind.RELATIONAL);
    private static final Map<String, SupportCategory> SUPPORT_TAGS = tags("gouvernance", SupportCategory.GOUVERNANCE,
            "rh", SupportCategory.RESSOURCES_HUMAINES, "communication", SupportCategory.COMMUNICATION,
            "financement", SupportCategory.FINANCEMENT, "logistique", SupportCategory.LOGISTIQUE);
    private static final Map<String, EffectTarget> TARGET_TAGS = tags("habitants", EffectTarget.HABITANTS,
            "territoire", EffectTarget.TERRITOIRE, "communaute", EffectTarget.COMMUNAUTE_ACTION);

    /** The tags each letter accepts, in the order they are shown, with {@code #}. */
    public static Map<Character, List<String>> acceptedTags() {
        Map<Character, List<String>> accepted = new LinkedHashMap<>();
        List<String> stakeholder = new ArrayList<>(STAKEHOLDER_TAGS.keySet());
        stakeholder.addAll(MEMBER_TAGS);
        accepted.put('P', hashed(stakeholder));
        accepted.put('R', hashed(RESOURCE_TAGS.keySet()));
        accepted.put('S', hashed(SUPPORT_TAGS.keySet()));
        accepted.put('A', List.of());
        accepted.put('O', List.of());
        accepted.put('E', hashed(TARGET_TAGS.keySet()));
        return accepted;
    }

    private static List<String> hashed(Collection<String> tags) {
        return tags.stream().map(tag -> "#" + tag).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> tags(Object... pairs) {
        Map<String, T> tags = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            tags.put((String) pairs[i], (T) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(tags);
    }

    private WorkshopParser() {
    }

    /** One parsed line; {@code error} is a message code when the line cannot be read. */
    public sealed interface Line permits StakeholderLine, ElementLine, LinkLine, InteractionLine, ErrorLine {

        int number();
    }

    public record StakeholderLine(int number, String name, StakeholderType type, boolean member) implements Line {
    }

    public record ElementLine(int number, ElementKind kind, String name, @Nullable ResourceKind resourceKind,
            @Nullable ActivityType activityType, @Nullable SupportCategory supportCategory,
            @Nullable EffectTarget target) implements Line {
    }

    public record LinkLine(int number, String source, String target, @Nullable String rationale) implements Line {
    }

    public record InteractionLine(int number, String stakeholder, String activity, String cost, String benefit)
            implements Line {
    }

    /** A line refused: the message code and its arguments (the tag at fault, the accepted ones…). */
    public record ErrorLine(int number, String code, List<String> arguments) implements Line {

        public ErrorLine(int number, String code, String argument) {
            this(number, code, List.of(argument));
        }
    }

    /** An unknown tag, named with the ones the letter accepts. */
    private static ErrorLine unknownTag(int number, char letter, String tag) {
        List<String> accepted = acceptedTags().get(letter);
        return new ErrorLine(number, accepted.isEmpty() ? "chain.workshop.noTag." + letter : "chain.workshop.unknownTag." + letter,
                List.of(tag, String.join(", ", accepted)));
    }

    /**
     * The tags that name each target in an evaluation: its code's tag ({@code #habitants}, {@code #territoire},
     * {@code #communaute}), then each of its names whole and by its first word, without accents, spaces nor
     * dashes ({@code #usagers}, {@code #usagers-des-activites}, {@code #salaries}); a tag two targets share names
     * neither, unless it is a code's tag.
     */
    public static Map<String, EffectTarget> targetTags(List<TargetNames> names) {
        Map<String, EffectTarget> tags = new LinkedHashMap<>();
        TARGET_TAGS.forEach((tag, target) -> tags.put(tag, target));
        Set<String> shared = new HashSet<>();
        for (TargetNames each : names) {
            for (EffectTarget target : EffectTarget.values()) {
                String name = each.label(target);
                for (String tag : List.of(compact(name), firstWordTag(name))) {
                    if (tag.length() < 3 || TARGET_TAGS.containsKey(tag)) {
                        continue;
                    }
                    EffectTarget before = tags.putIfAbsent(tag, target);
                    if (before != null && before != target) {
                        shared.add(tag);
                    }
                }
            }
        }
        shared.forEach(tags::remove);
        return tags;
    }

    /** Whether the tag is one of the codes' tags, {@code habitants}, {@code territoire} or {@code communaute}. */
    public static boolean isCodeTag(String tag) {
        return TARGET_TAGS.containsKey(tag);
    }

    /** The tag of a name's first word: "Salariés de l'entreprise à but d'emploi" gives {@code salaries}. */
    public static String firstWordTag(String name) {
        return compact(name.strip().split("[\\s'’]+", 2)[0]);
    }

    /** A tag as compared: folded, without dashes, underscores nor anything else than letters and digits. */
    private static String compact(String tag) {
        return Texts.fold(tag).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    public static List<Line> parse(String text) {
        return parse(text, TARGET_TAGS);
    }

    /** Reads the text, an effect's target named by one of {@code targetTags} (see {@link #targetTags}). */
    public static List<Line> parse(String text, Map<String, EffectTarget> targetTags) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\\R", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            lines.add(parseLine(i + 1, line, targetTags));
        }
        return lines;
    }

    /** Lines are cut at their markers ({@code ~ : /}, {@code -> :}), never by backtracking patterns. */
    private static Line parseLine(int number, String line, Map<String, EffectTarget> targetTags) {
        if (line.length() > MAX_LINE) {
            return new ErrorLine(number, "chain.workshop.tooLong", String.valueOf(MAX_LINE));
        }
        Matcher element = ELEMENT.matcher(line);
        if (element.matches()) {
            return element(number, Character.toUpperCase(element.group(1).charAt(0)), element.group(2), targetTags);
        }
        int tilde = line.indexOf('~');
        if (tilde > 0) {
            int colon = line.indexOf(':', tilde);
            int slash = colon < 0 ? -1 : line.indexOf('/', colon);
            if (colon < 0 || slash < 0) {
                return new ErrorLine(number, "chain.workshop.unreadable", "");
            }
            String[] parts = { line.substring(0, tilde), line.substring(tilde + 1, colon),
                    line.substring(colon + 1, slash), line.substring(slash + 1) };
            for (String part : parts) {
                if (part.isBlank()) {
                    return new ErrorLine(number, "chain.workshop.unreadable", "");
                }
            }
            return new InteractionLine(number, parts[0].strip(), parts[1].strip(), parts[2].strip(),
                    parts[3].strip());
        }
        int arrow = line.indexOf("->");
        int width = 2;
        if (arrow < 0) {
            arrow = line.indexOf('→');
            width = 1;
        }
        if (arrow > 0) {
            int colon = line.indexOf(':', arrow);
            String target = (colon < 0 ? line.substring(arrow + width) : line.substring(arrow + width, colon)).strip();
            String rationale = colon < 0 ? null : line.substring(colon + 1).strip();
            String source = line.substring(0, arrow).strip();
            if (source.isEmpty() || target.isEmpty()) {
                return new ErrorLine(number, "chain.workshop.unreadable", "");
            }
            return new LinkLine(number, source, target, rationale == null || rationale.isEmpty() ? null : rationale);
        }
        return new ErrorLine(number, "chain.workshop.unreadable", "");
    }

    private static Line element(int number, char letter, String body, Map<String, EffectTarget> targetTags) {
        List<String> tags = new ArrayList<>();
        Matcher tag = TAG.matcher(" " + body);
        while (tag.find()) {
            tags.add(Texts.fold(tag.group(1)));
        }
        String name = TAG.matcher(" " + body).replaceAll("").strip();
        if (name.isEmpty()) {
            return new ErrorLine(number, "chain.workshop.noName", "");
        }
        switch (letter) {
            case 'P' -> {
                StakeholderType type = null;
                String typeTag = null;
                boolean member = false;
                for (String value : tags) {
                    if (MEMBER_TAGS.contains(value)) {
                        member = true;
                    }
                    else if (!STAKEHOLDER_TAGS.containsKey(value)) {
                        return unknownTag(number, letter, value);
                    }
                    else if (typeTag != null && !typeTag.equals(value)) {
                        return new ErrorLine(number, "chain.workshop.twoTypes", List.of(typeTag, value));
                    }
                    else {
                        typeTag = value;
                        type = STAKEHOLDER_TAGS.get(value);
                    }
                }
                if (type == null) {
                    return new ErrorLine(number, "chain.workshop.stakeholderType",
                            List.of(name, String.join(", ", hashed(STAKEHOLDER_TAGS.keySet()))));
                }
                return new StakeholderLine(number, name, type, member);
            }
            case 'R' -> {
                ResourceKind kind = ResourceKind.MATERIAL;
                for (String value : tags) {
                    if (!RESOURCE_TAGS.containsKey(value)) {
                        return unknownTag(number, letter, value);
                    }
                    kind = RESOURCE_TAGS.get(value);
                }
                return new ElementLine(number, ElementKind.RESOURCE, name, kind, null, null, null);
            }
            case 'S' -> {
                SupportCategory category = SupportCategory.AUTRE;
                for (String value : tags) {
                    if (!SUPPORT_TAGS.containsKey(value)) {
                        return unknownTag(number, letter, value);
                    }
                    category = SUPPORT_TAGS.get(value);
                }
                return new ElementLine(number, ElementKind.ACTIVITY, name, null, ActivityType.SUPPORT, category, null);
            }
            case 'E' -> {
                EffectTarget target = EffectTarget.HABITANTS;
                for (String value : tags) {
                    EffectTarget tagged = targetTags.get(compact(value));
                    if (tagged == null) {
                        return new ErrorLine(number, "chain.workshop.unknownTag." + letter,
                                List.of(value, String.join(", ", hashed(targetTags.keySet()))));
                    }
                    target = tagged;
                }
                return new ElementLine(number, ElementKind.EFFECT, name, null, null, null, target);
            }
            default -> {
                if (!tags.isEmpty()) {
                    return unknownTag(number, letter, tags.get(0));
                }
                return letter == 'A' ? new ElementLine(number, ElementKind.ACTIVITY, name, null, ActivityType.PRIMARY,
                        null, null) : new ElementLine(number, ElementKind.OUTPUT, name, null, null, null, null);
            }
        }
    }

}
