package dev.avalon.http;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The meta headers")
class MetaHeadersTest {

    static MetaHeaders of(Map<String, String> headers) {
        return MetaHeaders.from(headers::get);
    }

    @Test
    @DisplayName("take the trace-id of a W3C traceparent, before X-Request-Id")
    void traceparent() {
        assertThat(of(Map.of("traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                "X-Request-Id", "r-1")).traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    @DisplayName("ignore a traceparent that is malformed or all zeros, falling back to X-Request-Id")
    void badTraceparent() {
        assertThat(of(Map.of("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "X-Request-Id", "r-2")).traceId()).isEqualTo("r-2");
        assertThat(of(Map.of("traceparent", "garbage")).traceId()).isNull();
    }

    @Test
    @DisplayName("ignore an X-Request-Id Avalon would not take as a trace id")
    void badRequestId() {
        assertThat(of(Map.of("X-Request-Id", "has spaces and ünicode")).traceId()).isNull();
        assertThat(of(Map.of("X-Request-Id", "x".repeat(129))).traceId()).isNull();
    }

    @Test
    @DisplayName("read Idempotency-Key as sent and Avalon-Confirm: true as confirm")
    void keyAndConfirm() {
        MetaHeaders h = of(Map.of("Idempotency-Key", "k-1", "Avalon-Confirm", "TRUE"));
        assertThat(h.idempotencyKey()).isEqualTo("k-1");
        assertThat(h.confirm()).isTrue();
        assertThat(of(Map.of()).confirm()).isFalse();
    }

    @Test
    @DisplayName("Retry-After is whole seconds rounded up, never 0")
    void seconds() {
        assertThat(ApiRoutes.seconds(1)).isEqualTo(1);
        assertThat(ApiRoutes.seconds(1000)).isEqualTo(1);
        assertThat(ApiRoutes.seconds(1001)).isEqualTo(2);
        assertThat(ApiRoutes.seconds(0)).isEqualTo(1);
    }
}
