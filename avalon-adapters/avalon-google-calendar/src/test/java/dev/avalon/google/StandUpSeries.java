package dev.avalon.google;

import dev.avalon.core.port.RemoteEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A weekly stand-up on Mondays 09:00 in Amsterdam, four times from 23 November, as a user adds it in Google. */
final class StandUpSeries {

    static final String JSON = """
            {"id": "series001", "summary": "Stand-up",
             "start": {"dateTime": "2026-11-23T09:00:00+01:00", "timeZone": "Europe/Amsterdam"},
             "end": {"dateTime": "2026-11-23T09:15:00+01:00", "timeZone": "Europe/Amsterdam"},
             "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"]}
            """;

    private StandUpSeries() {
    }

    /** One instance of the series as Avalon writes it, by its original start. */
    static RemoteEvent instance(Instant original, Instant start, String title, boolean cancelled) {
        return new RemoteEvent(RemoteEvent.instanceId("series001", original, false), null, null, title, "", "",
                start, start.plus(Duration.ofMinutes(15)), "Europe/Amsterdam", null, null, List.of(), "series001",
                original, cancelled, List.of(), null, Map.of("avalonId", "EV-0001"), null);
    }
}
