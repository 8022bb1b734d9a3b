package dev.avalon.ics;

import dev.avalon.core.port.InviteRequest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/** Requests for tests that need only their attendees to differ. */
final class InviteRendererContractRequests {

    private InviteRendererContractRequests() {
    }

    static InviteRequest withAttendees(List<String> attendees) {
        ZonedDateTime start = ZonedDateTime.of(2026, 11, 26, 14, 0, 0, 0, ZoneId.of("Europe/Amsterdam"));
        return new InviteRequest(InviteRequest.InviteMethod.REQUEST, "names-1@avalon.test", 0,
                Instant.parse("2026-11-20T10:00:00Z"), "organizer@example.org", attendees, "Overleg", "", "",
                start, start.plusHours(1), null, null);
    }
}
