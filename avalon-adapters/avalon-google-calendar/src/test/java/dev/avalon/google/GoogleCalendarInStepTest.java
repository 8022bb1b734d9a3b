package dev.avalon.google;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.testkit.contract.CalendarInStepScenario;
import dev.avalon.testkit.google.FakeGoogleCalendarServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

import java.time.Clock;
import java.util.Random;

@DisplayName("The Google loopback fake stays in step with Avalon through a series' life, without a sync")
class GoogleCalendarInStepTest extends CalendarInStepScenario {

    private FakeGoogleCalendarServer google;

    @Override
    protected RemoteCalendar newCalendar(Clock clock) {
        google = FakeGoogleCalendarServer.builder().clock(this.clock).pageSize(3).start();
        return new GoogleCalendar(GoogleCalendarConfig.custom("primary", FakeGoogleCalendarServer.CLIENT_ID,
                        FakeGoogleCalendarServer.CLIENT_SECRET, FakeGoogleCalendarServer.REFRESH_TOKEN)
                .baseUri(google.baseUri()).tokenUri(google.tokenUri()).clock(clock).sleeper(delay -> { })
                .random(new Random(7)).build());
    }

    @AfterEach
    void stopGoogle() {
        if (google != null) {
            google.close();
        }
    }
}
