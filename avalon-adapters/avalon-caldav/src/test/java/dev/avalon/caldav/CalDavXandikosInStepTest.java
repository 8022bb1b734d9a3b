package dev.avalon.caldav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/** Skipped, and says why, only where Xandikos cannot be installed (see {@link CalDavServer}). */
@DisplayName("Xandikos stays in step with Avalon through a series' life, without a sync")
class CalDavXandikosInStepTest extends CalDavInStepScenario {

    private static XandikosServer server;

    @BeforeAll
    static void start() throws Exception {
        if (CalDavServer.installed("xandikos")) {
            server = new XandikosServer();
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
        return "xandikos";
    }
}
