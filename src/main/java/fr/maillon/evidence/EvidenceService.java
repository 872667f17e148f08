package fr.maillon.evidence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.ValueChain;
import fr.maillon.evidence.internal.EvidenceRepository;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.Dates;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;

/**
 * The qualitative evidence of an evaluation. Its members see all of it; those it is shared with
 * see only what the people concerned agreed to. A file is kept only if its bytes are what its type
 * says: a JPEG, PNG or WebP photo; a PDF, Word (DOCX) or OpenDocument text.
 */
@Service
public class EvidenceService {

    public static final int MAX_FILE = 10 * 1024 * 1024;

    private final ChainService chains;
    private final AccessPolicy access;
    private final EvidenceRepository repository;

    EvidenceService(ChainService chains, AccessPolicy access, EvidenceRepository repository) {
        this.chains = chains;
        this.access = access;
        this.repository = repository;
    }

    /** The evidence the caller may see: all for the structure's members, what has consent for the others. */
    public List<Evidence> evidence(long evaluationId) {
        ValueChain chain = chains.chain(evaluationId);
        long structureId = chain.evaluation().structureId();
        List<Evidence> all = repository.evidence(structureId, evaluationId);
        return access.isMember(structureId) ? all : all.stream().filter(Evidence::consent).toList();
    }

    @Transactional
    public long add(long evaluationId, EvidenceDraft draft) {
        ValueChain chain = chains.chain(evaluationId);
        long structureId = chain.evaluation().structureId();
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        List<Violation> violations = new ArrayList<>();
        EvidenceKind kind = draft.kind() == null ? EvidenceKind.TESTIMONY : draft.kind();
        String title = text(draft.title(), 200, "title", violations);
        if (title == null) {
            violations.add(new Violation("title", "evidence.title.required"));
        }
        String body = text(draft.body(), 10_000, "body", violations);
        if (!kind.file() && body == null) {
            violations.add(new Violation("body", "evidence.body.required"));
        }
        String source = text(draft.source(), 300, "source", violations);
        if (draft.collectedOn() != null && !Dates.isPlausible(draft.collectedOn())) {
            violations.add(new Violation("collectedOn", "evidence.date"));
        }
        Set<Long> effects = chain.elements().stream().filter(element -> element.kind() == ElementKind.EFFECT)
                .map(ChainElement::id).collect(Collectors.toSet());
        List<Long> linked = draft.effectIds() == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(draft.effectIds()));
        if (linked.stream().anyMatch(Objects::isNull) || !effects.containsAll(linked)) {
            violations.add(new Violation("effectIds", "evidence.effects.invalid"));
        }
        String mediaType = null;
        String fileName = null;
        byte[] content = draft.content();
        if (content != null && content.length > 0) {
            if (content.length > MAX_FILE) {
                violations.add(new Violation("file", "evidence.file.tooBig", MAX_FILE / (1024 * 1024)));
            }
            else {
                fileName = fileName(draft.fileName());
                mediaType = mediaType(content, fileName);
                if (mediaType == null || (kind == EvidenceKind.PHOTO && !mediaType.startsWith("image/"))) {
                    violations.add(new Violation("file", kind == EvidenceKind.PHOTO ? "evidence.file.photo"
                            : "evidence.file.type"));
                }
            }
        }
        else if (kind.file()) {
            violations.add(new Violation("file", "evidence.file.required"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return repository.insert(structureId, evaluationId, new EvidenceDraft(kind, title, body, source,
                draft.collectedOn(), draft.consent(), linked, fileName, content), mediaType, access.currentUserId());
    }

    /** A file, for whoever may see its evidence. */
    public EvidenceFile file(long evaluationId, long id) {
        long structureId = chains.chain(evaluationId).evaluation().structureId();
        if (evidence(evaluationId).stream().noneMatch(evidence -> evidence.id() == id)) {
            throw new NotFoundException("evidence.notFound", id);
        }
        return repository.file(structureId, evaluationId, id)
                .orElseThrow(() -> new NotFoundException("evidence.notFound", id));
    }

    @Transactional
    public void delete(long evaluationId, long id) {
        long structureId = chains.chain(evaluationId).evaluation().structureId();
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        if (!repository.delete(structureId, evaluationId, id)) {
            throw new NotFoundException("evidence.notFound", id);
        }
    }

    /** The type the bytes show, if it is one Maillon keeps; documents are also told by their extension. */
    static @Nullable String mediaType(byte[] content, String fileName) {
        if (starts(content, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(content, 'R', 'I', 'F', 'F') && content.length > 12 && content[8] == 'W' && content[9] == 'E'
                && content[10] == 'B' && content[11] == 'P') {
            return "image/webp";
        }
        if (starts(content, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        if (starts(content, 'P', 'K', 3, 4)) {
            if (name.endsWith(".docx")) {
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            }
            if (name.endsWith(".odt")) {
                return "application/vnd.oasis.opendocument.text";
            }
        }
        return null;
    }

    private static boolean starts(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String fileName(@Nullable String name) {
        String base = name == null ? "" : name.replaceAll(".*[/\\\\]", "").replaceAll("[^\\p{L}\\p{N} ._()-]", "_")
                .strip();
        base = base.isEmpty() ? "fichier" : base;
        return base.length() > 120 ? base.substring(base.length() - 120) : base;
    }

    private static @Nullable String text(@Nullable String text, int max, String field, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > max || Texts.hasControlCharacters(stripped)) {
            violations.add(new Violation(field, "evidence.text.invalid", max));
        }
        return stripped;
    }
}
