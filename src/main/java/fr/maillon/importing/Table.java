package fr.maillon.importing;

import java.util.List;

/**
 * A sheet read from a CSV or XLSX file: its header row and its rows, each with its line number in
 * the file (as a spreadsheet shows it) and its cells as text.
 */
public record Table(List<String> headers, List<Row> rows, String encoding) {

    public record Row(int line, List<String> cells) {

        /** The cell of a column, or "" beyond the row's end. */
        public String cell(int column) {
            return column >= 0 && column < cells.size() ? cells.get(column).strip() : "";
        }
    }

    /** The index of the header, ignoring case and accents; -1 when there is none. */
    public int column(String header) {
        String wanted = fr.maillon.web.Texts.fold(header).strip();
        for (int i = 0; i < headers.size(); i++) {
            if (fr.maillon.web.Texts.fold(headers.get(i)).strip().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }
}
