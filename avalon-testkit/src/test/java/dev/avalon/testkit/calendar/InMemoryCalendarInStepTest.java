package dev.avalon.testkit.calendar;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.testkit.contract.CalendarInStepScenario;
import org.junit.jupiter.api.DisplayName;

import java.time.Clock;

@DisplayName("The in-memory remote calendar stays in step with Avalon through a series' life")
class InMemoryCalendarInStepTest extends CalendarInStepScenario {

    @Override
    protected RemoteCalendar newCalendar(Clock clock) {
        return new InMemoryRemoteCalendar(clock);
    }
}
