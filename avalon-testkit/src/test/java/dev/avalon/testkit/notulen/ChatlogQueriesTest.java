package dev.avalon.testkit.notulen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("chatlog.read pages through a day; chatlog.search finds text over days")
class ChatlogQueriesTest {

    private AvalonHarness h;

    @BeforeEach
    void open() {
        h = AvalonHarness.inMemory();
        for (int i = 1; i <= 5; i++) {
            append("c-1", i % 2 == 0 ? "assistant" : "user", "bericht " + i, "2026-11-23T09:0" + i + ":00+01:00");
        }
        append("c-2", "user", "Zet de begróting op de agenda", "2026-11-23T10:00:00+01:00");
        append("c-1", "user", "De Begroting is af", "2026-11-20T10:00:00+01:00");
    }

    @AfterEach
    void close() {
        h.close();
    }

    private void append(String conversation, String role, String text, String ts) {
        h.dispatch("chatlog.append", data("conversationId", conversation, "role", role, "text", text, "ts", ts))
                .assertOk();
    }

    @Test
    @DisplayName("a day in pages of limit lines; nextOffset leads to the next page and is absent on the last")
    void pages() {
        JsonNode first = h.dispatch("chatlog.read", data("date", "2026-11-23", "limit", 4)).assertOk().data();
        assertThat(first.path("total").asInt()).isEqualTo(6);
        assertThat(first.path("lines")).extracting(l -> l.path("text").asText())
                .containsExactly("bericht 1", "bericht 2", "bericht 3", "bericht 4");
        assertThat(first.path("path").asText()).isEqualTo("chatlogs/2026-11-23.jsonl");
        JsonNode second = h.dispatch("chatlog.read", data("date", "2026-11-23", "limit", 4,
                "offset", first.path("nextOffset").asInt())).assertOk().data();
        assertThat(second.path("lines")).extracting(l -> l.path("line").asInt()).containsExactly(5, 6);
        assertThat(second.has("nextOffset")).isFalse();
    }

    @Test
    @DisplayName("one conversation only; a day without a chatlog is an empty page")
    void oneConversationAndEmptyDay() {
        JsonNode c2 = h.dispatch("chatlog.read", data("date", "2026-11-23", "conversationId", "c-2")).assertOk().data();
        assertThat(c2.path("lines")).extracting(l -> l.path("line").asInt()).containsExactly(6);
        JsonNode none = h.dispatch("chatlog.read", data("date", "2026-11-01")).assertOk().data();
        assertThat(none.path("total").asInt()).isZero();
        assertThat(none.path("lines")).isEmpty();
    }

    @Test
    @DisplayName("search ignores case and accents, newest first, and says where each line is for chatlog.read")
    void search() {
        JsonNode found = h.dispatch("chatlog.search", data("query", "BEGROTING", "to", "2026-11-23"))
                .assertOk().data();
        assertThat(found.path("matches")).extracting(m -> m.path("path").asText() + ":" + m.path("line").asInt())
                .containsExactly("chatlogs/2026-11-23.jsonl:6", "chatlogs/2026-11-20.jsonl:1");
        assertThat(found.path("truncated").asBoolean()).isFalse();
        // a match's date and conversation are what chatlog.read takes
        JsonNode match = found.path("matches").get(1);
        JsonNode context = h.dispatch("chatlog.read", data("date", match.path("date").asText(),
                "conversationId", match.path("conversationId").asText())).assertOk().data();
        assertThat(context.path("lines")).extracting(l -> l.path("text").asText()).containsExactly("De Begroting is af");
        JsonNode limited = h.dispatch("chatlog.search", data("query", "bericht", "to", "2026-11-23", "limit", 2))
                .assertOk().data();
        assertThat(limited.path("matches")).extracting(m -> m.path("text").asText())
                .containsExactly("bericht 5", "bericht 4");
        assertThat(limited.path("truncated").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a window that runs backwards or over a year is refused, naming the field")
    void window() {
        h.dispatch("chatlog.search", data("query", "x", "from", "2026-11-24", "to", "2026-11-23"))
                .assertRejected(ErrorCode.VALIDATION_FAILED);
        var tooLong = h.dispatch("chatlog.search", data("query", "x", "from", "2025-01-01", "to", "2026-11-23"))
                .assertRejected(ErrorCode.VALIDATION_FAILED);
        assertThat(tooLong.json().at("/error/details/0/path").asText()).isEqualTo("$.data.from");
    }
}
