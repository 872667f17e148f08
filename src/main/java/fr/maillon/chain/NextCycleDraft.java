package fr.maillon.chain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** What the next-cycle form or API sends: the new evaluation's title and period; the service checks every rule. */
public record NextCycleDraft(@Nullable String title, @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd) {

    private static final int TITLE_MAX = 200;

    /**
     * What the form proposes after {@code previous}: the period of the same length right after it (whole months
     * when the previous one ran from a first to a last day of a month, days otherwise), and the title with its
     * years moved on ("Projet social 2018–2021" → "Projet social 2022–2025"), or followed by the new years.
     */
    public static NextCycleDraft after(Evaluation previous) {
        LocalDate start = previous.periodEnd().plusDays(1);
        LocalDate end;
        LocalDate oldStart = previous.periodStart();
        LocalDate oldEnd = previous.periodEnd();
        if (oldStart.getDayOfMonth() == 1 && oldEnd.plusDays(1).getDayOfMonth() == 1) {
            end = start.plusMonths(ChronoUnit.MONTHS.between(oldStart, oldEnd.plusDays(1))).minusDays(1);
        }
        else {
            end = start.plusDays(ChronoUnit.DAYS.between(oldStart, oldEnd));
        }
        return new NextCycleDraft(title(previous.title(), oldStart, oldEnd, start, end), start, end);
    }

    private static String title(String title, LocalDate oldStart, LocalDate oldEnd, LocalDate start, LocalDate end) {
        String years = years(start, end);
        Matcher range = Pattern.compile("\\b" + oldStart.getYear() + "(\\s*[–—/-]\\s*)" + oldEnd.getYear() + "\\b")
                .matcher(title);
        if (range.find()) {
            return title.substring(0, range.start()) + start.getYear() + range.group(1) + end.getYear()
                    + title.substring(range.end());
        }
        Matcher year = Pattern.compile("\\b" + oldStart.getYear() + "\\b").matcher(title);
        if (oldStart.getYear() == oldEnd.getYear() && year.find()) {
            return title.substring(0, year.start()) + years + title.substring(year.end());
        }
        String base = title.length() + years.length() + 1 > TITLE_MAX
                ? title.substring(0, TITLE_MAX - years.length() - 1).strip() : title;
        return base + " " + years;
    }

    private static String years(LocalDate start, LocalDate end) {
        return start.getYear() == end.getYear() ? String.valueOf(start.getYear())
                : start.getYear() + "–" + end.getYear();
    }
}
