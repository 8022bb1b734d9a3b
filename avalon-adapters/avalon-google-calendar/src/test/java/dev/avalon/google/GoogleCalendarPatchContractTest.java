package dev.avalon.google;

import org.junit.jupiter.api.DisplayName;

/**
 * The contract again with PATCH updates: a class of its own, because surefire leaves out nested
 * classes by name and JUnit does not run a static inner test class from its outer one.
 */
@DisplayName("GoogleCalendar (PATCH updates) keeps the RemoteCalendar contract against the loopback fake of the API")
class GoogleCalendarPatchContractTest extends GoogleCalendarContractTest {
    @Override
    WriteMode writeMode() {
        return WriteMode.PATCH;
    }
}
