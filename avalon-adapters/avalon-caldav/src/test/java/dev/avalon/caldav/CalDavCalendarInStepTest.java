package dev.avalon.caldav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/** Skipped, and says why, only where Radicale cannot be installed (see {@link CalDavServer}). */
@DisplayName("Radicale stays in step with Avalon through a series' life, without a sync")
class CalDavCalendarInStepTest extends CalDavInStepScenario {

    private static RadicaleServer server;

    @BeforeAll
    static void start() throws Exception {
        if (CalDavServer.installed("radicale")) {
            server = new RadicaleServer();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    CalDavServer server() {
        return server;
    }

    @Override
    String serverName() {
        return "radicale";
    }
}
