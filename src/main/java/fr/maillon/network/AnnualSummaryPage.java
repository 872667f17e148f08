package fr.maillon.network;

import java.util.List;

/** What the annual summary's page shows: the year's summary, and the years with shared values, latest first. */
public record AnnualSummaryPage(AnnualSummary summary, List<Integer> years) {

    public AnnualSummaryPage {
        years = List.copyOf(years);
    }
}
