package fr.maillon.chain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.internal.ReferentialRepository;
import fr.maillon.chain.internal.ValueChainRepository;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;
import fr.maillon.web.RuleViolationException.Violation;

/**
 * The référentiels that effects are filed under: the CAF finalités and the Drôme five dimensions,
 * built in, and each structure's own lists. A structure is offered the national ones, its
 * département's and those that speak to its kind, and may hide those it does not want.
 */
@Service
public class ReferentialService {

    private final AccessPolicy access;
    private final ValueChainRepository chains;
    private final ReferentialRepository referentials;

    ReferentialService(AccessPolicy access, ValueChainRepository chains, ReferentialRepository referentials) {
        this.access = access;
        this.chains = chains;
        this.referentials = referentials;
    }

    /**
     * The référentiels offered to the structure: national ones, its département's, those that
     * speak to its kind, and its own; each says whether the structure hides it.
     */
    public List<Referential> referentials(long structureId) {
        access.requireStructureRead(structureId);
        Map<String, List<Dimension>> byReferential = new LinkedHashMap<>();
        for (Dimension dimension : chains.dimensions(structureId)) {
            byReferential.computeIfAbsent(dimension.referentialCode(), code -> new ArrayList<>()).add(dimension);
        }
        return referentials.offered(structureId).stream().map(offered -> new Referential(offered.id(),
                offered.code(), offered.name(), offered.own(), offered.hidden(),
                byReferential.getOrDefault(offered.code(), List.of()))).toList();
    }

    /** Whether the caller may create, hide or show the structure's référentiels: its editors. */
    public boolean canChange(long structureId) {
        return access.hasStructureRole(structureId, Role.STRUCTURE_EDITOR);
    }

    /**
     * Hides a référentiel offered to the structure (its effects' dimensions are no longer offered;
     * effects already filed under them keep them), or shows it again.
     */
    @Transactional
    public void setHidden(long structureId, long referentialId, boolean hidden) {
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        if (referentials.offered(structureId).stream().noneMatch(offered -> offered.id() == referentialId)) {
            throw new RuleViolationException("referentialId", "chain.referential.unknown");
        }
        if (hidden) {
            referentials.hide(structureId, referentialId);
        }
        else {
            referentials.show(structureId, referentialId);
        }
    }

    /** Creates the structure's own list: a name and one dimension per line. */
    @Transactional
    public String create(long structureId, String name, String dimensions) {
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        List<Violation> violations = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 200 || Texts.hasControlCharacters(cleanName)) {
            violations.add(new Violation("name", "chain.referential.name.invalid"));
        }
        Set<String> labels = new LinkedHashSet<>();
        for (String line : (dimensions == null ? "" : dimensions).split("\\R")) {
            String label = line.strip();
            if (label.length() > 200 || Texts.hasControlCharacters(label)) {
                violations.add(new Violation("dimensions", "chain.referential.dimension.tooLong"));
            }
            else if (!label.isEmpty()) {
                labels.add(label);
            }
        }
        if (labels.isEmpty() || labels.size() > 50) {
            violations.add(new Violation("dimensions", "chain.referential.dimensions.count"));
        }
        String code = Texts.slug(cleanName, 40);
        if (violations.isEmpty() && (code.isEmpty() || referentials.codeExists(structureId, code))) {
            violations.add(new Violation("name", "chain.referential.name.taken"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        long id = referentials.insert(structureId, code, cleanName);
        Set<String> codes = new LinkedHashSet<>();
        int position = 1;
        for (String label : labels) {
            String dimensionCode = Texts.slug(label, 55);
            if (dimensionCode.isEmpty()) {
                dimensionCode = "d" + position;
            }
            while (!codes.add(dimensionCode)) {
                dimensionCode = dimensionCode + "_" + position;
            }
            referentials.insertDimension(id, dimensionCode, label, position++);
        }
        return code;
    }

}
