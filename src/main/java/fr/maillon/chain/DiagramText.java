package fr.maillon.chain;

/**
 * A text of a printed diagram: where its line box starts from the drawing's top left corner (in
 * millimetres, line height 1.164 em, DejaVu Sans's ascent and descent, so that its baseline falls
 * where the SVG has it), its size in points, weight and colour ({@code #rrggbb}).
 */
public record DiagramText(double leftMm, double topMm, double sizePt, boolean bold, String colour, String text) {

    /** DejaVu Sans's ascent and descent, in em: a line box this high holds the glyphs without leading. */
    public static final double LINE_HEIGHT_EM = 1.164;
    /** DejaVu Sans's ascent, in em: from the top of such a line box to the baseline. */
    public static final double ASCENT_EM = 0.928;
}
