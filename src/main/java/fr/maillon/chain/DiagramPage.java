package fr.maillon.chain;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the value-chain diagram as printed, on its own landscape sheet: the paper, the size
 * the drawing takes on it (in millimetres, within the page's margins), the size of its smallest text
 * once scaled (in points), the effect target it shows when the chain was split by target (null: the
 * whole chain), the SVG (its texts as {@code <text>}), and each of those texts placed on the page,
 * so that a PDF can lay them as real, selectable text over the drawing.
 */
public record DiagramPage(Paper paper, double widthMm, double heightMm, double smallestTextPt,
        @Nullable EffectTarget target, String svg, List<DiagramText> texts) {

    /** Landscape sheets, with the area inside the margins a diagram page uses (10 mm, and 12 mm at the foot). */
    public enum Paper {
        A4(277, 188), A3(400, 275);

        private final double widthMm;
        private final double heightMm;

        Paper(double widthMm, double heightMm) {
            this.widthMm = widthMm;
            this.heightMm = heightMm;
        }

        public double widthMm() {
            return widthMm;
        }

        public double heightMm() {
            return heightMm;
        }
    }

    public DiagramPage {
        texts = List.copyOf(texts);
    }
}
