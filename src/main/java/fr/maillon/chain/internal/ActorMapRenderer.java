package fr.maillon.chain.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import fr.maillon.chain.ActorRing;

/**
 * Draws the actor map as SVG: three concentric rings (the communauté d'action at the centre, the
 * partners around it, the territory outside), each stakeholder a box on its ring with its name, its
 * type, and what it brings and receives in figures; lines between stakeholders whose contributions
 * serve each other (solid: the same activity; dashed with an arrow: through a support activity);
 * a legend under it. Like the value-chain diagram ({@link DiagramRenderer}): texts measured with
 * the font the PDF embeds, every text escaped, long names cut with "…" and given whole in the box's
 * {@code <title>}, presentation attributes only (no style element), so that it shows inline under the
 * CSP, as a download and in a PDF.
 */
@Component
public class ActorMapRenderer {

    private static final double TEXT = 12;
    private static final double RING_TEXT = 13;
    private static final double LINE_HEIGHT = 15;
    private static final double PADDING = 8;
    private static final double MARGIN = 20;
    /** A stakeholder's box: its width, and the most lines its name takes. */
    private static final double NODE_WIDTH = 170;
    private static final int NAME_LINES = 3;
    /** The distance between the centres of two neighbours on a ring. */
    private static final double SPACING = 190;
    /** From a ring's circle of boxes to the edge of its band: half a box's diagonal, and room. */
    private static final double BAND = 108;
    /** An empty ring's band: room for its name and "none". */
    private static final double EMPTY_BAND = 56;
    private static final double LEGEND_ROW = 22;
    private static final double SAMPLE = 34;
    private static final double MINIMUM_WIDTH = 720;
    private static final String INK = "#1d2433";
    private static final String MUTED = "#4a4f5c";
    private static final String LINE = "#8a5a00";

    private static final Map<ActorRing, String> BANDS = new EnumMap<>(Map.of(ActorRing.COMMUNITY, "#fdf6e6",
            ActorRing.PARTNERS, "#eef5f9", ActorRing.TERRITORY, "#eef7f1"));
    private static final Map<ActorRing, String> BORDERS = new EnumMap<>(Map.of(ActorRing.COMMUNITY, "#c79a3c",
            ActorRing.PARTNERS, "#1f5f7a", ActorRing.TERRITORY, "#1e6b37"));
    private static final Map<ActorRing, String> FILLS = new EnumMap<>(Map.of(ActorRing.COMMUNITY, "#fdf1d6",
            ActorRing.PARTNERS, "#e4f0f6", ActorRing.TERRITORY, "#e3f1e7"));

    /**
     * A stakeholder as the map shows it: its ring, its name, its type, one line of what it brings and
     * one of what it receives, the tooltip (its full name and every interaction), and the address of
     * its page (null: no link).
     */
    public record ActorNode(long id, ActorRing ring, String name, String type, String brings, String gets,
            String tooltip, @Nullable String href) {
    }

    /** A line between two stakeholders: the same activity (shared), or one-way from {@code fromId}, or both ways. */
    public record ActorEdge(long fromId, long toId, boolean shared, boolean oneWay) {
    }

    /** The map's words: its title, the rings' names, the legend, and what an empty map says. */
    public record ActorLabels(String title, Map<ActorRing, String> rings, String shared, String support,
            String explanation, String empty) {
    }

    private record Placed(ActorNode node, List<String> name, double x, double y, double height) {
    }

    public String render(List<ActorNode> nodes, List<ActorEdge> edges, ActorLabels labels) {
        double textWidth = NODE_WIDTH - 2 * PADDING;
        Map<ActorRing, List<ActorNode>> byRing = new EnumMap<>(ActorRing.class);
        for (ActorRing ring : ActorRing.values()) {
            byRing.put(ring, nodes.stream().filter(node -> node.ring() == ring).toList());
        }
        // the rings' radii: each ring's boxes on a circle wide enough for them, outside the ring within
        Map<ActorRing, Double> circles = new EnumMap<>(ActorRing.class);
        Map<ActorRing, Double> bands = new EnumMap<>(ActorRing.class);
        double inner = 0;
        for (ActorRing ring : ActorRing.values()) {
            int count = byRing.get(ring).size();
            double circle;
            double band;
            if (count == 0) {
                circle = inner;
                band = inner + EMPTY_BAND;
            }
            else if (count == 1) {
                circle = inner == 0 ? 0 : inner + BAND;
                band = circle + BAND;
            }
            else {
                circle = Math.max(inner + BAND, SPACING / (2 * Math.sin(Math.PI / count)));
                band = circle + BAND;
            }
            circles.put(ring, circle);
            bands.put(ring, band);
            inner = band;
        }
        double radius = inner;
        List<List<String>> legend = legend(labels, Math.max(2 * radius, MINIMUM_WIDTH - 2 * MARGIN));
        double width = Math.max(2 * radius + 2 * MARGIN, MINIMUM_WIDTH);
        double centreX = width / 2;
        double centreY = MARGIN + radius;
        double legendTop = centreY + radius + 24;
        double height = legendTop + legendHeight(legend, labels) + MARGIN;

        Map<Long, Placed> placed = new HashMap<>();
        for (ActorRing ring : ActorRing.values()) {
            List<ActorNode> ringNodes = byRing.get(ring);
            double start = -Math.PI / 2 + (ring == ActorRing.PARTNERS && ringNodes.size() > 1
                    ? Math.PI / ringNodes.size() : 0);
            for (int i = 0; i < ringNodes.size(); i++) {
                ActorNode node = ringNodes.get(i);
                double angle = start + 2 * Math.PI * i / ringNodes.size();
                List<String> name = cut(DiagramRenderer.wrap(node.name(), textWidth, TEXT, true), NAME_LINES,
                        textWidth, true);
                double boxHeight = (name.size() + 3) * LINE_HEIGHT + 10;
                placed.put(node.id(), new Placed(node, name, centreX + circles.get(ring) * Math.cos(angle),
                        centreY + circles.get(ring) * Math.sin(angle), boxHeight));
            }
        }

        StringBuilder svg = new StringBuilder(16_384);
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                        + "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"group\" aria-label=\"%s\" "
                        + "font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"12\">%n<title>%s</title>%n",
                width, height, width, height, escape(labels.title()), escape(labels.title())));
        svg.append("<defs><marker id=\"arrow-actor\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                + "markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"" + LINE
                + "\"/></marker></defs>\n");
        svg.append(String.format(Locale.ROOT, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>%n", width,
                height));
        List<ActorRing> outsideIn = List.of(ActorRing.TERRITORY, ActorRing.PARTNERS, ActorRing.COMMUNITY);
        for (ActorRing ring : outsideIn) {
            svg.append(String.format(Locale.ROOT, "<circle class=\"ring\" data-ring=\"%s\" cx=\"%.1f\" cy=\"%.1f\" "
                    + "r=\"%.1f\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", ring, centreX, centreY,
                    bands.get(ring), BANDS.get(ring), BORDERS.get(ring)));
        }
        for (ActorRing ring : ActorRing.values()) {
            double top = centreY - bands.get(ring);
            svg.append("<g class=\"ring-name\" data-ring=\"").append(ring).append("\">");
            text(svg, centreX, top + 20, RING_TEXT, true, INK, labels.rings().get(ring), true);
            if (byRing.get(ring).isEmpty()) {
                text(svg, centreX, top + 38, TEXT, false, MUTED, labels.empty(), true);
            }
            svg.append("</g>\n");
        }
        for (ActorEdge edge : edges) {
            Placed from = placed.get(edge.fromId());
            Placed to = placed.get(edge.toId());
            if (from == null || to == null) {
                continue;
            }
            double[] start = border(to, from);
            double[] end = border(from, to);
            svg.append(String.format(Locale.ROOT, "<line class=\"%s\" data-from=\"s%d\" data-to=\"s%d\" x1=\"%.1f\" "
                    + "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.6\"%s%s/>%n",
                    edge.shared() ? "complementarity shared" : "complementarity support", edge.fromId(), edge.toId(),
                    start[0], start[1], end[0], end[1], LINE, edge.shared() ? "" : " stroke-dasharray=\"7 4\"",
                    edge.oneWay() ? " marker-end=\"url(#arrow-actor)\"" : ""));
        }
        for (ActorNode node : nodes) {
            node(svg, placed.get(node.id()), textWidth);
        }
        drawLegend(svg, legend, labels, legendTop);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void node(StringBuilder svg, Placed placed, double textWidth) {
        ActorNode node = placed.node();
        double x = placed.x() - NODE_WIDTH / 2;
        double y = placed.y() - placed.height() / 2;
        if (node.href() != null) {
            svg.append("<a href=\"").append(escape(node.href())).append("\" xlink:href=\"")
                    .append(escape(node.href())).append("\">");
        }
        svg.append("<g class=\"actor\" data-id=\"s").append(node.id()).append("\" data-ring=\"").append(node.ring())
                .append("\"><title>").append(escape(node.tooltip())).append("</title>");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"10\" "
                + "fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>", x, y, NODE_WIDTH, placed.height(),
                FILLS.get(node.ring()), BORDERS.get(node.ring())));
        double baseline = y + 17;
        for (String line : placed.name()) {
            text(svg, x + PADDING, baseline, TEXT, true, INK, line, false);
            baseline += LINE_HEIGHT;
        }
        List<String> details = List.of(node.type(), node.brings(), node.gets());
        for (int i = 0; i < details.size(); i++) {
            text(svg, x + PADDING, baseline, TEXT, false, i == 0 ? MUTED : INK,
                    cut(List.of(details.get(i)), 1, textWidth, false).get(0), false);
            baseline += LINE_HEIGHT;
        }
        svg.append("</g>");
        if (node.href() != null) {
            svg.append("</a>");
        }
        svg.append("\n");
    }

    /** Where the line from {@code from}'s centre towards {@code to}'s centre leaves {@code to}'s box (a little outside). */
    private static double[] border(Placed from, Placed to) {
        double dx = from.x() - to.x();
        double dy = from.y() - to.y();
        double halfWidth = NODE_WIDTH / 2 + 3;
        double halfHeight = to.height() / 2 + 3;
        double scale = Math.min(dx == 0 ? Double.MAX_VALUE : halfWidth / Math.abs(dx),
                dy == 0 ? Double.MAX_VALUE : halfHeight / Math.abs(dy));
        scale = Math.min(scale, 1);
        return new double[] { to.x() + dx * scale, to.y() + dy * scale };
    }

    /** At most {@code most} lines; the last one cut, ending with "…", when there were more. */
    private static List<String> cut(List<String> lines, int most, double width, boolean bold) {
        boolean over = lines.size() > most || lines.stream().anyMatch(line -> DiagramRenderer.measure(line, TEXT, bold)
                > width * 0.92);
        if (!over) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, Math.min(most, lines.size())));
        String last = kept.get(kept.size() - 1);
        while (!last.isEmpty() && DiagramRenderer.measure(last + "…", TEXT, bold) > width * 0.92) {
            last = last.substring(0, last.offsetByCodePoints(last.length(), -1));
        }
        kept.set(kept.size() - 1, last.strip() + "…");
        return kept;
    }

    private static void text(StringBuilder svg, double x, double baseline, double size, boolean bold, String colour,
            String text, boolean centred) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\"%s%s fill=\"%s\">%s</text>",
                x, baseline, size, bold ? " font-weight=\"bold\"" : "", centred ? " text-anchor=\"middle\"" : "",
                colour, escape(text)));
    }

    // --- the legend ---------------------------------------------------------------------------

    /** The explanation wrapped to the width; the samples go on the rows above it. */
    private static List<List<String>> legend(ActorLabels labels, double width) {
        return List.of(DiagramRenderer.wrap(labels.explanation(), width, TEXT, false));
    }

    private static double legendHeight(List<List<String>> legend, ActorLabels labels) {
        return 2 * LEGEND_ROW + legend.get(0).size() * LINE_HEIGHT + 8;
    }

    private static void drawLegend(StringBuilder svg, List<List<String>> legend, ActorLabels labels, double top) {
        svg.append("<g class=\"legend\">\n");
        double x = MARGIN;
        for (ActorRing ring : ActorRing.values()) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" rx=\"3\" "
                    + "fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>", x, top + 3, SAMPLE, FILLS.get(ring),
                    BORDERS.get(ring)));
            text(svg, x + SAMPLE + 6, top + 14, TEXT, false, INK, labels.rings().get(ring), false);
            x += SAMPLE + 6 + DiagramRenderer.measure(labels.rings().get(ring), TEXT, false) + 18;
            svg.append("\n");
        }
        double y = top + LEGEND_ROW;
        x = MARGIN;
        svg.append(String.format(Locale.ROOT, "<line class=\"legend-line\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                + "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.6\"/>", x, y + 10, x + SAMPLE - 2, y + 10, LINE));
        text(svg, x + SAMPLE + 6, y + 14, TEXT, false, INK, labels.shared(), false);
        x += SAMPLE + 6 + DiagramRenderer.measure(labels.shared(), TEXT, false) + 18;
        svg.append(String.format(Locale.ROOT, "<line class=\"legend-line\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                + "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.6\" stroke-dasharray=\"7 4\" "
                + "marker-end=\"url(#arrow-actor)\"/>", x, y + 10, x + SAMPLE - 2, y + 10, LINE));
        text(svg, x + SAMPLE + 6, y + 14, TEXT, false, INK, labels.support(), false);
        svg.append("\n");
        y += LEGEND_ROW;
        for (String line : legend.get(0)) {
            text(svg, MARGIN, y + 12, TEXT, false, INK, line, false);
            y += LINE_HEIGHT;
        }
        svg.append("</g>\n");
    }

    private static String escape(String text) {
        return DiagramRenderer.escape(text);
    }
}
