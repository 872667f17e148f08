package fr.maillon.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import fr.maillon.survey.Choice;
import fr.maillon.survey.Question;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Survey;
import fr.maillon.web.Texts;

/**
 * Which column of an answers export answers which question, found without regard to case, accents
 * or group prefixes: a Kobo or ODK column by its XML name ({@code group/question},
 * {@code group-question}, {@code group.question}) or its label; a LimeSurvey column by its code
 * ({@code Q1}, {@code Q2[SQ001]}, which a survey read from .lss names {@code q2_sq001}) or its full
 * text ({@code Question [Subquestion]}). A multiple choice takes one column of codes separated by
 * spaces, or one 0/1 column per choice ({@code q/choice}, {@code Q5[SQ001]}, {@code Question [Choice]}).
 * The tools' own columns (keys, times, pages) are known and answer no question.
 */
final class AnswerColumns {

    /** The columns the tools add to every response, folded. */
    static final Set<String> TOOL_COLUMNS = Set.of("_uuid", "_id", "_index", "_submission_time", "_submitted_by",
            "_validation_status", "_notes", "_status", "_tags", "__version__", "_version_", "_xform_id_string",
            "_parent_table_name", "_parent_index", "_attachments", "_geolocation", "_duration", "start", "end", "today",
            "deviceid", "subscriberid", "simserial", "phonenumber", "username", "audit", "instanceid",
            "meta/instanceid", "meta/deprecatedid", "meta/instancename", "meta/rootuuid", "formhub/uuid", "key",
            "submissiondate", "submitterid", "submittername", "attachmentspresent", "attachmentsexpected",
            "reviewstate", "edits", "formversion", "id", "submitdate", "lastpage", "startlanguage", "seed",
            "startdate", "datestamp", "ipaddr", "refurl", "token", "interviewtime", "response id", "date submitted",
            "last page", "start language", "date started", "date last action", "ip address", "referrer url",
            "total time");
    /** Submission times, by preference. */
    static final List<String> DATE_COLUMNS = List.of("_submission_time", "submission_time", "submissiondate",
            "submitdate", "date submitted", "end", "date");
    /** When a response has no submission time (a LimeSurvey response left incomplete): its last action, or start. */
    static final List<String> FALLBACK_DATE_COLUMNS = List.of("datestamp", "date last action", "startdate",
            "date started", "end", "start");
    /** Submission times the tools write in UTC, with or without a zone. */
    static final Set<String> UTC_COLUMNS = Set.of("_submission_time", "submission_time", "submissiondate");
    /** A response's own key, by preference: the same response imported again is stored once. */
    static final List<String> KEY_COLUMNS = List.of("_uuid", "meta/instanceid", "instanceid", "key", "_id", "id",
            "response id");
    /** LimeSurvey's marks of a response file: the last page reached (an incomplete response has no submit date). */
    static final Set<String> LIMESURVEY_PAGE = Set.of("lastpage", "last page");

    private AnswerColumns() {
    }

    /** Whether a column is one the tool adds (keys, times, LimeSurvey's timings), answering no question. */
    static boolean toolColumn(String header) {
        String folded = fold(header);
        return TOOL_COLUMNS.contains(folded) || folded.startsWith("question time:") || folded.startsWith("group time:")
                || folded.matches("grouptime\\d+");
    }

    /** A header folded: lower case, no accents, spaces collapsed. */
    static String fold(String header) {
        return Texts.fold(header).strip().replaceAll("\\s+", " ");
    }

    /** A name as Maillon writes codes: folded, every other sign an underscore. */
    static String identifier(String text) {
        return Texts.fold(text).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    /** The index of the first header among these names (folded), or -1. */
    static int first(List<String> headers, List<String> names) {
        for (String name : names) {
            for (int i = 0; i < headers.size(); i++) {
                if (fold(headers.get(i)).equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * The identifiers a header may name a question by: the whole header, then what follows each
     * group separator ({@code /}, {@code -}, {@code .}, {@code :}), longest first.
     */
    static List<String> names(String header) {
        String folded = fold(header);
        List<String> names = new ArrayList<>();
        names.add(identifier(folded));
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c == '/' || c == '-' || c == '.' || c == ':') {
                String rest = identifier(folded.substring(i + 1));
                if (!rest.isEmpty() && !names.contains(rest)) {
                    names.add(rest);
                }
            }
        }
        return names;
    }

    /** The names of a header's last path segment (after its last {@code /}): a question's own column before a choice's. */
    static List<String> leafNames(String header) {
        String folded = fold(header);
        int slash = folded.lastIndexOf('/');
        return names(slash < 0 ? folded : folded.substring(slash + 1));
    }

    /** A header that reads as a part of a question ({@code q/choice}, {@code Q[choice]}, {@code text [choice]}). */
    record Split(String base, String part) {
    }

    static List<Split> splits(String header) {
        String text = header.strip();
        List<Split> splits = new ArrayList<>();
        int open = text.lastIndexOf('[');
        if (text.endsWith("]") && open > 0) {
            splits.add(new Split(text.substring(0, open).strip(), text.substring(open + 1, text.length() - 1).strip()));
        }
        for (char separator : new char[] { '/', '.', '-', '_' }) {
            int at = text.lastIndexOf(separator);
            if (at > 0 && at < text.length() - 1) {
                splits.add(new Split(text.substring(0, at), text.substring(at + 1)));
            }
        }
        return splits;
    }

    /**
     * The guess: the remembered columns first (by folded header), then each question's column by code,
     * group path or wording, then the multiple choices' columns per choice, then a subquestion's text
     * ({@code Question [Subquestion]}) naming a question alone.
     */
    static AnswerImporter.Mapping guess(Survey survey, List<String> headers, Map<String, Remembered> remembered,
            long wave) {
        Map<Long, Integer> questions = new LinkedHashMap<>();
        Map<Long, Map<String, Integer>> choices = new HashMap<>();
        Set<Integer> used = new HashSet<>();
        Map<String, List<Integer>> byLeaf = new HashMap<>();
        Map<String, List<Integer>> byName = new HashMap<>();
        Map<String, List<Integer>> byText = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String folded = fold(headers.get(i));
            if (toolColumn(folded)) {
                used.add(i);
                continue;
            }
            Remembered known = remembered.get(folded);
            if (known != null && survey.question(known.questionId()).isPresent()) {
                if (known.choice() == null) {
                    if (!questions.containsKey(known.questionId())) {
                        questions.put(known.questionId(), i);
                        used.add(i);
                    }
                }
                else {
                    choices.computeIfAbsent(known.questionId(), key -> new HashMap<>()).put(known.choice(), i);
                    used.add(i);
                }
                continue;
            }
            for (String name : leafNames(headers.get(i))) {
                byLeaf.computeIfAbsent(name, key -> new ArrayList<>()).add(i);
            }
            for (String name : names(headers.get(i))) {
                byName.computeIfAbsent(name, key -> new ArrayList<>()).add(i);
            }
            byText.computeIfAbsent(folded, key -> new ArrayList<>()).add(i);
            int slash = folded.lastIndexOf('/');
            if (slash > 0) {
                byText.computeIfAbsent(folded.substring(slash + 1).strip(), key -> new ArrayList<>()).add(i);
            }
        }
        for (Question question : survey.questions()) {
            if (questions.containsKey(question.id()) || choices.containsKey(question.id())) {
                continue;
            }
            Integer column = free(byLeaf.get(identifier(question.code())), used);
            if (column == null) {
                column = free(byName.get(identifier(question.code())), used);
            }
            if (column == null) {
                column = free(byText.get(fold(question.label())), used);
            }
            if (column == null && question.labelEn() != null) {
                column = free(byText.get(fold(question.labelEn())), used);
            }
            if (column != null) {
                questions.put(question.id(), column);
                used.add(column);
            }
        }
        for (Question question : survey.questions()) {
            if (question.kind() != QuestionKind.MULTIPLE || questions.containsKey(question.id())
                    || choices.containsKey(question.id())) {
                continue;
            }
            for (int i = 0; i < headers.size(); i++) {
                if (used.contains(i)) {
                    continue;
                }
                String choice = choiceOf(question, headers.get(i));
                if (choice != null && !choices.getOrDefault(question.id(), Map.of()).containsKey(choice)) {
                    choices.computeIfAbsent(question.id(), key -> new HashMap<>()).put(choice, i);
                    used.add(i);
                }
            }
        }
        Map<String, List<Question>> byLabel = new HashMap<>();
        survey.questions().forEach(question -> byLabel.computeIfAbsent(fold(question.label()),
                key -> new ArrayList<>()).add(question));
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i).strip();
            int open = header.lastIndexOf('[');
            if (used.contains(i) || !header.endsWith("]") || open <= 0) {
                continue;
            }
            List<Question> named = byLabel.getOrDefault(fold(header.substring(open + 1, header.length() - 1)),
                    List.of());
            if (named.size() == 1 && !questions.containsKey(named.get(0).id())
                    && !choices.containsKey(named.get(0).id())) {
                questions.put(named.get(0).id(), i);
                used.add(i);
            }
        }
        int date = first(headers, DATE_COLUMNS);
        return new AnswerImporter.Mapping(questions, choices, wave, date, false);
    }

    private static @Nullable Integer free(@Nullable List<Integer> columns, Set<Integer> used) {
        if (columns != null) {
            for (Integer column : columns) {
                if (!used.contains(column)) {
                    return column;
                }
            }
        }
        return null;
    }

    /** The choice of a multiple choice question this header marks, if it reads as one. */
    static @Nullable String choiceOf(Question question, String header) {
        String code = identifier(question.code());
        String label = fold(question.label());
        for (Split split : splits(header)) {
            boolean base = names(split.base()).contains(code) || fold(split.base()).equals(label)
                    || fold(split.base()).endsWith("/" + label);
            if (!base) {
                continue;
            }
            String part = identifier(split.part());
            String text = fold(split.part());
            for (Choice choice : question.choices()) {
                if (identifier(choice.code()).equals(part) || fold(choice.label()).equals(text)
                        || (choice.labelEn() != null && fold(choice.labelEn()).equals(text))) {
                    return choice.code();
                }
            }
        }
        return null;
    }

    /** A column remembered from an earlier import of this survey: its question, and the choice it marks. */
    record Remembered(long questionId, @Nullable String choice) {
    }
}
