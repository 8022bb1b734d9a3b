package dev.avalon.testkit.hardening;

import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.testkit.harness.AvalonHarness;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one check every hardening test ends with: refused, naming the field, nothing changed, brain healthy. */
final class Hardening {

    private Hardening() {
    }

    /**
     * Sends {@code envelope} raw (so numbers keep the caller's notation), expects VALIDATION_FAILED with a
     * violation at {@code path}, the brain byte-identical, and {@code system.health} at STATE_NORMAL.
     *
     * @return the violations, for assertions on the wording
     */
    static List<Violation> assertRefusedAndHealthy(AvalonHarness h, String envelope, String path) {
        AvalonHarness.Snapshot before = h.snapshot();
        List<Violation> details = h.raw(envelope).assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details();
        assertThat(details).extracting(Violation::path).as("violations of %s", envelope).contains(path);
        h.assertUnchangedSince(before);
        assertHealthy(h);
        return details;
    }

    /** {@code system.health} answers and the brain is in STATE_NORMAL. */
    static void assertHealthy(AvalonHarness h) {
        assertThat(h.dispatch("system.health").assertOk().data().path("state").asText()).isEqualTo("STATE_NORMAL");
    }

    /** The problem reported at {@code path}. */
    static String problemAt(List<Violation> details, String path) {
        return details.stream().filter(v -> v.path().equals(path)).map(Violation::problem).findFirst()
                .orElseThrow(() -> new AssertionError("no violation at " + path + " in " + details));
    }

    /** A {@code behaviour.propose_patch} envelope whose {@code after} is the raw JSON text {@code after}. */
    static String patchWithAfter(String after) {
        return "{\"action\":\"behaviour.propose_patch\",\"data\":{\"patch\":{\"id\":\"P1\",\"type\":\"PATCH\","
                + "\"path\":\"calendar.bufferMinutes\",\"before\":10,\"after\":" + after
                + ",\"rationale\":\"x\",\"riskLevel\":\"LOW\",\"source\":\"USER\"}}}";
    }

    /** A {@code logbook.add_daily_entry} envelope with {@code field} set to the raw JSON text {@code value}. */
    static String dailyEntryWith(String field, String value) {
        StringBuilder data = new StringBuilder("{");
        String[][] fields = {{"activiteit", "\"Offerte\""}, {"domein", "\"VSB\""}, {"stress", "6"}, {"motivatie", "7"},
                {"status", "\"done\""}, {"moveCount", "1"}};
        for (String[] f : fields) {
            data.append(data.length() > 1 ? "," : "").append('"').append(f[0]).append("\":")
                    .append(f[0].equals(field) ? value : f[1]);
        }
        data.append('}');
        return "{\"action\":\"logbook.add_daily_entry\",\"data\":" + data + "}";
    }
}
