package dev.avalon.core.governance;

import java.util.Objects;

/**
 * Two patches that cannot both go through as proposed (seed 06 §8); the user decides which one
 * wins through a CONFLICT_RESOLUTION_REQUEST.
 *
 * @param first  the patch already pending
 * @param second the patch proposed later
 * @param reason why they conflict, in a sentence a front end can show
 */
public record Conflict(Patch first, Patch second, String reason) {
    public Conflict {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(reason, "reason");
    }
}
