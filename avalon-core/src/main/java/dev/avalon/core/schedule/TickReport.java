package dev.avalon.core.schedule;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@code Avalon.tick()} did.
 *
 * @param now       the instant of the tick
 * @param ran       the runs, in job registration order
 * @param suspended why no job ran (e.g. {@code STATE_DR}), empty when the scheduler was active
 */
public record TickReport(Instant now, List<JobReport> ran, Optional<String> suspended) {
    public TickReport {
        Objects.requireNonNull(now, "now");
        ran = List.copyOf(ran);
        Objects.requireNonNull(suspended, "suspended");
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("now", now.toString());
        ArrayNode list = n.putArray("ran");
        ran.forEach(r -> list.add(r.toJson()));
        suspended.ifPresent(s -> n.put("suspended", s));
        return n;
    }
}
