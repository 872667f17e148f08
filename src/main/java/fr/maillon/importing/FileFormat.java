package fr.maillon.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jspecify.annotations.Nullable;

/**
 * What a file is, from its content rather than its name: the first bytes, a zip's entry names, an
 * XML file's root element and markers, a JSON file's first keys. Only the beginning of a file is
 * looked at; reading it is each reader's work. The name only breaks a tie between text layouts.
 */
public enum FileFormat {
    CSV, XLSX, XLS, ODS, XLSFORM_CSV, XLSFORM_MARKDOWN, XFORM, KOBO_FORM_JSON, LIMESURVEY_LSS, LIMESURVEY_LSA,
    LIMESURVEY_LSR, DHIS2_JSON, DHIS2_XML, DHIS2_CSV, EXCHANGE_JSON, JSON, XML, PDF, ZIP, BINARY;

    private static final int HEAD = 64 * 1024;
    private static final int MAX_ENTRIES = 200;

    /** The message key naming the format for people: {@code import.format.<NAME>}. */
    public String messageKey() {
        return "import.format." + name();
    }

    public static FileFormat detect(byte[] content, String filename) {
        if (startsWith(content, 'P', 'K', 3, 4)) {
            return zip(content);
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
            return XLS;
        }
        if (startsWith(content, '%', 'P', 'D', 'F')) {
            return PDF;
        }
        String head = head(content);
        if (head == null) {
            return BINARY;
        }
        String text = head.stripLeading();
        if (text.startsWith("<")) {
            return xml(text);
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            return json(text);
        }
        return table(text, filename.toLowerCase(Locale.ROOT));
    }

    private static FileFormat zip(byte[] content) {
        boolean workbook = false;
        boolean lss = false;
        boolean lsr = false;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            for (int count = 0; count < MAX_ENTRIES && (entry = zip.getNextEntry()) != null; count++) {
                entries++;
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.equals("mimetype") && new String(zip.readNBytes(100), StandardCharsets.US_ASCII)
                        .contains("opendocument.spreadsheet")) {
                    return ODS;
                }
                workbook |= name.equals("xl/workbook.xml") || name.equals("[content_types].xml");
                lss |= name.endsWith(".lss");
                lsr |= name.endsWith(".lsr");
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            // cut short or damaged: what its first entries said it is, for its reader to refuse clearly
            return lss || lsr ? LIMESURVEY_LSA : workbook ? XLSX : BINARY;
        }
        // no entry at all: not an archive anyone made, a damaged one
        return lss || lsr ? LIMESURVEY_LSA : workbook ? XLSX : entries == 0 ? BINARY : ZIP;
    }

    private static FileFormat xml(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("<limesurveydoctype>survey")) {
            return LIMESURVEY_LSS;
        }
        if (lower.contains("<limesurveydoctype>responses")) {
            return LIMESURVEY_LSR;
        }
        if (lower.contains("<datavalueset")) {
            return DHIS2_XML;
        }
        if (lower.contains("http://www.w3.org/2002/xforms") || lower.contains("<h:html") && lower.contains("xforms")) {
            return XFORM;
        }
        return XML;
    }

    private static FileFormat json(String text) {
        if (text.contains("\"dataValues\"")) {
            return DHIS2_JSON;
        }
        if (text.contains("\"survey\"") && (text.contains("\"type\"") || text.contains("\"content\""))) {
            return KOBO_FORM_JSON;
        }
        if (text.contains("\"format\"") && text.contains("maillon")) {
            return EXCHANGE_JSON;
        }
        return JSON;
    }

    private static FileFormat table(String text, String filename) {
        String first = text.lines().limit(40).map(line -> line.toLowerCase(Locale.ROOT).replace(" ", ""))
                .reduce("", (all, line) -> all + line + "\n");
        if (first.lines().anyMatch(line -> line.startsWith("|survey|") || line.startsWith("|survey"))) {
            return XLSFORM_MARKDOWN;
        }
        if (first.lines().anyMatch(line -> line.matches("\"?survey\"?([,;\t].*)?"))
                && first.lines().anyMatch(line -> line.matches("[,;\t]+\"?type\"?[,;\t].*"))) {
            return XLSFORM_CSV;
        }
        String header = first.lines().findFirst().orElse("");
        if (header.contains("dataelement") && header.contains("period") && header.contains("orgunit")) {
            return DHIS2_CSV;
        }
        return filename.endsWith(".md") ? XLSFORM_MARKDOWN : CSV;
    }

    /** The beginning of a text file as text (UTF-8 or Latin-1), or null when it holds control bytes. */
    private static @Nullable String head(byte[] content) {
        int length = Math.min(content.length, HEAD);
        for (int i = 0; i < length; i++) {
            int b = content[i] & 0xff;
            if (b < 0x09 || b > 0x0d && b < 0x20 && b != 0x1b) {
                return null;
            }
        }
        String text = new String(content, 0, length, StandardCharsets.UTF_8);
        return text.startsWith("\ufeff") ? text.substring(1) : text;
    }

    private static boolean startsWith(byte[] content, int... bytes) {
        if (content.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((content[i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
