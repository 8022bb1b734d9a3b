package dev.avalon.caldav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("CalDavCalendar keeps the RemoteCalendar contract against Radicale (HTTP Basic authentication)")
class CalDavCalendarRadicaleContractTest extends CalDavCalendarContract {

    private static RadicaleServer radicale;

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
    String serverName() {
        return "radicale";
    }

    @Override
    CalDavServer server() {
        return radicale;
    }
}
