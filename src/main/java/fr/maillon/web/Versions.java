package fr.maillon.web;

import org.jspecify.annotations.Nullable;

/**
 * The version an API client read, sent back in the {@code If-Match} header of a {@code PUT}: the
 * entity tag {@code "3"} (as the {@code version} of the item's JSON and the {@code ETag} of a
 * {@code PUT}'s answer give it), {@code W/"3"} or {@code 3}. No header, or {@code *}, means no
 * check, as before versions existed; a header that names no version is refused (422).
 */
public final class Versions {

    /** The OpenAPI description of the header, shared by every {@code PUT}. */
    public static final String IF_MATCH_DESCRIPTION = "The version of the item the client read (the `version` field "
            + "of its JSON), as an entity tag: `\"3\"` (or `3`). Optional: without it the save is not checked, as "
            + "before versions existed.";

    /** The OpenAPI description of a locked {@code PUT}. */
    public static final String PUT_DESCRIPTION = "Optimistic locking: send the `version` you read in an `If-Match` "
            + "header (`If-Match: \"3\"`). If someone saved the item since, nothing is written and the answer is 409. "
            + "Each save raises the version by one. A PUT without `If-Match` is not checked.";

    /** The OpenAPI description of the 409 answer. */
    public static final String CONFLICT_DESCRIPTION = "Someone saved the item since the version given in `If-Match`: "
            + "nothing was written. The problem detail (RFC 9457) carries `currentVersion`, `updatedBy` (a name), "
            + "`updatedAt` and `current`, the item as now stored; its `ETag` header is the current version.";

    private Versions() {
    }

    public static @Nullable Integer fromIfMatch(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (!tag.matches("[0-9]{1,9}")) {
            throw new RuleViolationException("If-Match", "web.concurrentEdit.ifMatch");
        }
        return Integer.valueOf(tag);
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }
}
