package fr.maillon.importing;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.support.DefaultMessageSourceResolvable;

import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/**
 * Questionnaires from other tools' files, whatever their kind: the format is told by the content
 * ({@link FileFormat#detect}), then the reader of that format gives a {@link FormRead}. A file that
 * is not a questionnaire is refused with what it is and where it goes.
 */
public final class FormReaders {

    private FormReaders() {
    }

    /**
     * The questionnaire of a file; {@code leadLanguage} names the language that leads when the file
     * has no French (one of {@link FormRead#languages()}; null: French, else the file's default).
     */
    public static FormRead read(byte[] content, String filename, @Nullable String leadLanguage) {
        if (content.length == 0) {
            throw new RuleViolationException("file", "import.file.empty");
        }
        if (content.length > TableReader.MAX_BYTES) {
            throw new RuleViolationException("file", "import.file.tooBig", TableReader.MAX_BYTES / (1024 * 1024));
        }
        FileFormat format = FileFormat.detect(content, filename);
        damagedWorkbook(content, format);
        return switch (format) {
            case XLSX, XLS -> XlsFormReader.read(TableReader.sheets(content), filename, leadLanguage, format);
            case XLSFORM_CSV -> XlsFormReader.read(XlsFormLayouts.csv(content), filename, leadLanguage, format);
            case XLSFORM_MARKDOWN -> XlsFormReader.read(XlsFormLayouts.markdown(content), filename, leadLanguage,
                    format);
            case XFORM -> new XFormReader(ReaderMessages.source()).read(content, leadLanguage);
            case KOBO_FORM_JSON -> new KoboFormReader(ReaderMessages.source()).read(content, leadLanguage);
            case LIMESURVEY_LSS, LIMESURVEY_LSA -> new LimeSurveyReader(ReaderMessages.source()).read(content,
                    leadLanguage);
            default -> throw refusal(ImportKind.XLSFORM, format);
        };
    }

    /** A zip that does not open (a workbook cut short, damaged): refused as the workbook it claims to be. */
    static void damagedWorkbook(byte[] content, FileFormat format) {
        if (format == FileFormat.BINARY && content.length >= 2 && content[0] == 'P' && content[1] == 'K') {
            throw new RuleViolationException("file", "import.file.xlsx");
        }
    }

    /**
     * Whether the person importing must say which language leads: the file has texts in several
     * languages, none French, and none was chosen.
     */
    public static boolean needsLeadLanguage(FormRead read, @Nullable String leadLanguage) {
        return (leadLanguage == null || leadLanguage.isBlank()) && read.languages().size() > 1
                && read.languages().stream().noneMatch(FormReaders::isFrench);
    }

    /**
     * The refusal of a file of a known kind that this import does not read: what it is, and how to
     * get a file it reads.
     */
    public static RuleViolationException refusal(ImportKind kind, FileFormat format) {
        String advice = switch (format) {
            case XFORM, KOBO_FORM_JSON, LIMESURVEY_LSS, XLSFORM_CSV, XLSFORM_MARKDOWN -> "import.advice.questionnaire";
            case DHIS2_JSON, DHIS2_XML -> kind == ImportKind.VALUES ? "import.advice.dhis2" : "import.advice.values";
            case DHIS2_CSV -> "import.advice.values";
            case LIMESURVEY_LSA, LIMESURVEY_LSR -> kind == ImportKind.XLSFORM ? "import.advice.limesurveyStructure"
                    : "import.advice.limesurveyResponses";
            case CSV -> kind == ImportKind.XLSFORM ? "import.advice.tableForForm" : "import.advice.BINARY";
            case XLSX, XLS -> "import.advice.workbook";
            default -> "import.advice." + format.name();
        };
        return new RuleViolationException("file", "import.refused", name(format), resolvable(advice));
    }

    /** The format's name for people, resolved where the message is shown. */
    static DefaultMessageSourceResolvable name(FileFormat format) {
        return resolvable(format.messageKey());
    }

    private static DefaultMessageSourceResolvable resolvable(String code) {
        return new DefaultMessageSourceResolvable(new String[] { code }, code);
    }

    /** Whether a language, as a file names it ("Français (fr)", "french", "fr-FR", "FR"), is French. */
    public static boolean isFrench(String language) {
        return languageKey(language).equals("fr");
    }

    /** Whether a language, as a file names it, is English. */
    public static boolean isEnglish(String language) {
        return languageKey(language).equals("en");
    }

    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("french", "fr"),
            Map.entry("francais", "fr"), Map.entry("english", "en"), Map.entry("anglais", "en"),
            Map.entry("spanish", "es"), Map.entry("espanol", "es"), Map.entry("german", "de"),
            Map.entry("deutsch", "de"), Map.entry("italian", "it"), Map.entry("italiano", "it"),
            Map.entry("portuguese", "pt"), Map.entry("portugues", "pt"), Map.entry("arabic", "ar"),
            Map.entry("swahili", "sw"), Map.entry("kiswahili", "sw"), Map.entry("chinese", "zh"),
            Map.entry("dutch", "nl"), Map.entry("russian", "ru"));

    /**
     * One key for the spellings of a language: the code in parentheses ("French (fr)" → fr), a
     * known name ("français" → fr), a code with its region ("fr-FR" → fr), else the folded name.
     */
    static String languageKey(String language) {
        String folded = Texts.fold(language).strip();
        int open = folded.lastIndexOf('(');
        int close = folded.lastIndexOf(')');
        if (open >= 0 && close > open + 1) {
            return base(folded.substring(open + 1, close).strip());
        }
        String known = NAMES.get(folded);
        if (known != null) {
            return known;
        }
        for (String word : folded.split("[\\s,;/]+")) {
            if (NAMES.containsKey(word)) {
                return NAMES.get(word);
            }
        }
        return base(folded);
    }

    private static String base(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        int region = lower.indexOf('-') > 0 ? lower.indexOf('-') : lower.indexOf('_');
        return region > 0 && region <= 3 ? lower.substring(0, region) : lower;
    }
}
