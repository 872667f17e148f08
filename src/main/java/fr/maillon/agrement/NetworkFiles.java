package fr.maillon.agrement;

import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.network.AgrementCalendar;
import fr.maillon.network.CalendarLine;
import fr.maillon.network.SharedEvaluation;

/**
 * A network's agrément calendar with each sharing structure's file: the latest projet social evaluation it
 * shares with the network, and how many of the file's parts are done (none when it shares no projet social).
 */
public record NetworkFiles(AgrementCalendar calendar, List<Line> lines) {

    public NetworkFiles {
        lines = List.copyOf(lines);
    }

    public record Line(CalendarLine calendar, @Nullable SharedEvaluation evaluation, int done, int parts,
            List<AgrementPart> toComplete) {

        public Line {
            toComplete = List.copyOf(toComplete);
        }

        public boolean complete() {
            return evaluation != null && toComplete.isEmpty();
        }
    }

    public long completeCount() {
        return lines.stream().filter(Line::complete).count();
    }
}
