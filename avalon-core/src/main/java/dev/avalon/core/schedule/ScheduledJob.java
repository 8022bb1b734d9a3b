package dev.avalon.core.schedule;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A job the scheduler runs: a name, when it is due, and what it does.
 *
 * @param name   stable name, e.g. {@code daily-log}; last runs are kept under it
 * @param timing when it is due, read from the current behaviour rules
 * @param body   what a run does (pure: returns an outcome)
 */
public record ScheduledJob(String name, JobTiming timing, JobBody body) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    public ScheduledJob {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("job name must be lower-case words with dashes: " + name);
        }
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(body, "body");
    }
}
