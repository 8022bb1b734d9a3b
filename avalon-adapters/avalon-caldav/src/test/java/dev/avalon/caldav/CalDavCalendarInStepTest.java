package dev.avalon.caldav;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.testkit.contract.CalendarInStepScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

import java.net.URI;
import java.time.Clock;
import java.util.Random;

/** Skipped, and says why, only where Radicale cannot be installed (see {@link CalDavServer}). */
@DisplayName("Radicale stays in step with Avalon through a series' life, without a sync")
class CalDavCalendarInStepTest extends CalendarInStepScenario {

    private static RadicaleServer radicale;
    private static int calendars;

    @BeforeAll
    static void startRadicale() throws Exception {
        if (CalDavServer.installed("radicale")) {
            radicale = new RadicaleServer();
        }
    }

    @AfterAll
    static void stopRadicale() throws Exception {
        if (radicale != null) {
            radicale.close();
        }
    }

    @Override
    protected RemoteCalendar newCalendar(Clock clock) {
        CalDavServer.assumeStarted(radicale, "radicale");
        URI collection = radicale.newCalendar("instep" + (++calendars));
        CalDavCalendar adapter = new CalDavCalendar(CalDavConfig.custom(collection)
                .login(RadicaleServer.USER, RadicaleServer.PASSWORD)
                .clock(clock).sleeper(delay -> { }).random(new Random(7)).build());
        adapter.createCalendar("Avalon");
        return adapter;
    }
}
