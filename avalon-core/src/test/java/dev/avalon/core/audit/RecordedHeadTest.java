package dev.avalon.core.audit;

import dev.avalon.core.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordedHeadTest {

    static final byte[] KEY = "a host key of more than 32 bytes!".getBytes(StandardCharsets.UTF_8);
    static final AuditHead HEAD = new AuditHead(7, "a".repeat(64));
    static final RecordedHead RECORD = new RecordedHead(HEAD, "b".repeat(64), "c".repeat(40), "d".repeat(64), null);

    @Test
    @DisplayName("a sealed record survives its JSON form and matches under its key only")
    void sealRoundTrip() throws Exception {
        RecordedHead sealed = RECORD.sealedWith(KEY);
        assertThat(sealed.seal()).matches("[0-9a-f]{64}");
        RecordedHead read = RecordedHead.fromJson(Json.parse(Json.pretty(sealed.toJson())));
        assertThat(read).isEqualTo(sealed);
        assertThat(read.sealMatches(KEY)).isTrue();
        assertThat(read.sealMatches("another key, also long enough....".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(RECORD.sealMatches(KEY)).as("no seal").isFalse();
    }

    @Test
    @DisplayName("the seal binds every field: the head, the brain id, the commit and the behaviour hash")
    void sealBindsEveryField() {
        String seal = RECORD.sealedWith(KEY).seal();
        List<RecordedHead> changed = List.of(
                new RecordedHead(new AuditHead(8, "a".repeat(64)), RECORD.brain(), RECORD.commit(), RECORD.behaviourSha256(), seal),
                new RecordedHead(new AuditHead(7, "e".repeat(64)), RECORD.brain(), RECORD.commit(), RECORD.behaviourSha256(), seal),
                new RecordedHead(HEAD, "e".repeat(64), RECORD.commit(), RECORD.behaviourSha256(), seal),
                new RecordedHead(HEAD, RECORD.brain(), "e".repeat(40), RECORD.behaviourSha256(), seal),
                new RecordedHead(HEAD, RECORD.brain(), null, RECORD.behaviourSha256(), seal),
                new RecordedHead(HEAD, RECORD.brain(), RECORD.commit(), "e".repeat(64), seal));
        assertThat(changed).noneMatch(r -> r.sealMatches(KEY));
    }

    @Test
    @DisplayName("an old record holds the head only and is not tracked")
    void oldRecord() throws Exception {
        RecordedHead old = RecordedHead.fromJson(Json.parse("{\"seq\":7,\"hash\":\"" + "a".repeat(64) + "\"}"));
        assertThat(old).isEqualTo(RecordedHead.of(HEAD));
        assertThat(old.tracked()).isFalse();
        assertThat(old.sealed()).isFalse();
        assertThat(old.toJson().size()).isEqualTo(2);
    }
}
