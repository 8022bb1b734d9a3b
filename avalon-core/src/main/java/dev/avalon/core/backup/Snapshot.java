package dev.avalon.core.backup;

import java.time.Instant;
import java.util.Objects;

/**
 * One backup as retention sees it.
 *
 * @param at when it was made
 * @param id its id
 */
public record Snapshot(Instant at, String id) {
    public Snapshot {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
    }
}
