package fr.maillon.importing;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.importing.dhis2.DataValueSets;
import fr.maillon.importing.internal.ImportFileRepository;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;

/** Files uploaded for imports, kept for their preview and import; only the structure's editors use them. */
@Service
public class ImportService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EvaluationService evaluations;
    private final AccessPolicy access;
    private final ImportFileRepository files;
    private final Clock clock;

    ImportService(EvaluationService evaluations, AccessPolicy access, ImportFileRepository files, Clock clock) {
        this.clock = clock;
        this.evaluations = evaluations;
        this.access = access;
        this.files = files;
    }

    /**
     * Keeps a file for an import into the evaluation, once it reads as what this import takes (a
     * table for values and answers, a questionnaire for a survey); gives its token. A file of
     * another known kind is refused with what it is and where it goes.
     */
    @Transactional
    public String upload(long evaluationId, ImportKind kind, @Nullable Long targetId, @Nullable String filename,
            byte[] content) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        String name = filename == null || filename.isBlank() ? "fichier" : filename.strip();
        check(kind, content, name);
        name = name.length() > 255 ? name.substring(name.length() - 255) : name;
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        files.insert(token, evaluation.structureId(), evaluationId, access.currentUserId(), kind, targetId, name,
                content, clock.instant());
        return token;
    }

    /** The file reads as what the import takes, or is refused with what it is (no Java text in messages). */
    private static void check(ImportKind kind, byte[] content, String filename) {
        if (content.length == 0) {
            throw new RuleViolationException("file", "import.file.empty");
        }
        FileFormat format = kind == ImportKind.VALUES ? DataValueSets.format(content, filename)
                : FileFormat.detect(content, filename);
        FormReaders.damagedWorkbook(content, format);
        if (kind == ImportKind.XLSFORM) {
            FormReaders.read(content, filename, null);
            return;
        }
        if (kind == ImportKind.ANSWERS) {
            if (format != FileFormat.CSV && format != FileFormat.XLSX && format != FileFormat.LIMESURVEY_LSA) {
                throw FormReaders.refusal(kind, format);
            }
            if (content.length > TableReader.MAX_BYTES) {
                throw new RuleViolationException("file", "import.file.tooBig", TableReader.MAX_BYTES / (1024 * 1024));
            }
            // answers are read a row at a time when imported: only the header row is read here
            AnswerRows.read(content, new AnswerRows.Handler() {
                @Override
                public void headers(List<String> headers) {
                }

                @Override
                public boolean row(int line, String[] cells) {
                    return false;
                }
            });
            return;
        }
        if (kind == ImportKind.VALUES && DataValueSets.isDhis2(format)) {
            if (content.length > TableReader.MAX_BYTES) {
                throw new RuleViolationException("file", "import.file.tooBig", TableReader.MAX_BYTES / (1024 * 1024));
            }
            DataValueSets.read(content, format);
            return;
        }
        boolean table = format == FileFormat.CSV || format == FileFormat.XLSX || format == FileFormat.XLS
                || kind == ImportKind.VALUES && format == FileFormat.DHIS2_CSV;
        if (!table) {
            throw FormReaders.refusal(kind, format);
        }
        TableReader.sheets(content);
    }

    /** What a kept file is, told by its content. */
    public FileFormat format(ImportFile file) {
        return FileFormat.detect(file.content(), file.filename());
    }

    /** An uploaded file, for an editor of its structure; otherwise not found. */
    public ImportFile file(String token) {
        ImportFile file = files.find(token).orElseThrow(() -> new NotFoundException("import.file.notFound", token));
        if (!access.hasStructureRole(file.structureId(), Role.STRUCTURE_EDITOR)) {
            throw new NotFoundException("import.file.notFound", token);
        }
        return file;
    }

    @Transactional
    public void forget(ImportFile file) {
        files.delete(file.structureId(), file.token());
    }
}
