package dev.avalon.http;

import java.util.function.Consumer;

/**
 * One line per request, key=value: method, route template (never the raw path or query, which could
 * carry secrets), status, duration, tenant, key id, trace id and bytes in and out. Never a body or a key.
 */
final class AccessLog {

    private final Consumer<String> sink;

    AccessLog(Consumer<String> sink) {
        this.sink = sink;
    }

    /** What one request leaves for the log; a field not known is {@code null}, a count not known negative. */
    record Entry(String method, String route, int status, long durationMs, String tenant, String keyId,
                 String traceId, long bytesIn, long bytesOut) {
    }

    void write(Entry e) {
        sink.accept("method=" + e.method() + " route=" + e.route() + " status=" + e.status()
                + " ms=" + e.durationMs() + " tenant=" + dash(e.tenant()) + " key=" + dash(e.keyId())
                + " trace=" + dash(e.traceId()) + " in=" + count(e.bytesIn()) + " out=" + count(e.bytesOut()));
    }

    private static String count(long bytes) {
        return bytes < 0 ? "-" : Long.toString(bytes);
    }

    // values come from the key ring and Avalon's trace id pattern; a stray space or quote would still break
    // the key=value form, so anything outside the safe set is replaced
    private static String dash(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        return value.replaceAll("[^A-Za-z0-9._:@/{}-]", "_");
    }
}
