package fr.maillon.exchange;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.web.Problems.ApiError;
import fr.maillon.web.Texts;

/**
 * A whole structure in one file: a zip holding one exchange document per evaluation the caller may
 * read; and its import into a structure, every evaluation or none.
 */
@Service
public class StructureArchives {

    /** Beyond these, an archive is refused: a structure has tens of evaluations, not thousands. */
    static final int MAX_DOCUMENTS = 200;
    static final long MAX_TOTAL_BYTES = 4L * ExchangeService.MAX_BYTES;

    /** The largest zip sent to the API, compressed. */
    public static final int MAX_ARCHIVE_BYTES = 2 * ExchangeService.MAX_BYTES;

    private final ExchangeService exchange;
    private final EvaluationService evaluations;
    private final JsonMapper mapper;
    private final MessageSource messages;

    StructureArchives(ExchangeService exchange, EvaluationService evaluations, JsonMapper mapper,
            MessageSource messages) {
        this.exchange = exchange;
        this.evaluations = evaluations;
        this.mapper = mapper;
        this.messages = messages;
    }

    /** The zip, one document per evaluation, named by its rank and title. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public byte[] export(long structureId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            int rank = 1;
            for (Evaluation evaluation : evaluations.evaluations(structureId)) {
                zip.putNextEntry(new ZipEntry(String.format("%02d-%s.json", rank++, Texts.slug(evaluation.title(), 60))));
                zip.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(exchange.export(evaluation.id())));
                zip.closeEntry();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** Whether the file is a zip (rather than a JSON document). */
    public static boolean isArchive(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    /**
     * Imports every document of the zip (its {@code .json} entries, in the order of their names) as
     * new evaluations of the structure, in one transaction.
     * @return the new evaluations' ids
     * @throws ImportRejectedException for the first document refused, its problems named with the
     *         entry's name; nothing is written then
     */
    @Transactional
    public List<Long> importArchive(long structureId, byte[] content) {
        evaluations.structureForNewEvaluation(structureId);
        List<Long> ids = new ArrayList<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (Document document = next(zip); document != null; document = next(zip)) {
                total += document.content().length;
                if (ids.size() >= MAX_DOCUMENTS || total > MAX_TOTAL_BYTES) {
                    throw rejected("exchange.archive.tooLarge", MAX_DOCUMENTS, MAX_TOTAL_BYTES / (1024 * 1024));
                }
                try {
                    ids.add(exchange.importEvaluation(structureId, document.content()));
                }
                catch (ImportRejectedException ex) {
                    String name = document.name();
                    throw new ImportRejectedException(ex.errors().stream().map(error -> new ApiError(
                            name + " " + error.path(), error.message())).toList());
                }
            }
        }
        catch (IOException ex) {
            throw rejected("exchange.archive.unreadable");
        }
        if (ids.isEmpty()) {
            throw rejected("exchange.archive.empty");
        }
        return ids;
    }

    private record Document(String name, byte[] content) {
    }

    /** The next {@code .json} entry, read up to one byte past the largest document; null at the end. */
    private Document next(ZipInputStream zip) {
        try {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
                    return new Document(entry.getName(), zip.readNBytes(ExchangeService.MAX_BYTES + 1));
                }
            }
            return null;
        }
        catch (IOException | IllegalArgumentException ex) {
            throw rejected("exchange.archive.unreadable");
        }
    }

    private ImportRejectedException rejected(String code, Object... arguments) {
        return new ImportRejectedException(List.of(new ApiError("$", messages.getMessage(code, arguments,
                LocaleContextHolder.getLocale()))));
    }
}
