package fr.maillon.importing;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.importing.internal.ImportFileRepository;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.NotFoundException;

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

    /** Keeps a file for an import into the evaluation, once it reads as a table; gives its token. */
    @Transactional
    public String upload(long evaluationId, ImportKind kind, @Nullable Long targetId, @Nullable String filename,
            byte[] content) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        if (kind == ImportKind.ANSWERS) {
            if (content.length > TableReader.MAX_BYTES) {
                throw new fr.maillon.web.RuleViolationException("file", "import.file.tooBig",
                        TableReader.MAX_BYTES / (1024 * 1024));
            }
            // answers are read a row at a time: only the header row is read here
            AnswerRows.read(content, new AnswerRows.Handler() {
                @Override
                public void headers(java.util.List<String> headers) {
                }

                @Override
                public boolean row(int line, String[] cells) {
                    return false;
                }
            });
        }
        else {
            TableReader.sheets(content);
        }
        String name = filename == null || filename.isBlank() ? "fichier" : filename.strip();
        name = name.length() > 255 ? name.substring(name.length() - 255) : name;
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        files.insert(token, evaluation.structureId(), evaluationId, access.currentUserId(), kind, targetId, name,
                content, clock.instant());
        return token;
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
