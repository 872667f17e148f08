package fr.maillon.importing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.maillon.web.RuleViolationException;

/**
 * pyxform's one-file layouts of an XLSForm, read into the same sheets as a workbook: the CSV
 * layout (a sheet's name in column A, then its header and rows from column B) and the Markdown
 * layout (the same as a Markdown table: {@code | survey |} then {@code | | type | name | label |}).
 * Line numbers are the file's.
 */
final class XlsFormLayouts {

    private XlsFormLayouts() {
    }

    /** The CSV layout, from the file read as one table (its first row included). */
    static Map<String, Table> csv(byte[] content) {
        Table table = TableReader.read(content);
        List<Table.Row> rows = new ArrayList<>();
        rows.add(new Table.Row(1, table.headers()));
        rows.addAll(table.rows());
        return sheets(rows);
    }

    /** The Markdown layout: comment lines ({@code #}) and separator lines ({@code |---|}) are skipped. */
    static Map<String, Table> markdown(byte[] content) {
        if (content.length > TableReader.MAX_BYTES) {
            throw new RuleViolationException("file", "import.file.tooBig", TableReader.MAX_BYTES / (1024 * 1024));
        }
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Table.Row> rows = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String stripped = line.strip();
            if (stripped.startsWith("#")) {
                continue;
            }
            int first = stripped.indexOf('|');
            int last = stripped.lastIndexOf('|');
            if (first != 0 || last <= first) {
                continue;
            }
            String inner = stripped.substring(first + 1, last);
            if (inner.chars().allMatch(c -> c == '|' || c == '-' || c == ':' || c == ' ')) {
                continue;
            }
            if (rows.size() == TableReader.MAX_ROWS) {
                throw new RuleViolationException("file", "import.file.tooManyRows", TableReader.MAX_ROWS);
            }
            rows.add(new Table.Row(number, TableReader.cells(split(inner), number)));
        }
        return sheets(rows);
    }

    /** A Markdown row's cells: split on the pipes that are not escaped ({@code \|} is a pipe in a cell). */
    private static List<String> split(String inner) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            }
            else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            }
            else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** Rows whose first cell names a sheet start it; the next row is its header, the others its rows. */
    private static Map<String, Table> sheets(List<Table.Row> rows) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, List<Table.Row>> bodies = new LinkedHashMap<>();
        String sheet = null;
        for (Table.Row row : rows) {
            String first = row.cell(0);
            if (!first.isEmpty()) {
                sheet = first;
                bodies.putIfAbsent(sheet, new ArrayList<>());
            }
            List<String> cells = row.cells().size() > 1 ? row.cells().subList(1, row.cells().size()) : List.of();
            if (sheet == null || cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            if (!headers.containsKey(sheet)) {
                headers.put(sheet, List.copyOf(cells));
            }
            else {
                bodies.get(sheet).add(new Table.Row(row.line(), List.copyOf(cells)));
            }
        }
        Map<String, Table> sheets = new LinkedHashMap<>();
        headers.forEach((name, header) -> sheets.put(name, new Table(header, bodies.get(name), "UTF-8")));
        return sheets;
    }
}
