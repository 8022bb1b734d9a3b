package dev.avalon.caldav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("CalDavCalendar keeps the RemoteCalendar contract against Xandikos")
class CalDavCalendarXandikosContractTest extends CalDavCalendarContract {

    private static XandikosServer xandikos;

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
    String serverName() {
        return "xandikos";
    }

    @Override
    CalDavServer server() {
        return xandikos;
    }
}
