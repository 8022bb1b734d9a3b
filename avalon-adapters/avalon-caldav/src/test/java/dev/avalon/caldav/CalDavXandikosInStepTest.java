package dev.avalon.caldav;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.testkit.contract.CalendarInStepScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

import java.net.URI;
import java.time.Clock;
import java.util.Random;

/** Skipped, and says why, only where Xandikos cannot be installed (see {@link CalDavServer}). */
@DisplayName("Xandikos stays in step with Avalon through a series' life, without a sync")
class CalDavXandikosInStepTest extends CalendarInStepScenario {

    private static XandikosServer xandikos;
    private static int calendars;

    @BeforeAll
    static void startXandikos() throws Exception {
        if (CalDavServer.installed("xandikos")) {
            xandikos = new XandikosServer();
        }
    }

    @AfterAll
    static void stopXandikos() throws Exception {
        if (xandikos != null) {
            xandikos.close();
        }
    }

    @Override
    protected RemoteCalendar newCalendar(Clock clock) {
        CalDavServer.assumeStarted(xandikos, "xandikos");
        URI collection = xandikos.newCalendar("instep" + (++calendars));
        CalDavConfig.Builder config = CalDavConfig.custom(collection)
                .clock(clock).sleeper(delay -> { }).random(new Random(7));
        if (xandikos.user() != null) {
            config.login(xandikos.user(), xandikos.password());
        }
        CalDavCalendar adapter = new CalDavCalendar(config.build());
        adapter.createCalendar("Avalon");
        return adapter;
    }
}
