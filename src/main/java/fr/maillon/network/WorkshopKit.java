package fr.maillon.network;

import java.util.List;

/**
 * A printable kit for a workshop on one step of the method, for a facilitator of a centre social: the session's
 * guide (goal, duration, sequence, roles), the materials to bring, and blank forms to fill on paper. Its text is in
 * {@code network/workshop-kits.json}, not in the code.
 */
public record WorkshopKit(String step, String title, String goal, String duration, String audience,
        List<Sequence> sequence, List<String> roles, List<String> materials, List<Form> forms) {

    public WorkshopKit {
        sequence = List.copyOf(sequence);
        roles = List.copyOf(roles);
        materials = List.copyOf(materials);
        forms = List.copyOf(forms);
    }

    /** A moment of the session: how long, and what is done. */
    public record Sequence(String time, String what) {
    }

    /** A blank form: its title, how to fill it, its columns, and how many empty rows to print. */
    public record Form(String title, String instructions, List<String> columns, int rows) {

        public Form {
            columns = List.copyOf(columns);
        }

        /**
         * The height of a row on the landscape page, in millimetres: the rows share the 138 mm below the title and
         * the header, between 10 mm (one written line) and 20 mm, so that the form fills one page.
         */
        public int rowHeight() {
            return Math.max(10, Math.min(20, 138 / Math.max(1, rows)));
        }
    }
}
