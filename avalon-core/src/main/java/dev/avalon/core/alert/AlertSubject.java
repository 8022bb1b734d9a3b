package dev.avalon.core.alert;

import dev.avalon.core.port.Alert;

import java.util.List;

/**
 * What an alert is about, for deduplication: the first of a few identifying detail keys an alert
 * carries (a file, a job, an invite, a reminder …), or empty when it names none, so that alerts of one
 * code about one thing count up instead of piling up. Counters and timestamps in the details are not
 * subjects, or every repeat would be a new alert.
 */
public final class AlertSubject {

    /** The detail keys that name a subject, most specific first. */
    static final List<String> KEYS = List.of("subject", "path", "file", "job", "inviteId", "reminderId",
            "automation", "subscriber", "feature", "week", "date");

    private AlertSubject() {
    }

    /** The subject of {@code alert}: {@code key=value} of its first identifying detail, or {@code ""}. */
    public static String of(Alert alert) {
        for (String key : KEYS) {
            String value = alert.details().get(key);
            if (value != null && !value.isBlank()) {
                return key + "=" + value;
            }
        }
        return "";
    }
}
