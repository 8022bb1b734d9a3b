package dev.avalon.google;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.testkit.contract.RemoteCalendarContract;
import dev.avalon.testkit.google.FakeGoogleCalendarServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

import java.time.Clock;
import java.util.Random;

@DisplayName("GoogleCalendar (PUT updates) keeps the RemoteCalendar contract against the loopback fake of the API")
class GoogleCalendarContractTest extends RemoteCalendarContract {

    private FakeGoogleCalendarServer google;

    /** How updates are sent; the PATCH variant overrides it. */
    WriteMode writeMode() {
        return WriteMode.PUT;
    }

    @Override
    protected RemoteCalendar newCalendar(Clock clock) {
        // a page smaller than the contract's listings so every full sync pages
        google = FakeGoogleCalendarServer.builder().clock(clock).pageSize(5).start();
        return new GoogleCalendar(GoogleCalendarConfig.custom("primary", FakeGoogleCalendarServer.CLIENT_ID,
                        FakeGoogleCalendarServer.CLIENT_SECRET, FakeGoogleCalendarServer.REFRESH_TOKEN)
                .baseUri(google.baseUri())
                .tokenUri(google.tokenUri())
                .writeMode(writeMode())
                .clock(clock)
                .sleeper(delay -> { })
                .random(new Random(7))
                .build());
    }

    @Override
    protected RemoteUser user() {
        return new RemoteUser() {
            @Override
            public void retitle(String remoteId, String title) {
                google.calendar("primary").edit(remoteId, "{\"summary\": \"" + title + "\"}");
            }

            @Override
            public void delete(String remoteId) {
                google.calendar("primary").delete(remoteId);
            }

            @Override
            public void expireSyncTokens() {
                google.expireSyncTokens();
            }
        };
    }

    @AfterEach
    void stopServer() {
        google.close();
    }
}
