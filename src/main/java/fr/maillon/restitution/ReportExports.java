package fr.maillon.restitution;

/** The files a report is given as, beside its page. */
public final class ReportExports {

    private ReportExports() {
    }

    /** Every figure of the report, in an XLSX workbook. */
    public static byte[] workbook(ReportContent content) {
        return ReportWorkbook.write(content);
    }
}
