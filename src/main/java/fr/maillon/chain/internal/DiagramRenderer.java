package fr.maillon.chain.internal;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.elk.alg.layered.options.CrossingMinimizationStrategy;
import org.eclipse.elk.alg.layered.options.CycleBreakingStrategy;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElement;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.HypothesisStatus;
import fr.maillon.chain.Link;
import fr.maillon.chain.Provenance;
import fr.maillon.chain.Stakeholder;
import fr.maillon.chain.ValueChain;

/**
 * Draws a value chain as SVG, laid out by ELK's layered algorithm in columns: stakeholders |
 * resources | support activities | primary activities | outputs | effects (grouped by target, each
 * group under its target's name). A link's line says how far its hypothesis is confirmed (solid,
 * dashed, red dotted and crossed, thin grey); regeneration links (effect → resource) are green and
 * run back to the resources; a legend under the chain says all this. Labels wrap onto as many lines
 * as they need, measured with the font the PDF embeds, and stay real {@code <text>}. Only
 * presentation attributes are used (no style element), so the SVG works inline under the CSP, as a
 * download, and in a PDF.
 */
@Component
public class DiagramRenderer {

    /** Every text of the diagram is at least this size (in the drawing's units), so that one scale says the smallest. */
    public static final double MINIMUM_TEXT = 12;
    private static final double TEXT = 12;
    private static final double HEADER_TEXT = 13;
    private static final double TITLE_TEXT = 15;
    private static final double LINE_HEIGHT = 15;
    private static final double PADDING = 8;
    private static final double MARGIN = 20;
    private static final double LAYER_SPACING = 56;
    private static final double NODE_SPACING = 12;
    private static final String INK = "#1d2433";

    private static final String[] FILLS = { "#f4f4f4", "#e4f0f6", "#ece6f5", "#e3f1e7", "#fff4dc", "#fde8e4" };
    private static final String[] STROKES = { "#767676", "#1f5f7a", "#5b3f8c", "#1e6b37", "#8a5a00", "#a4161a" };
    private static final String MEMBER_FILL = "#fdf1d6";
    private static final String PARTICIPATION = "#c79a3c";
    private static final String REGENERATION = "#1e6b37";
    private static final String REGENERATION_UNTESTED = "#86b896";
    private static final String LINK = "#333333";
    private static final String UNTESTED = "#9e9e9e";
    private static final String NOT_CONFIRMED = "#b3261e";
    /** The colour of a provenance badge (« atelier du 12 mars »), its inner margin and the room above it. */
    private static final String NOTE = "#5b3f8c";
    private static final double NOTE_PADDING = 5;
    private static final double NOTE_GAP = 6;

    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);
    private static final Font REGULAR = font("fonts/DejaVuSans.ttf");
    private static final Font BOLD = font("fonts/DejaVuSans-Bold.ttf");

    /** ELK's layout options, registered on the first diagram drawn rather than at start (a fifth of a second). */
    private static final class Elk {

        static {
            LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        }

        static void ready() {
        }
    }

    /**
     * Text the diagram shows, in the reader's language: its title, the six column titles, effect
     * targets, the legend's words, and where elements and links come from (a workshop), written as a
     * badge under a box's name and in the {@code <title>} of a box or a line.
     */
    public record Labels(String title, List<String> columns, Map<EffectTarget, String> targets, Legend legend,
            Provenance provenance) {

        public Labels(String title, List<String> columns, Map<EffectTarget, String> targets, Legend legend) {
            this(title, columns, targets, legend, Provenance.NONE);
        }
    }

    /** The legend's words: its title, member stakeholders, line styles by hypothesis status, regeneration, participation. */
    public record Legend(String title, String member, String hypothesis, Map<HypothesisStatus, String> statuses,
            String regeneration, String participation) {
    }

    /**
     * How to draw: the width of a box (the text wraps within it), whether boxes link to their edit
     * pages, whether the title is written at the top (in print; a page has its own heading), and
     * whether each column is stacked tight (compact: shorter, the edges bend more) rather than placed
     * to keep edges straight.
     */
    public record Style(double nodeWidth, boolean links, boolean visibleTitle, boolean compact) {

        public static final Style SCREEN = new Style(170, true, false, false);
    }

    /** A text as drawn: at x, on the baseline y, in the drawing's units. */
    public record Text(double x, double baseline, double size, boolean bold, String colour, String text) {
    }

    /** The SVG, its size in its own units, and every text it holds (to lay real text over it in a PDF). */
    public record Drawing(String svg, double width, double height, List<Text> texts) {
    }

    private record Node(String id, List<String> lines, boolean bold, String href, int column, String fill,
            String stroke, ElkNode elk, @Nullable EffectTarget target, boolean label, List<String> note) {
    }

    /** What to draw, before any layout: a box in a column (or the name heading a target's effects). */
    private record Box(String id, List<String> lines, boolean bold, String href, int column, String fill,
            String stroke, @Nullable EffectTarget target, boolean label, List<String> note) {
    }

    private enum EdgeKind {
        LINK, REGENERATION, PARTICIPATION
    }

    private record Edge(String source, String target, EdgeKind kind, HypothesisStatus status, @Nullable String note) {
    }

    private record Layout(ElkNode root, Map<String, Node> nodes, Map<ElkEdge, Edge> edges) {
    }

    public String render(ValueChain chain, String basePath, Labels labels) {
        return render(chain, basePath, labels, true);
    }

    /** On screen; boxes lead to their edit forms for those who may change the chain, to their read-only pages for the others. */
    public String render(ValueChain chain, String basePath, Labels labels, boolean editable) {
        return draw(chain, basePath, labels, Style.SCREEN, editable).svg();
    }

    public Drawing draw(ValueChain chain, String basePath, Labels labels, Style style) {
        return draw(chain, basePath, labels, style, true);
    }

    private Drawing draw(ValueChain chain, String basePath, Labels labels, Style style, boolean editable) {
        Elk.ready();
        String edit = editable ? "/edit" : "";
        String evaluationPath = basePath + "/evaluations/" + chain.evaluation().id();
        double textWidth = style.nodeWidth() - 2 * PADDING;
        List<Box> boxes = new ArrayList<>();
        for (Stakeholder stakeholder : chain.stakeholders()) {
            boolean interacts = chain.interactions().stream().anyMatch(i -> i.stakeholderId() == stakeholder.id());
            boxes.add(new Box("s" + stakeholder.id(), wrap(stakeholder.name(), textWidth, TEXT, false), false,
                    evaluationPath + "/stakeholders/" + stakeholder.id() + edit, 0,
                    stakeholder.communityMember() ? MEMBER_FILL : FILLS[0], interacts ? "#8a5a00" : STROKES[0], null,
                    false, List.of()));
        }
        for (ChainElement element : chain.elements()) {
            int column = column(element);
            String provenance = labels.provenance().element(element.id());
            boxes.add(new Box("e" + element.id(), wrap(element.name(), textWidth, TEXT, false), false,
                    evaluationPath + "/elements/" + element.id() + edit, column, FILLS[column], STROKES[column],
                    element.target(), false, provenance == null ? List.of()
                            : wrap(provenance, textWidth - 2 * NOTE_PADDING, TEXT, false)));
        }
        // the name of each target heads its group of effects, as a box of its own that ELK makes room for
        chain.elements().stream().map(ChainElement::target).filter(target -> target != null).distinct()
                .forEach(target -> boxes.add(new Box("t" + target.ordinal(), wrap(labels.targets().get(target),
                        style.nodeWidth(), TEXT, true), true, "", 5, "", "", target, true, List.of())));
        Map<String, Integer> columns = new HashMap<>();
        boxes.forEach(box -> columns.put(box.id(), box.column()));
        List<Edge> edges = new ArrayList<>();
        for (Link link : chain.links()) {
            String source = "e" + link.sourceId();
            String target = "e" + link.targetId();
            if (columns.containsKey(source) && columns.containsKey(target)) {
                edges.add(new Edge(source, target, columns.get(source) > columns.get(target) ? EdgeKind.REGENERATION
                        : EdgeKind.LINK, link.hypothesis(), labels.provenance().link(link.id())));
            }
        }
        chain.interactions().stream().filter(i -> columns.containsKey("s" + i.stakeholderId())
                && columns.containsKey("e" + i.activityId()))
                .map(i -> new Edge("s" + i.stakeholderId(), "e" + i.activityId(), EdgeKind.PARTICIPATION,
                        HypothesisStatus.NON_TESTEE, null))
                .distinct().forEach(edges::add);

        // First pass: ELK orders each column to cross few edges. Second pass: the same order, except
        // that effects are grouped by target (its name first), kept by the interactive crossing minimization.
        Layout free = layout(boxes, edges, false, style);
        Map<String, Double> y = new HashMap<>();
        free.nodes().forEach((id, node) -> y.put(id, node.elk().getY()));
        List<Box> ordered = boxes.stream().sorted(Comparator.comparingInt(Box::column)
                .thenComparingInt(box -> box.target() == null ? 0 : box.target().ordinal())
                .thenComparing(box -> !box.label())
                .thenComparingDouble(box -> y.get(box.id()))).toList();
        Layout grouped = layout(ordered, edges, true, style);
        return svg(grouped, labels, style);
    }

    private static Layout layout(List<Box> boxes, List<Edge> edges, boolean forceOrder, Style style) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        // One graph, not one per connected part: a stakeholder without interaction would otherwise be
        // packed beside the chain, under another column's title.
        root.setProperty(CoreOptions.SEPARATE_CONNECTED_COMPONENTS, false);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(0));
        root.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.INTERACTIVE);
        root.setProperty(LayeredOptions.CYCLE_BREAKING_STRATEGY, CycleBreakingStrategy.INTERACTIVE);
        if (forceOrder) {
            // Each column keeps the order of the y coordinates given below.
            root.setProperty(LayeredOptions.CROSSING_MINIMIZATION_STRATEGY, CrossingMinimizationStrategy.INTERACTIVE);
        }
        if (style.compact()) {
            root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.SIMPLE);
        }
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, NODE_SPACING);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, LAYER_SPACING);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 10.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 6.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 8.0);
        Map<String, Node> nodes = new LinkedHashMap<>();
        int[] rows = new int[6];
        for (Box box : boxes) {
            ElkNode elk = ElkGraphUtil.createNode(root);
            elk.setIdentifier(box.id());
            elk.setWidth(style.nodeWidth());
            elk.setHeight(box.lines().size() * LINE_HEIGHT + (box.label() ? 4 : 12)
                    + (box.note().isEmpty() ? 0 : box.note().size() * LINE_HEIGHT + NOTE_GAP));
            // The interactive strategies read the columns from x, and (second pass) the order from y.
            elk.setX(box.column() * (style.nodeWidth() + 100));
            elk.setY(rows[box.column()]++ * 80);
            nodes.put(box.id(), new Node(box.id(), box.lines(), box.bold(), box.href(), box.column(), box.fill(),
                    box.stroke(), elk, box.target(), box.label(), box.note()));
        }
        Map<ElkEdge, Edge> elkEdges = new LinkedHashMap<>();
        for (Edge edge : edges) {
            elkEdges.put(ElkGraphUtil.createSimpleEdge(nodes.get(edge.source()).elk(), nodes.get(edge.target()).elk()),
                    edge);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        return new Layout(root, nodes, elkEdges);
    }

    private static int column(ChainElement element) {
        return switch (element.kind()) {
            case RESOURCE -> 1;
            case ACTIVITY -> element.activityType() == ActivityType.SUPPORT ? 2 : 3;
            case OUTPUT -> 4;
            case EFFECT -> 5;
        };
    }

    /** Writes the SVG, and keeps every text it writes. */
    private static final class Canvas {

        final StringBuilder svg = new StringBuilder(32_768);
        final List<Text> texts = new ArrayList<>();

        void text(double x, double baseline, double size, boolean bold, String colour, String text) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\"%s fill=\"%s\">%s</text>",
                    x, baseline, size, bold ? " font-weight=\"bold\"" : "", colour, escape(text)));
            texts.add(new Text(round(x), round(baseline), size, bold, colour, text));
        }

        Canvas append(String text) {
            svg.append(text);
            return this;
        }
    }

    private static Drawing svg(Layout layout, Labels labels, Style style) {
        ElkNode root = layout.root();
        Map<String, Node> nodes = layout.nodes();
        double chainWidth = root.getWidth();
        double minimumWidth = 4 * style.nodeWidth();
        double width = Math.max(chainWidth, minimumWidth) + 2 * MARGIN;
        double innerWidth = width - 2 * MARGIN;

        // the columns present, at their x, and their titles wrapped to a box's width
        Map<Integer, Double> columnX = new TreeMap<>();
        for (Node node : nodes.values()) {
            columnX.merge(node.column(), node.elk().getX(), Math::min);
        }
        Map<Integer, List<String>> titles = new TreeMap<>();
        columnX.keySet().forEach(column -> titles.put(column, wrap(labels.columns().get(column), style.nodeWidth(),
                HEADER_TEXT, true)));
        int titleLines = titles.values().stream().mapToInt(List::size).max().orElse(1);
        List<String> heading = style.visibleTitle() ? wrap(labels.title(), innerWidth, TITLE_TEXT, true) : List.of();
        double top = MARGIN + heading.size() * (TITLE_TEXT + 5) + (heading.isEmpty() ? 0 : 8);
        double offsetY = top + titleLines * (HEADER_TEXT + 3) + 10;
        List<LegendRow> legend = legend(labels, innerWidth);
        double legendTop = offsetY + root.getHeight() + 24;
        double height = legendTop + legendHeight(legend) + MARGIN;

        Canvas canvas = new Canvas();
        canvas.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                        + "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"group\" aria-label=\"%s\" "
                        + "font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"12\">%n<title>%s</title>%n",
                width, height, width, height, escape(labels.title()), escape(labels.title())));
        canvas.append("<defs>");
        for (String colour : List.of(LINK, UNTESTED, NOT_CONFIRMED, REGENERATION, REGENERATION_UNTESTED)) {
            canvas.append("<marker id=\"" + marker(colour) + "\" viewBox=\"0 0 10 10\" refX=\"10\" "
                    + "refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" "
                    + "fill=\"" + colour + "\"/></marker>");
        }
        canvas.append("</defs>\n");
        canvas.append(String.format(Locale.ROOT, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>%n", width,
                height));
        for (int i = 0; i < heading.size(); i++) {
            canvas.text(MARGIN, MARGIN + TITLE_TEXT + i * (TITLE_TEXT + 5), TITLE_TEXT, true, INK, heading.get(i));
        }
        canvas.append("\n");
        titles.forEach((column, lines) -> {
            canvas.append("<g class=\"column\" data-column=\"" + column + "\">");
            for (int i = 0; i < lines.size(); i++) {
                canvas.text(columnX.get(column) + MARGIN, top + HEADER_TEXT + i * (HEADER_TEXT + 3), HEADER_TEXT, true,
                        INK, lines.get(i));
            }
            canvas.append("</g>\n");
        });
        targetBands(canvas, nodes, offsetY);
        for (Map.Entry<ElkEdge, Edge> entry : layout.edges().entrySet()) {
            edge(canvas, entry.getKey(), entry.getValue(), offsetY);
        }
        for (Node node : nodes.values()) {
            node(canvas, node, style, offsetY);
        }
        drawLegend(canvas, legend, labels, legendTop);
        canvas.append("</svg>\n");
        return new Drawing(canvas.svg.toString(), width, height, List.copyOf(canvas.texts));
    }

    private static void node(Canvas canvas, Node node, Style style, double offsetY) {
        ElkNode elk = node.elk();
        double x = elk.getX() + MARGIN;
        double y = elk.getY() + offsetY;
        String title = String.join(" ", node.lines())
                + (node.note().isEmpty() ? "" : " — " + String.join(" ", node.note()));
        if (node.label()) {
            canvas.append("<g class=\"target-title\">");
            for (int i = 0; i < node.lines().size(); i++) {
                canvas.text(x + 2, y + 13 + i * LINE_HEIGHT, TEXT, true, "#7a1c14", node.lines().get(i));
            }
            canvas.append("</g>\n");
            return;
        }
        if (style.links()) {
            canvas.append("<a href=\"").append(escape(node.href())).append("\" xlink:href=\"")
                    .append(escape(node.href())).append("\">");
        }
        canvas.append("<g class=\"node\" data-id=\"").append(node.id()).append("\" data-column=\"")
                .append(String.valueOf(node.column())).append("\"")
                .append(node.note().isEmpty() ? "" : " data-provenance=\"" + escape(String.join(" ", node.note())) + "\"")
                .append("><title>").append(escape(title)).append("</title>");
        canvas.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%d\" fill=\"%s\" stroke=\"%s\" "
                        + "stroke-width=\"1.5\"/>",
                x, y, elk.getWidth(), elk.getHeight(), node.column() == 0 ? 12 : 4, node.fill(), node.stroke()));
        for (int i = 0; i < node.lines().size(); i++) {
            canvas.text(x + PADDING, y + 17 + i * LINE_HEIGHT, TEXT, false, INK, node.lines().get(i));
        }
        if (!node.note().isEmpty()) {
            // the provenance, as a badge under the name
            double top = y + 6 + node.lines().size() * LINE_HEIGHT + NOTE_GAP - 2;
            canvas.append(String.format(Locale.ROOT, "<rect class=\"provenance\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    + "height=\"%.1f\" rx=\"7\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"1\"/>", x + PADDING - 3, top,
                    elk.getWidth() - 2 * PADDING + 6, node.note().size() * LINE_HEIGHT + 3, NOTE));
            for (int i = 0; i < node.note().size(); i++) {
                canvas.text(x + PADDING - 3 + NOTE_PADDING, top + 13 + i * LINE_HEIGHT, TEXT, false, NOTE,
                        node.note().get(i));
            }
        }
        canvas.append("</g>");
        if (style.links()) {
            canvas.append("</a>");
        }
        canvas.append("\n");
    }

    /** The line's colour, dashes, width and arrow for a kind of edge and a hypothesis status. */
    private record Stroke(String colour, String dash, double width, boolean arrow, boolean crossed) {

        static Stroke of(EdgeKind kind, HypothesisStatus status) {
            if (kind == EdgeKind.PARTICIPATION) {
                return new Stroke(PARTICIPATION, "", 1.2, false, false);
            }
            boolean regeneration = kind == EdgeKind.REGENERATION;
            return switch (status) {
                case CONFIRMEE -> new Stroke(regeneration ? REGENERATION : LINK, "", 1.8, true, false);
                case EN_PARTIE -> new Stroke(regeneration ? REGENERATION : LINK, "8 4", 1.8, true, false);
                case NON_CONFIRMEE -> new Stroke(NOT_CONFIRMED, "2 3", 1.8, true, true);
                case NON_TESTEE -> new Stroke(regeneration ? REGENERATION_UNTESTED : UNTESTED, "", 1.0, true, false);
            };
        }

        String attributes() {
            return "fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"" + width + "\""
                    + (dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"")
                    + (arrow ? " marker-end=\"url(#" + marker(colour) + ")\"" : "");
        }
    }

    /** The arrowhead of a line of this colour. */
    private static String marker(String colour) {
        return switch (colour) {
            case UNTESTED -> "arrow-untested";
            case NOT_CONFIRMED -> "arrow-unconfirmed";
            case REGENERATION -> "arrow-regeneration";
            case REGENERATION_UNTESTED -> "arrow-renewal";
            default -> "arrow";
        };
    }

    private static void edge(Canvas canvas, ElkEdge elkEdge, Edge edge, double offsetY) {
        Stroke stroke = Stroke.of(edge.kind(), edge.status());
        String kind = edge.kind() == EdgeKind.PARTICIPATION ? "participation" : edge.kind() == EdgeKind.REGENERATION
                ? "regeneration" : "link";
        for (ElkEdgeSection section : elkEdge.getSections()) {
            List<double[]> points = new ArrayList<>();
            points.add(new double[] { section.getStartX() + MARGIN, section.getStartY() + offsetY });
            for (ElkBendPoint bend : section.getBendPoints()) {
                points.add(new double[] { bend.getX() + MARGIN, bend.getY() + offsetY });
            }
            points.add(new double[] { section.getEndX() + MARGIN, section.getEndY() + offsetY });
            StringBuilder text = new StringBuilder();
            points.forEach(point -> text.append(String.format(Locale.ROOT, "%.1f,%.1f ", point[0], point[1])));
            canvas.append("<polyline class=\"" + kind + "\" data-hypothesis=\"" + edge.status() + "\" points=\""
                    + text.toString().strip() + "\" " + stroke.attributes()
                    + (edge.note() == null ? "/>\n" : " data-provenance=\"" + escape(edge.note()) + "\"><title>"
                            + escape(edge.note()) + "</title></polyline>\n"));
            if (stroke.crossed()) {
                double[] middle = middle(points);
                cross(canvas, middle[0], middle[1]);
            }
        }
    }

    /** A red cross over a line whose hypothesis is not confirmed. */
    private static void cross(Canvas canvas, double x, double y) {
        canvas.append(String.format(Locale.ROOT, "<path class=\"not-confirmed\" d=\"M%.1f,%.1f L%.1f,%.1f M%.1f,%.1f "
                + "L%.1f,%.1f\" stroke=\"%s\" stroke-width=\"2\" fill=\"none\"/>%n", x - 5, y - 5, x + 5, y + 5, x - 5,
                y + 5, x + 5, y - 5, NOT_CONFIRMED));
    }

    /** The point halfway along a polyline. */
    private static double[] middle(List<double[]> points) {
        double total = 0;
        for (int i = 1; i < points.size(); i++) {
            total += Math.hypot(points.get(i)[0] - points.get(i - 1)[0], points.get(i)[1] - points.get(i - 1)[1]);
        }
        double left = total / 2;
        for (int i = 1; i < points.size(); i++) {
            double[] a = points.get(i - 1);
            double[] b = points.get(i);
            double length = Math.hypot(b[0] - a[0], b[1] - a[1]);
            if (length >= left && length > 0) {
                return new double[] { a[0] + (b[0] - a[0]) * left / length, a[1] + (b[1] - a[1]) * left / length };
            }
            left -= length;
        }
        return points.get(0);
    }

    /** A light band behind the effects of each target, its name at its top. */
    private static void targetBands(Canvas canvas, Map<String, Node> nodes, double offsetY) {
        Map<EffectTarget, double[]> bounds = new EnumMap<>(EffectTarget.class);
        for (Node node : nodes.values()) {
            if (node.target() != null) {
                ElkNode elk = node.elk();
                bounds.merge(node.target(), new double[] { elk.getX(), elk.getY(), elk.getX() + elk.getWidth(),
                        elk.getY() + elk.getHeight() }, (a, b) -> new double[] { Math.min(a[0], b[0]),
                                Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3]) });
            }
        }
        bounds.forEach((target, box) -> canvas.append(String.format(Locale.ROOT,
                "<rect class=\"target\" data-target=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"#fbf3f1\" stroke=\"#e3b8b0\" stroke-dasharray=\"3 3\"/>%n",
                target, box[0] + MARGIN - 5, box[1] + offsetY - 4, box[2] - box[0] + 10, box[3] - box[1] + 9)));
    }

    // --- the legend ---------------------------------------------------------------------------

    private enum Sample {
        BOX, LINE
    }

    /** One entry: a sample (a box of a column's colours, or a line's stroke) and its words. */
    private record LegendItem(Sample sample, String fill, String stroke, @Nullable Stroke line, String text,
            double width) {
    }

    private record LegendRow(@Nullable String heading, List<LegendItem> items) {
    }

    private static final double SAMPLE = 34;
    private static final double LEGEND_ROW = 22;

    private static List<LegendRow> legend(Labels labels, double width) {
        List<LegendItem> kinds = new ArrayList<>();
        kinds.add(box(FILLS[0], STROKES[0], labels.columns().get(0)));
        kinds.add(box(MEMBER_FILL, "#8a5a00", labels.legend().member()));
        for (int column = 1; column < 6; column++) {
            kinds.add(box(FILLS[column], STROKES[column], labels.columns().get(column)));
        }
        List<LegendItem> lines = new ArrayList<>();
        for (HypothesisStatus status : HypothesisStatus.values()) {
            lines.add(line(Stroke.of(EdgeKind.LINK, status), labels.legend().statuses().get(status)));
        }
        List<LegendItem> others = List.of(
                line(Stroke.of(EdgeKind.REGENERATION, HypothesisStatus.CONFIRMEE), labels.legend().regeneration()),
                line(Stroke.of(EdgeKind.PARTICIPATION, HypothesisStatus.NON_TESTEE), labels.legend().participation()));
        List<LegendRow> rows = new ArrayList<>();
        rows.addAll(rows(labels.legend().title(), kinds, width));
        rows.addAll(rows(labels.legend().hypothesis(), lines, width));
        rows.addAll(rows(null, others, width));
        return rows;
    }

    private static LegendItem box(String fill, String stroke, String text) {
        return new LegendItem(Sample.BOX, fill, stroke, null, text, SAMPLE + 6 + measure(text, TEXT, false) + 18);
    }

    private static LegendItem line(Stroke stroke, String text) {
        return new LegendItem(Sample.LINE, "", "", stroke, text, SAMPLE + 6 + measure(text, TEXT, false) + 18);
    }

    /** Items in rows no wider than {@code width}; the heading (if any) opens the first row. */
    private static List<LegendRow> rows(@Nullable String heading, List<LegendItem> items, double width) {
        List<LegendRow> rows = new ArrayList<>();
        List<LegendItem> row = new ArrayList<>();
        double used = heading == null ? 0 : measure(heading, TEXT, true) + 12;
        String first = heading;
        for (LegendItem item : items) {
            if (!row.isEmpty() && used + item.width() > width) {
                rows.add(new LegendRow(first, row));
                first = null;
                row = new ArrayList<>();
                used = 0;
            }
            row.add(item);
            used += item.width();
        }
        rows.add(new LegendRow(first, row));
        return rows;
    }

    private static double legendHeight(List<LegendRow> rows) {
        return rows.size() * LEGEND_ROW + 4;
    }

    private static void drawLegend(Canvas canvas, List<LegendRow> rows, Labels labels, double top) {
        canvas.append("<g class=\"legend\">\n");
        canvas.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"#cccccc\"/>%n", MARGIN, top - 8, MARGIN + 200, top - 8));
        double y = top;
        for (LegendRow row : rows) {
            double x = MARGIN;
            double baseline = y + 14;
            if (row.heading() != null) {
                canvas.text(x, baseline, TEXT, true, INK, row.heading());
                x += measure(row.heading(), TEXT, true) + 12;
            }
            for (LegendItem item : row.items()) {
                if (item.sample() == Sample.BOX) {
                    canvas.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                            + "height=\"14\" rx=\"3\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>", x, y + 3,
                            SAMPLE, item.fill(), item.stroke()));
                }
                else {
                    Stroke stroke = item.line();
                    canvas.append(String.format(Locale.ROOT, "<polyline class=\"legend-line\" points=\"%.1f,%.1f "
                            + "%.1f,%.1f\" %s/>", x, y + 10, x + SAMPLE - 2, y + 10, stroke.attributes()));
                    if (stroke.crossed()) {
                        cross(canvas, x + SAMPLE / 2 - 1, y + 10);
                    }
                }
                canvas.text(x + SAMPLE + 6, baseline, TEXT, false, INK, item.text());
                canvas.append("\n");
                x += item.width();
            }
            y += LEGEND_ROW;
        }
        canvas.append("</g>\n");
    }

    // --- text ---------------------------------------------------------------------------------

    /** The width of a text in the drawing's units, as DejaVu Sans (the font the PDF embeds) sets it. */
    static double measure(String text, double size, boolean bold) {
        return (bold ? BOLD : REGULAR).deriveFont((float) size).getStringBounds(text, MEASURE).getWidth();
    }

    /**
     * Words on as many lines as they need, each line at most {@code width} wide (with a margin for
     * wider fallback fonts on screen); a word too long for a line is cut with a hyphen, never dropped.
     */
    static List<String> wrap(String text, double width, double size, boolean bold) {
        double room = width * 0.92;
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            while (measure(word, size, bold) > room) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                int cut = word.offsetByCodePoints(0, 1);
                while (cut < word.length()
                        && measure(word.substring(0, word.offsetByCodePoints(cut, 1)) + "-", size, bold) <= room) {
                    cut = word.offsetByCodePoints(cut, 1);
                }
                lines.add(word.substring(0, cut) + "-");
                word = word.substring(cut);
            }
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && measure(candidate, size, bold) > room) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
            else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines.isEmpty() ? List.of("") : lines;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;").replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFFFE\\uFFFF]", "");
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static Font font(String path) {
        try (InputStream input = new ClassPathResource(path).getInputStream()) {
            return Font.createFont(Font.TRUETYPE_FONT, input);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (FontFormatException ex) {
            throw new IllegalStateException("unreadable font " + path, ex);
        }
    }
}
