package fr.maillon.chain.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.elk.alg.layered.options.CrossingMinimizationStrategy;
import org.eclipse.elk.alg.layered.options.CycleBreakingStrategy;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
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

import org.springframework.stereotype.Component;

import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElement;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.Link;
import fr.maillon.chain.Stakeholder;
import fr.maillon.chain.ValueChain;

/**
 * Draws a value chain as SVG, laid out by ELK's layered algorithm in columns: stakeholders |
 * resources | support activities | primary activities | outputs | effects (grouped by target).
 * Regeneration links (effect → resource) run back to the resources, dashed. Every node links to
 * its edit page. Only presentation attributes are used (no style element), so the SVG works inline
 * under the CSP, as a download, and in a PDF.
 */
@Component
public class DiagramRenderer {

    private static final double NODE_WIDTH = 190;
    private static final double LINE_HEIGHT = 15;
    private static final int CHARS_PER_LINE = 26;
    private static final double MARGIN = 24;
    private static final double HEADER = 34;
    private static final double TARGET_LABEL_WIDTH = 150;

    /** ELK's layout options, registered on the first diagram drawn rather than at start (a fifth of a second). */
    private static final class Elk {

        static {
            LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        }

        static void ready() {
        }
    }

    /** Text the diagram shows: its title, column titles and effect targets, in the reader's language. */
    public record Labels(String title, List<String> columns, Map<EffectTarget, String> targets) {
    }

    private record Node(String id, String label, String href, int column, String fill, String stroke, ElkNode elk,
            EffectTarget target) {
    }

    /** What to draw, before any layout: a box in a column, or an edge between two boxes. */
    private record Box(String id, String label, String href, int column, String fill, String stroke,
            EffectTarget target) {
    }

    private enum EdgeKind {
        LINK, REGENERATION, PARTICIPATION
    }

    private record Edge(String source, String target, EdgeKind kind) {
    }

    private record Layout(ElkNode root, Map<String, Node> nodes, Map<ElkEdge, EdgeKind> edges) {
    }

    public String render(ValueChain chain, String basePath, Labels labels) {
        Elk.ready();
        String evaluationPath = basePath + "/evaluations/" + chain.evaluation().id();
        List<Box> boxes = new ArrayList<>();
        for (Stakeholder stakeholder : chain.stakeholders()) {
            boolean interacts = chain.interactions().stream().anyMatch(i -> i.stakeholderId() == stakeholder.id());
            boxes.add(new Box("s" + stakeholder.id(), stakeholder.name(),
                    evaluationPath + "/stakeholders/" + stakeholder.id() + "/edit", 0,
                    stakeholder.communityMember() ? "#fdf1d6" : "#f4f4f4", interacts ? "#8a5a00" : "#767676", null));
        }
        for (ChainElement element : chain.elements()) {
            int column = column(element);
            boxes.add(new Box("e" + element.id(), element.name(), evaluationPath + "/elements/" + element.id() + "/edit",
                    column, FILLS[column], STROKES[column], element.target()));
        }
        Map<String, Integer> columns = new HashMap<>();
        boxes.forEach(box -> columns.put(box.id(), box.column()));
        List<Edge> edges = new ArrayList<>();
        for (Link link : chain.links()) {
            String source = "e" + link.sourceId();
            String target = "e" + link.targetId();
            edges.add(new Edge(source, target, columns.get(source) > columns.get(target) ? EdgeKind.REGENERATION
                    : EdgeKind.LINK));
        }
        chain.interactions().stream().map(i -> new Edge("s" + i.stakeholderId(), "e" + i.activityId(),
                EdgeKind.PARTICIPATION)).distinct().forEach(edges::add);

        // First pass: ELK orders each column to cross few edges. Second pass: the same order, except
        // that effects are grouped by target, kept by the interactive crossing minimization.
        Layout free = layout(boxes, edges, false);
        Map<String, Double> y = new HashMap<>();
        free.nodes().forEach((id, node) -> y.put(id, node.elk().getY()));
        List<Box> ordered = boxes.stream().sorted(Comparator.comparingInt(Box::column)
                .thenComparingInt(box -> box.target() == null ? 0 : box.target().ordinal())
                .thenComparingDouble(box -> y.get(box.id()))).toList();
        Layout grouped = layout(ordered, edges, true);
        return svg(grouped, labels);
    }

    private static Layout layout(List<Box> boxes, List<Edge> edges, boolean forceOrder) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.INTERACTIVE);
        root.setProperty(LayeredOptions.CYCLE_BREAKING_STRATEGY, CycleBreakingStrategy.INTERACTIVE);
        if (forceOrder) {
            // Each column keeps the order of the y coordinates given below.
            root.setProperty(LayeredOptions.CROSSING_MINIMIZATION_STRATEGY, CrossingMinimizationStrategy.INTERACTIVE);
        }
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 14.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 70.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 12.0);
        Map<String, Node> nodes = new LinkedHashMap<>();
        int[] rows = new int[6];
        for (Box box : boxes) {
            ElkNode elk = ElkGraphUtil.createNode(root);
            elk.setIdentifier(box.id());
            elk.setWidth(NODE_WIDTH);
            elk.setHeight(wrap(box.label()).size() * LINE_HEIGHT + 14);
            // The interactive strategies read the columns from x, and (second pass) the order from y.
            elk.setX(box.column() * (NODE_WIDTH + 100));
            elk.setY(rows[box.column()]++ * 80);
            nodes.put(box.id(), new Node(box.id(), box.label(), box.href(), box.column(), box.fill(), box.stroke(), elk,
                    box.target()));
        }
        Map<ElkEdge, EdgeKind> elkEdges = new LinkedHashMap<>();
        for (Edge edge : edges) {
            elkEdges.put(ElkGraphUtil.createSimpleEdge(nodes.get(edge.source()).elk(), nodes.get(edge.target()).elk()),
                    edge.kind());
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        return new Layout(root, nodes, elkEdges);
    }

    private static final String[] FILLS = { "#f4f4f4", "#e4f0f6", "#ece6f5", "#e3f1e7", "#fff4dc", "#fde8e4" };
    private static final String[] STROKES = { "#767676", "#1f5f7a", "#5b3f8c", "#1e6b37", "#8a5a00", "#a4161a" };

    private static int column(ChainElement element) {
        return switch (element.kind()) {
            case RESOURCE -> 1;
            case ACTIVITY -> element.activityType() == ActivityType.SUPPORT ? 2 : 3;
            case OUTPUT -> 4;
            case EFFECT -> 5;
        };
    }

    private static String svg(Layout layout, Labels labels) {
        ElkNode root = layout.root();
        Map<String, Node> nodes = layout.nodes();
        boolean hasTargets = nodes.values().stream().anyMatch(node -> node.target() != null);
        double width = root.getWidth() + 2 * MARGIN + (hasTargets ? TARGET_LABEL_WIDTH : 0);
        double height = root.getHeight() + 2 * MARGIN + HEADER + 16;
        StringBuilder svg = new StringBuilder(16_384);
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                        + "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" aria-label=\"%s\" "
                        + "font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"12\">%n<title>%s</title>%n",
                width, height, width, height, escape(labels.title()), escape(labels.title())));
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/>"
                + "</marker><marker id=\"arrow-regeneration\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                + "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" "
                + "fill=\"#1e6b37\"/></marker></defs>\n");
        svg.append(String.format(Locale.ROOT, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>%n", width,
                height));
        double offsetY = MARGIN + HEADER;
        columnTitles(svg, nodes, labels, offsetY);
        targetBands(svg, nodes, labels, offsetY);
        for (Map.Entry<ElkEdge, EdgeKind> entry : layout.edges().entrySet()) {
            ElkEdge edge = entry.getKey();
            boolean isRegeneration = entry.getValue() == EdgeKind.REGENERATION;
            boolean isParticipation = entry.getValue() == EdgeKind.PARTICIPATION;
            String stroke = isRegeneration ? "#1e6b37" : isParticipation ? "#8a8a8a" : "#444444";
            String dash = isRegeneration ? " stroke-dasharray=\"7 4\"" : isParticipation ? " stroke-dasharray=\"2 3\"" : "";
            String marker = isParticipation ? "" : isRegeneration ? " marker-end=\"url(#arrow-regeneration)\""
                    : " marker-end=\"url(#arrow)\"";
            for (ElkEdgeSection section : edge.getSections()) {
                StringBuilder points = new StringBuilder();
                point(points, section.getStartX(), section.getStartY(), offsetY);
                for (ElkBendPoint bend : section.getBendPoints()) {
                    point(points, bend.getX(), bend.getY(), offsetY);
                }
                point(points, section.getEndX(), section.getEndY(), offsetY);
                svg.append("<polyline class=\"").append(isRegeneration ? "regeneration" : isParticipation
                        ? "participation" : "link").append("\" points=\"").append(points.toString().strip())
                        .append("\" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"1.4\"")
                        .append(dash).append(marker).append("/>\n");
            }
        }
        for (Node node : nodes.values()) {
            ElkNode elk = node.elk();
            double x = elk.getX() + MARGIN;
            double y = elk.getY() + offsetY;
            svg.append("<a href=\"").append(escape(node.href())).append("\" xlink:href=\"").append(escape(node.href()))
                    .append("\"><g class=\"node\" data-id=\"").append(node.id()).append("\"><title>")
                    .append(escape(node.label())).append("</title>");
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%d\" fill=\"%s\" stroke=\"%s\" "
                            + "stroke-width=\"1.5\"/>",
                    x, y, elk.getWidth(), elk.getHeight(), node.column() == 0 ? 14 : 4, node.fill(), node.stroke()));
            List<String> lines = wrap(node.label());
            for (int i = 0; i < lines.size(); i++) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#1d2433\">%s</text>",
                        x + 8, y + 18 + i * LINE_HEIGHT, escape(lines.get(i))));
            }
            svg.append("</g></a>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void columnTitles(StringBuilder svg, Map<String, Node> nodes, Labels labels, double offsetY) {
        Map<Integer, Double> columnX = new LinkedHashMap<>();
        for (Node node : nodes.values()) {
            columnX.merge(node.column(), node.elk().getX(), Math::min);
        }
        columnX.forEach((column, x) -> svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\" font-size=\"13\" fill=\"#1d2433\">%s</text>%n",
                x + MARGIN, offsetY - 14, escape(labels.columns().get(column)))));
    }

    /** A light band behind the effects of each target, with the target's name. */
    private static void targetBands(StringBuilder svg, Map<String, Node> nodes, Labels labels, double offsetY) {
        Map<EffectTarget, double[]> bounds = new EnumMap<>(EffectTarget.class);
        for (Node node : nodes.values()) {
            if (node.target() != null) {
                ElkNode elk = node.elk();
                bounds.merge(node.target(), new double[] { elk.getX(), elk.getY(), elk.getX() + elk.getWidth(),
                        elk.getY() + elk.getHeight() }, (a, b) -> new double[] { Math.min(a[0], b[0]),
                                Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3]) });
            }
        }
        bounds.forEach((target, box) -> svg.append(String.format(Locale.ROOT,
                "<g class=\"target\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fbf3f1\" "
                        + "stroke=\"#e3b8b0\" stroke-dasharray=\"3 3\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                        + "fill=\"#7a1c14\">%s</text></g>%n",
                box[0] + MARGIN - 6, box[1] + offsetY - 4, box[2] - box[0] + 12, box[3] - box[1] + 10,
                box[2] + MARGIN + 10, box[1] + offsetY + 12, escape(labels.targets().get(target)))));
    }

    private static void point(StringBuilder points, double x, double y, double offsetY) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x + MARGIN, y + offsetY));
    }

    /** Words on lines of at most {@value #CHARS_PER_LINE} characters; a longer word is cut. */
    static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            while (word.codePointCount(0, word.length()) > CHARS_PER_LINE) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                int cut = word.offsetByCodePoints(0, CHARS_PER_LINE);
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            if (!line.isEmpty() && line.length() + 1 + word.length() > CHARS_PER_LINE) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
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
}
