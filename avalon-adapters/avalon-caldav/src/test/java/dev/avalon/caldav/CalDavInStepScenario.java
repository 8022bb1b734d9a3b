package dev.avalon.caldav;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.testkit.contract.CalendarInStepScenario;

import java.net.URI;
import java.time.Clock;
import java.util.Random;

/**
 * The calendar in-step scenario on a real CalDAV server, a new collection per run; skipped, and says how to
 * install it, where the server cannot be started (see {@link CalDavServer}).
 */
abstract class CalDavInStepScenario extends CalendarInStepScenario {

    private int calendars;

    /** The running server, or null when it is not installed. */
    abstract CalDavServer server();

    /** The program name of that server. */
    abstract String serverName();

    @Override
    protected RemoteCalendar newCalendar(Clock clock) {
        CalDavServer.assumeStarted(server(), serverName());
        URI collection = server().newCalendar("instep" + (++calendars));
        CalDavConfig.Builder config = CalDavConfig.custom(collection)
                .clock(clock).sleeper(delay -> { }).random(new Random(7));
        if (server().user() != null) {
            config.login(server().user(), server().password());
        }
        CalDavCalendar adapter = new CalDavCalendar(config.build());
        adapter.createCalendar("Avalon");
        return adapter;
    }
}
