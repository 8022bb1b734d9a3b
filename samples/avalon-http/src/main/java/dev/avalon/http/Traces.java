package dev.avalon.http;

import java.util.UUID;

/** Trace ids the server makes when a request brings none. */
final class Traces {

    private Traces() {
    }

    /** A fresh trace id in Avalon's style, {@code T-<uuid>}. */
    static String fresh() {
        return "T-" + UUID.randomUUID();
    }
}
