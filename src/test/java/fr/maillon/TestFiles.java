package fr.maillon;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.core.io.ClassPathResource;

/** Files the tests feed Maillon: the third-party fixtures, the demo's exchange document, doctored workbooks. */
public final class TestFiles {

    /** Copies of ../shared/fixtures (third-party test data, see its README), so that the tests run anywhere. */
    public static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

    private TestFiles() {
    }

    /** The demo's Conserverie in the exchange format, as shipped. */
    public static byte[] demoDocument() {
        try (InputStream input = new ClassPathResource("demo/conserverie-mobile.json").getInputStream()) {
            return input.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A real workbook made by POI, its first sheet replaced by {@code sheet}. */
    public static byte[] workbookWithSheet(String sheet) throws IOException {
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            book.createSheet("Valeurs").createRow(0).createCell(0).setCellValue("indicateur");
            book.write(original);
        }
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(original.toByteArray()));
                ZipOutputStream out = new ZipOutputStream(rewritten)) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().equals("xl/worksheets/sheet1.xml") ? sheet.getBytes(StandardCharsets.UTF_8)
                        : in.readAllBytes());
                out.closeEntry();
            }
        }
        return rewritten.toByteArray();
    }
}
