package fr.maillon.restitution;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.web.Decimals;

/**
 * Small SVG charts drawn on the server, the same in the page and in the PDF: an indicator's values
 * per period as bars, with its targets as marks.
 */
final class Charts {

    private static final int WIDTH = 480;
    private static final int HEIGHT = 170;
    private static final int LEFT = 10;
    private static final int BOTTOM = 30;
    private static final int TOP = 22;

    private Charts() {
    }

    static String bars(String title, List<ReportContent.Point> points) {
        return bars(title, points, Decimals.MAX_PRECISION, false);
    }

    /**
     * Bars of the values, labelled with {@code precision} decimals at most; with cumulative targets,
     * bars of the cumulative values, which are what the targets are compared with.
     */
    static String bars(String title, List<ReportContent.Point> points, int precision, boolean cumulativeTargets) {
        BigDecimal max = BigDecimal.ZERO;
        for (ReportContent.Point point : points) {
            max = max(max, point.compared(cumulativeTargets));
            max = max(max, point.target());
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" class=\"chart\"><title>").append(escape(title)).append("</title>");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"")
                .append(WIDTH - LEFT).append("\" y2=\"").append(HEIGHT - BOTTOM)
                .append("\" stroke=\"#555\" stroke-width=\"1\"/>");
        int slot = points.isEmpty() ? 0 : (WIDTH - 2 * LEFT) / points.size();
        double scale = max.signum() == 0 ? 0 : (HEIGHT - BOTTOM - TOP) / max.doubleValue();
        for (int i = 0; i < points.size(); i++) {
            ReportContent.Point point = points.get(i);
            BigDecimal value = point.compared(cumulativeTargets);
            int x = LEFT + i * slot + slot / 5;
            int width = Math.max(4, slot * 3 / 5);
            if (value != null && value.signum() >= 0) {
                int height = (int) Math.round(value.doubleValue() * scale);
                svg.append("<rect x=\"").append(x).append("\" y=\"").append(HEIGHT - BOTTOM - height)
                        .append("\" width=\"").append(width).append("\" height=\"").append(height)
                        .append("\" fill=\"#0b5a55\"/>");
                svg.append("<text x=\"").append(x + width / 2).append("\" y=\"").append(HEIGHT - BOTTOM - height - 4)
                        .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#111\">")
                        .append(escape(Decimals.format(value, precision))).append("</text>");
            }
            if (point.target() != null && point.target().signum() >= 0) {
                int y = HEIGHT - BOTTOM - (int) Math.round(point.target().doubleValue() * scale);
                svg.append("<line x1=\"").append(x - 3).append("\" y1=\"").append(y).append("\" x2=\"")
                        .append(x + width + 3).append("\" y2=\"").append(y)
                        .append("\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>");
            }
            svg.append("<text x=\"").append(x + width / 2).append("\" y=\"").append(HEIGHT - BOTTOM + 16)
                    .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">").append(escape(point.period()))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static BigDecimal max(BigDecimal max, @Nullable BigDecimal value) {
        return value != null && value.compareTo(max) > 0 ? value : max;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
