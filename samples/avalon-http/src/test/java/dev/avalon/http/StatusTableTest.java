package dev.avalon.http;

import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.calendar.CalendarFeature;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The status table")
class StatusTableTest {

    static List<ErrorCode> everyCode() {
        List<ErrorCode> all = new ArrayList<>(ErrorCode.core());
        all.addAll(new CalendarFeature().errorCodes());
        all.addAll(ServerCodes.all());
        return all;
    }

    @Test
    @DisplayName("lists every code of core, of the default features and of the server, with a 4xx or 5xx status")
    void everyCodeListed() {
        for (ErrorCode code : everyCode()) {
            assertThat(StatusTable.listed(code)).as(code.name()).isPresent();
            assertThat(StatusTable.status(code)).as(code.name()).isBetween(400, 599);
        }
        assertThat(StatusTable.all()).hasSameSizeAs(everyCode());
    }

    @Test
    @DisplayName("maps the classes of refusal as documented: unreadable 400, invalid 422, state 409, brain 503")
    void classes() {
        assertThat(StatusTable.status(ErrorCode.INVALID_JSON)).isEqualTo(400);
        assertThat(StatusTable.status(ErrorCode.INVALID_REQUEST)).isEqualTo(400);
        assertThat(StatusTable.status(ErrorCode.VALIDATION_FAILED)).isEqualTo(422);
        assertThat(StatusTable.status(ErrorCode.FORBIDDEN)).isEqualTo(403);
        assertThat(StatusTable.status(ErrorCode.CONFIRMATION_REQUIRED)).isEqualTo(403);
        assertThat(StatusTable.status(ErrorCode.UNKNOWN_ACTION)).isEqualTo(404);
        assertThat(StatusTable.status(ErrorCode.QUESTION_CLOSED)).isEqualTo(409);
        assertThat(StatusTable.status(ErrorCode.PAYLOAD_TOO_LARGE)).isEqualTo(413);
        assertThat(StatusTable.status(ErrorCode.RATE_LIMITED)).isEqualTo(429);
        assertThat(StatusTable.status(ErrorCode.DR_ACTIVE)).isEqualTo(503);
        assertThat(StatusTable.status(ErrorCode.INTERNAL_ERROR)).isEqualTo(500);
        assertThat(StatusTable.status(ServerCodes.UNAUTHORIZED)).isEqualTo(401);
    }

    @Test
    @DisplayName("a code no one listed is refused as not acceptable, 422")
    void unlisted() {
        assertThat(StatusTable.status(ErrorCode.of("SOMETHING_NEW_HERE"))).isEqualTo(StatusTable.UNLISTED).isEqualTo(422);
    }

    @Test
    @DisplayName("docs/HTTP.md has the same table, row for row")
    void documented() throws IOException {
        Path doc = Path.of("../../docs/HTTP.md");
        String text = Files.readString(doc);
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| (\\d{3}) \\|").matcher(text);
        int rows = 0;
        while (row.find()) {
            rows++;
            ErrorCode code = ErrorCode.of(row.group(1));
            assertThat(StatusTable.listed(code)).as(row.group(1)).contains(Integer.parseInt(row.group(2)));
        }
        assertThat(rows).isEqualTo(StatusTable.all().size());
    }
}
