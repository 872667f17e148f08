package fr.maillon.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.agrement.AgrementFileService;
import fr.maillon.agrement.AgrementNote;
import fr.maillon.agrement.AgrementPart;
import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.Dimension;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.InteractionDraft;
import fr.maillon.chain.LinkDraft;
import fr.maillon.chain.Stakeholder;
import fr.maillon.chain.StakeholderDraft;
import fr.maillon.chain.ValueChain;
import fr.maillon.exchange.EvaluationDocument.ContributionPart;
import fr.maillon.exchange.EvaluationDocument.DimensionPart;
import fr.maillon.exchange.EvaluationDocument.ElementPart;
import fr.maillon.exchange.EvaluationDocument.EvaluationPart;
import fr.maillon.exchange.EvaluationDocument.Exchange;
import fr.maillon.exchange.EvaluationDocument.InteractionPart;
import fr.maillon.exchange.EvaluationDocument.LinkPart;
import fr.maillon.exchange.EvaluationDocument.StakeholderPart;
import fr.maillon.web.Problems;
import fr.maillon.web.Problems.ApiError;
import fr.maillon.web.RuleViolationException;

/** Export of an evaluation as an exchange document, and import of one as a new evaluation. */
@Service
public class ExchangeService {

    public static final String SCHEMA = "exchange/evaluation-v2.schema.json";

    /** The largest document imported: room for the evidence's photos and documents. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private final EvaluationService evaluations;
    private final ChainService chains;
    private final JsonMapper mapper;
    private final JsonMapper reader;
    private final MessageSource messages;
    private final Schema schema;
    private final FrameworkExchange frameworks;
    private final SurveyExchange surveys;
    private final EvidenceExchange evidence;
    private final RestitutionExchange restitution;
    private final WorkshopExchange workshops;
    private final AgrementFileService agrement;

    ExchangeService(EvaluationService evaluations, ChainService chains, JsonMapper mapper, MessageSource messages,
            FrameworkExchange frameworks, SurveyExchange surveys, EvidenceExchange evidence,
            RestitutionExchange restitution, WorkshopExchange workshops, AgrementFileService agrement)
            throws IOException {
        this.agrement = agrement;
        this.restitution = restitution;
        this.workshops = workshops;
        this.frameworks = frameworks;
        this.surveys = surveys;
        this.evidence = evidence;
        this.evaluations = evaluations;
        this.chains = chains;
        this.mapper = mapper;
        this.reader = mapper.rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();
        this.messages = messages;
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_PATH).locale(Locale.FRENCH).build()));
        try (InputStream input = new ClassPathResource(SCHEMA).getInputStream()) {
            this.schema = registry.getSchema(input);
        }
    }

    // --- export -------------------------------------------------------------------------------

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public EvaluationDocument export(long evaluationId) {
        ValueChain chain = chains.chain(evaluationId);
        Map<Long, Dimension> dimensions = new HashMap<>();
        chains.dimensions(evaluationId).forEach(dimension -> dimensions.put(dimension.id(), dimension));
        Map<Long, String> stakeholderRefs = new HashMap<>();
        List<StakeholderPart> stakeholders = new ArrayList<>();
        for (Stakeholder stakeholder : chain.stakeholders()) {
            String ref = "sh-" + (stakeholders.size() + 1);
            stakeholderRefs.put(stakeholder.id(), ref);
            stakeholders.add(new StakeholderPart(ref, stakeholder.name(), stakeholder.type(),
                    stakeholder.communityMember(), stakeholder.presentation(), stakeholder.fieldOfIntervention(),
                    stakeholder.constraints(), stakeholder.strengths()));
        }
        Map<Long, String> elementRefs = new HashMap<>();
        Map<ElementKind, Integer> counters = new HashMap<>();
        List<ElementPart> elements = new ArrayList<>();
        for (ChainElement element : chain.elements()) {
            String ref = REF_PREFIX.get(element.kind()) + counters.merge(element.kind(), 1, Integer::sum);
            elementRefs.put(element.id(), ref);
            Dimension dimension = element.dimensionId() == null ? null : dimensions.get(element.dimensionId());
            elements.add(new ElementPart(ref, element.kind(), element.name(), element.description(),
                    element.resourceKind(), element.providerId() == null ? null : stakeholderRefs.get(element.providerId()),
                    element.quantity(), element.unit(), element.valueEur(), element.activityType(),
                    element.supportCategory(), element.target(),
                    dimension == null ? null : new DimensionPart(dimension.referentialCode(), dimension.code())));
        }
        List<LinkPart> links = chain.links().stream().map(link -> new LinkPart(elementRefs.get(link.sourceId()),
                elementRefs.get(link.targetId()), link.rationale(), link.hypothesis(), link.justification(),
                link.evidence())).toList();
        Map<Long, EvaluationDocument.WorkshopLinkPart> linkEnds = new HashMap<>();
        chain.links().forEach(link -> linkEnds.put(link.id(), new EvaluationDocument.WorkshopLinkPart(
                elementRefs.get(link.sourceId()), elementRefs.get(link.targetId()))));
        List<InteractionPart> interactions = chain.interactions().stream().map(interaction -> new InteractionPart(
                stakeholderRefs.get(interaction.stakeholderId()), elementRefs.get(interaction.activityId()),
                new Exchange(interaction.cost(), interaction.costQuantity(), interaction.costUnit(),
                        interaction.costValueEur()),
                new Exchange(interaction.benefit(), interaction.benefitQuantity(), interaction.benefitUnit(),
                        interaction.benefitValueEur()))).toList();
        Evaluation evaluation = chain.evaluation();
        return new EvaluationDocument(EvaluationDocument.FORMAT, EvaluationDocument.VERSION,
                new EvaluationPart(evaluation.title(), evaluation.scope(), evaluation.actionName(),
                        evaluation.periodStart(), evaluation.periodEnd(), evaluation.status(),
                        evaluations.illustrative(evaluationId) ? true : null, targetNames(evaluation),
                        evaluations.page(evaluationId).structure().kind(), evaluation.purpose(),
                        evaluation.audiences(), evaluation.means(), evaluation.steering()),
                stakeholders, elements, links, interactions, frameworks.export(evaluationId, elementRefs),
                surveys.export(evaluationId), evidence.export(evaluationId, elementRefs),
                restitution.exportContributions(evaluationId, elementRefs), restitution.exportReports(evaluationId),
                restitution.exportVerdicts(evaluationId, elementRefs),
                workshops.export(evaluationId, elementRefs, linkEnds), agrementNotes(evaluation));
    }

    /** The texts and marks of the evaluation's dossier d'agrément; null when it has none. */
    private @Nullable List<EvaluationDocument.AgrementNotePart> agrementNotes(Evaluation evaluation) {
        List<EvaluationDocument.AgrementNotePart> parts = agrement.notes(evaluation).stream()
                .map(note -> new EvaluationDocument.AgrementNotePart(note.part(), note.text(),
                        note.notApplicable() ? true : null))
                .toList();
        return parts.isEmpty() ? null : parts;
    }

    /** The names the evaluation's editors gave its targets, by code; null when it keeps every default name. */
    private static @Nullable Map<EffectTarget, String> targetNames(Evaluation evaluation) {
        Map<EffectTarget, String> names = new EnumMap<>(EffectTarget.class);
        for (EffectTarget target : EffectTarget.values()) {
            if (evaluation.targetName(target) != null) {
                names.put(target, evaluation.targetName(target));
            }
        }
        return names.isEmpty() ? null : names;
    }

    private static final Map<ElementKind, String> REF_PREFIX = Map.of(ElementKind.RESOURCE, "res-",
            ElementKind.ACTIVITY, "act-", ElementKind.OUTPUT, "out-", ElementKind.EFFECT, "eff-");

    // --- import -------------------------------------------------------------------------------

    private long importEvaluation(long structureId, JsonNode document) {
        evaluations.structureForNewEvaluation(structureId);
        List<ApiError> errors = new ArrayList<>(checkVersion(document));
        if (errors.isEmpty()) {
            checkNumbers(document, "$", errors);
        }
        if (errors.isEmpty()) {
            try {
                for (Error error : schema.validate(document)) {
                    errors.add(new ApiError(error.getInstanceLocation().toString(), error.getMessage()));
                }
            }
            catch (RuntimeException ex) {
                errors.add(new ApiError("$", message("exchange.unreadable")));
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportRejectedException(errors);
        }
        EvaluationDocument parsed;
        try {
            parsed = mapper.treeToValue(document, EvaluationDocument.class);
        }
        catch (JacksonException ex) {
            throw new ImportRejectedException(List.of(new ApiError(Problems.jsonPath(ex.getPath()),
                    message("exchange.unreadable"))));
        }
        checkReferences(parsed, errors);
        if (!errors.isEmpty()) {
            throw new ImportRejectedException(errors);
        }
        return write(structureId, parsed, errors);
    }

    /** Reads a document sent to the API, refused beyond {@link #MAX_BYTES} before it is held whole. */
    @Transactional
    public long importEvaluation(long structureId, InputStream body) throws IOException {
        return importEvaluation(structureId, body.readNBytes(MAX_BYTES + 1));
    }

    /**
     * Imports the document, as uploaded, into the structure as a new evaluation, in one
     * transaction: it must be JSON in UTF-8. Its numbers are read as written, never through a
     * floating-point value.
     * @throws ImportRejectedException with every problem and its JSON path; nothing is written then
     */
    @Transactional
    public long importEvaluation(long structureId, byte[] content) {
        if (content.length > MAX_BYTES) {
            throw new ImportRejectedException(List.of(new ApiError("$", message("exchange.tooLarge",
                    MAX_BYTES / (1024 * 1024)))));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        }
        catch (CharacterCodingException ex) {
            throw new ImportRejectedException(List.of(new ApiError("$", message("exchange.encoding"))));
        }
        JsonNode document;
        try {
            document = reader.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        }
        catch (JacksonException ex) {
            throw new ImportRejectedException(List.of(new ApiError("$", message("exchange.syntax",
                    ex.getLocation() == null ? 0 : ex.getLocation().getLineNr(),
                    ex.getLocation() == null ? 0 : ex.getLocation().getColumnNr()))));
        }
        return importEvaluation(structureId, document);
    }

    /**
     * Every number exactly as written, but within what a figure can be: at most 20 digits before the
     * point and 40 after ({@code 1e999999999} would take a gigabyte to write out).
     */
    private void checkNumbers(JsonNode node, String path, List<ApiError> errors) {
        if (node.isBigDecimal() || node.isBigInteger()) {
            BigDecimal value = node.decimalValue();
            if (value.precision() - value.scale() > 20 || value.scale() > 40) {
                errors.add(new ApiError(path, message("exchange.number.range")));
            }
        }
        else if (node.isObject()) {
            node.properties().forEach(property -> checkNumbers(property.getValue(), path + "." + property.getKey(),
                    errors));
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkNumbers(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private List<ApiError> checkVersion(JsonNode document) {
        if (document == null || !document.isObject()) {
            return List.of(new ApiError("$", message("exchange.notAnObject")));
        }
        JsonNode format = document.get("format");
        if (format == null || !EvaluationDocument.FORMAT.equals(format.asString(""))) {
            return List.of(new ApiError("$.format", message("exchange.format.unknown", EvaluationDocument.FORMAT)));
        }
        JsonNode version = document.get("version");
        if (version == null || !version.isInt() || version.asInt() < 1 || version.asInt() > EvaluationDocument.VERSION) {
            return List.of(new ApiError("$.version", message("exchange.version.unknown",
                    version == null ? "—" : version.toString(), EvaluationDocument.VERSION)));
        }
        return List.of();
    }

    /** Unique refs, and references that lead somewhere of the right kind. */
    private void checkReferences(EvaluationDocument document, List<ApiError> errors) {
        Set<String> stakeholders = new HashSet<>();
        for (int i = 0; i < document.stakeholders().size(); i++) {
            if (!stakeholders.add(document.stakeholders().get(i).ref())) {
                errors.add(new ApiError("$.stakeholders[" + i + "].ref", message("exchange.ref.duplicate")));
            }
        }
        Map<String, ElementKind> elements = new HashMap<>();
        for (int i = 0; i < document.elements().size(); i++) {
            ElementPart element = document.elements().get(i);
            if (elements.putIfAbsent(element.ref(), element.kind()) != null || stakeholders.contains(element.ref())) {
                errors.add(new ApiError("$.elements[" + i + "].ref", message("exchange.ref.duplicate")));
            }
            if (element.provider() != null && !stakeholders.contains(element.provider())) {
                errors.add(new ApiError("$.elements[" + i + "].provider", message("exchange.ref.stakeholder",
                        element.provider())));
            }
        }
        for (int i = 0; i < document.links().size(); i++) {
            LinkPart link = document.links().get(i);
            if (!elements.containsKey(link.source())) {
                errors.add(new ApiError("$.links[" + i + "].source", message("exchange.ref.element", link.source())));
            }
            if (!elements.containsKey(link.target())) {
                errors.add(new ApiError("$.links[" + i + "].target", message("exchange.ref.element", link.target())));
            }
        }
        for (int i = 0; i < document.interactions().size(); i++) {
            InteractionPart interaction = document.interactions().get(i);
            if (!stakeholders.contains(interaction.stakeholder())) {
                errors.add(new ApiError("$.interactions[" + i + "].stakeholder",
                        message("exchange.ref.stakeholder", interaction.stakeholder())));
            }
            if (elements.get(interaction.activity()) != ElementKind.ACTIVITY) {
                errors.add(new ApiError("$.interactions[" + i + "].activity",
                        message("exchange.ref.activity", interaction.activity())));
            }
        }
        List<EvaluationDocument.AgrementNotePart> notes = document.agrementNotes() == null ? List.of()
                : document.agrementNotes();
        Set<AgrementPart> noted = EnumSet.noneOf(AgrementPart.class);
        for (int i = 0; i < notes.size(); i++) {
            if (!noted.add(notes.get(i).part())) {
                errors.add(new ApiError("$.agrementNotes[" + i + "].part", message("exchange.agrementNote.duplicate")));
            }
        }
        if (document.framework() != null) {
            frameworks.checkReferences(document.framework(), elements, errors);
        }
        List<ContributionPart> contributions = document.contributions() == null ? List.of() : document.contributions();
        Set<String> analysed = new HashSet<>();
        for (int i = 0; i < contributions.size(); i++) {
            String effect = contributions.get(i).effect();
            if (elements.get(effect) != ElementKind.EFFECT) {
                errors.add(new ApiError("$.contributions[" + i + "].effect", message("exchange.ref.effect", effect)));
            }
            else if (!analysed.add(effect)) {
                errors.add(new ApiError("$.contributions[" + i + "].effect", message("exchange.ref.duplicate")));
            }
        }
    }

    /** Where the evaluation's refused target names sit in the document. */
    private static final Map<String, String> TARGET_NAME_PATHS = Map.of("targetNameHabitants", "targets.HABITANTS",
            "targetNameTerritoire", "targets.TERRITOIRE", "targetNameCommunauteAction", "targets.COMMUNAUTE_ACTION");

    /** Writes through the chain's services, so that every rule of the pages applies; collects all failures. */
    private long write(long structureId, EvaluationDocument document, List<ApiError> errors) {
        EvaluationPart part = document.evaluation();
        long[] created = new long[1];
        attempt("$.evaluation", field -> TARGET_NAME_PATHS.getOrDefault(field, field), errors,
                () -> created[0] = evaluations.create(structureId, new EvaluationDraft(part.title(), part.scope(),
                        part.actionName(), part.periodStart(), part.periodEnd(), part.status(),
                        part.targetName(EffectTarget.HABITANTS), part.targetName(EffectTarget.TERRITOIRE),
                        part.targetName(EffectTarget.COMMUNAUTE_ACTION), part.purpose(), part.audiences(),
                        part.means(), part.steering())));
        if (!errors.isEmpty()) {
            throw new ImportRejectedException(errors);
        }
        long evaluationId = created[0];
        if (Boolean.TRUE.equals(part.illustrative())) {
            evaluations.markIllustrative(evaluationId, true);
        }
        Map<String, Long> ids = new HashMap<>();
        for (int i = 0; i < document.stakeholders().size(); i++) {
            StakeholderPart stakeholder = document.stakeholders().get(i);
            String path = "$.stakeholders[" + i + "]";
            attempt(path, Function.identity(), errors, () -> ids.put(stakeholder.ref(), chains.addStakeholder(
                    evaluationId, new StakeholderDraft(stakeholder.name(), stakeholder.type(),
                            Boolean.TRUE.equals(stakeholder.communityMember()), stakeholder.presentation(),
                            stakeholder.fieldOfIntervention(), stakeholder.constraints(), stakeholder.strengths()))));
        }
        Map<String, Long> dimensions = new HashMap<>();
        chains.dimensions(evaluationId).forEach(dimension -> dimensions.put(
                dimension.referentialCode() + ":" + dimension.code(), dimension.id()));
        for (int i = 0; i < document.elements().size(); i++) {
            ElementPart element = document.elements().get(i);
            String path = "$.elements[" + i + "]";
            Long dimensionId = null;
            if (element.dimension() != null) {
                dimensionId = dimensions.get(element.dimension().referential() + ":" + element.dimension().code());
                if (dimensionId == null) {
                    errors.add(new ApiError(path + ".dimension", message("exchange.dimension.unknown")));
                    continue;
                }
            }
            ChainElementDraft draft = new ChainElementDraft(element.kind(), element.name(), element.description(),
                    element.resourceKind(), element.provider() == null ? null : ids.get(element.provider()),
                    element.quantity(), element.unit(), element.valueEur(), element.activityType(),
                    element.supportCategory(), element.target(), dimensionId);
            attempt(path, field -> ELEMENT_FIELDS.getOrDefault(field, field), errors,
                    () -> ids.put(element.ref(), chains.addElement(evaluationId, draft)));
        }
        Map<String, Long> linkIds = new HashMap<>();
        for (int i = 0; i < document.links().size(); i++) {
            LinkPart link = document.links().get(i);
            if (ids.containsKey(link.source()) && ids.containsKey(link.target())) {
                attempt("$.links[" + i + "]", field -> LINK_FIELDS.getOrDefault(field, field), errors,
                        () -> linkIds.put(WorkshopExchange.key(link.source(), link.target()),
                                chains.addLink(evaluationId, new LinkDraft(ids.get(link.source()),
                                        ids.get(link.target()), link.rationale(), link.hypothesis(),
                                        link.justification(), link.evidence()))));
            }
        }
        for (int i = 0; i < document.interactions().size(); i++) {
            InteractionPart interaction = document.interactions().get(i);
            if (ids.containsKey(interaction.stakeholder()) && ids.containsKey(interaction.activity())) {
                Exchange cost = interaction.cost();
                Exchange benefit = interaction.benefit();
                attempt("$.interactions[" + i + "]", field -> INTERACTION_FIELDS.getOrDefault(field, field), errors,
                        () -> chains.addInteraction(evaluationId, new InteractionDraft(
                                ids.get(interaction.stakeholder()), ids.get(interaction.activity()), cost.text(),
                                cost.quantity(), cost.unit(), cost.valueEur(), benefit.text(), benefit.quantity(),
                                benefit.unit(), benefit.valueEur())));
            }
        }
        if (errors.isEmpty() && document.framework() != null) {
            frameworks.write(evaluationId, document.framework(), ids, errors);
        }
        if (errors.isEmpty() && document.surveys() != null) {
            surveys.write(evaluationId, document.surveys(), errors);
        }
        List<Long> evidenceIds = List.of();
        if (errors.isEmpty() && document.evidence() != null) {
            evidenceIds = evidence.write(evaluationId, document.evidence(), ids, errors);
        }
        if (errors.isEmpty()) {
            restitution.write(evaluationId, document.contributions(), document.reports(), ids, errors);
        }
        if (errors.isEmpty()) {
            restitution.writeVerdicts(evaluationId, document, ids, evidenceIds, errors);
        }
        if (errors.isEmpty() && document.workshops() != null) {
            Map<String, ElementKind> kinds = new HashMap<>();
            document.elements().forEach(element -> kinds.put(element.ref(), element.kind()));
            workshops.write(evaluationId, document.workshops(), ids, kinds, linkIds, errors);
        }
        if (errors.isEmpty() && document.agrementNotes() != null) {
            List<EvaluationDocument.AgrementNotePart> notes = document.agrementNotes();
            for (int i = 0; i < notes.size(); i++) {
                EvaluationDocument.AgrementNotePart note = notes.get(i);
                attempt("$.agrementNotes[" + i + "]", Function.identity(), errors, () -> agrement.importNote(
                        structureId, evaluationId, new AgrementNote(note.part(), note.text(),
                                Boolean.TRUE.equals(note.notApplicable()))));
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportRejectedException(errors);
        }
        return evaluationId;
    }

    private static final Map<String, String> ELEMENT_FIELDS = Map.of("providerId", "provider", "dimensionId",
            "dimension");
    private static final Map<String, String> LINK_FIELDS = Map.of("sourceId", "source", "targetId", "target");
    private static final Map<String, String> INTERACTION_FIELDS = Map.of("stakeholderId", "stakeholder",
            "activityId", "activity", "cost", "cost.text", "costQuantity", "cost.quantity", "costUnit", "cost.unit",
            "costValueEur", "cost.valueEur", "benefit", "benefit.text", "benefitQuantity", "benefit.quantity",
            "benefitUnit", "benefit.unit", "benefitValueEur", "benefit.valueEur");

    private void attempt(String path, Function<String, String> fieldPath, List<ApiError> errors, Runnable action) {
        try {
            action.run();
        }
        catch (RuleViolationException ex) {
            ex.violations().forEach(violation -> errors.add(new ApiError(
                    violation.field().isEmpty() ? path : path + "." + fieldPath.apply(violation.field()),
                    message(violation.code(), violation.arguments()))));
        }
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
