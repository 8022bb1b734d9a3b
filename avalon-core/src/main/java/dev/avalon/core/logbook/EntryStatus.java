package dev.avalon.core.logbook;

import java.util.Arrays;
import java.util.Optional;

/** How far a day's activity got; the wire names are lower case ({@code done}, {@code partial}, {@code not_done}). */
public enum EntryStatus {
    DONE("done"),
    PARTIAL("partial"),
    NOT_DONE("not_done");

    private final String wire;

    EntryStatus(String wire) {
        this.wire = wire;
    }

    /** The name on the JSON wire. */
    public String wire() {
        return wire;
    }

    /** The status with this wire name, if any. */
    public static Optional<EntryStatus> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(name)).findFirst();
    }
}
