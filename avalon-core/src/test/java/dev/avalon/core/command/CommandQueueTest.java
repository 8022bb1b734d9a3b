package dev.avalon.core.command;

import dev.avalon.core.json.Json;
import dev.avalon.core.time.ManualClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The command queue leases commands and takes expired leases back, by the clock it is given")
class CommandQueueTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));

    Command pending(String id, String system) {
        return new Command(id, "key-" + id, system, "SEND", Json.object(), "ACTION: " + system + ".SEND", "api",
                CommandState.PENDING, 0, null, null, null, clock.instant(), clock.instant(), null);
    }

    CommandQueue queue() {
        return CommandQueue.of(List.of(pending("CMD-1", "N8N"), pending("CMD-2", "TELEGRAM"), pending("CMD-3", "N8N")));
    }

    @Test
    @DisplayName("a poll leases the system's pending commands, oldest first, up to max")
    void poll() {
        CommandQueue.Step step = queue().poll("N8N", 1, Duration.ofSeconds(60), clock.instant(), 5);
        assertThat(CommandQueue.leased(step.moves())).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("CMD-1");
            assertThat(c.state()).isEqualTo(CommandState.PROCESSING);
            assertThat(c.attempts()).isEqualTo(1);
            assertThat(c.leaseUntil()).isEqualTo(Instant.parse("2026-11-23T08:01:00Z"));
        });
        assertThat(step.queue().find("CMD-3").orElseThrow().state()).isEqualTo(CommandState.PENDING);
        assertThat(step.queue().find("CMD-2").orElseThrow().state()).isEqualTo(CommandState.PENDING);
    }

    @Test
    @DisplayName("a lease holds until its last instant; from then the command is PENDING again and the next poll gets it")
    void leaseExpiry() {
        CommandQueue q = queue().poll("N8N", 10, Duration.ofSeconds(300), clock.instant(), 5).queue();
        clock.advance(Duration.ofSeconds(299));
        assertThat(q.expire(clock.instant(), 5).moves()).isEmpty();
        assertThat(q.poll("N8N", 10, Duration.ofSeconds(300), clock.instant(), 5).moves()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        CommandQueue.Step expired = q.expire(clock.instant(), 5);
        assertThat(expired.moves()).extracting(CommandQueue.Move::kind)
                .containsExactly("command.lease_expired", "command.lease_expired");
        assertThat(expired.queue().find("CMD-1").orElseThrow()).satisfies(c -> {
            assertThat(c.state()).isEqualTo(CommandState.PENDING);
            assertThat(c.leaseUntil()).isNull();
            assertThat(c.attempts()).isEqualTo(1);
            assertThat(c.error()).contains("lease ran out");
        });
        CommandQueue.Step again = q.poll("N8N", 10, Duration.ofSeconds(300), clock.instant(), 5);
        assertThat(CommandQueue.leased(again.moves())).extracting(Command::attempts).containsExactly(2, 2);
    }

    @Test
    @DisplayName("after maxAttempts deliveries an expired lease fails the command for good")
    void attemptsRunOut() {
        CommandQueue q = CommandQueue.of(List.of(pending("CMD-1", "N8N")));
        for (int i = 1; i <= 3; i++) {
            q = q.poll("N8N", 1, Duration.ofSeconds(10), clock.instant(), 3).queue();
            assertThat(q.find("CMD-1").orElseThrow().state()).isEqualTo(CommandState.PROCESSING);
            clock.advance(Duration.ofSeconds(10));
        }
        CommandQueue.Step last = q.expire(clock.instant(), 3);
        assertThat(last.moves()).extracting(CommandQueue.Move::kind)
                .containsExactly("command.lease_expired", "command.failed");
        assertThat(last.queue().find("CMD-1").orElseThrow().state()).isEqualTo(CommandState.FAILED);
        assertThat(last.queue().poll("N8N", 1, Duration.ofSeconds(10), clock.instant(), 3).moves()).isEmpty();
    }

    @Test
    @DisplayName("the states move only along the table; finished is final")
    void table() {
        assertThat(CommandState.PENDING.canMoveTo(CommandState.COMPLETED)).isFalse();
        assertThat(CommandState.COMPLETED.canMoveTo(CommandState.PENDING)).isFalse();
        assertThatThrownBy(() -> pending("CMD-9", "N8N").moved(CommandState.COMPLETED, null, 0, null, null,
                clock.instant())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("the queue survives its file: toJson then fromJson is the same queue")
    void file() {
        CommandQueue q = queue().poll("N8N", 1, Duration.ofSeconds(60), clock.instant(), 5).queue();
        assertThat(CommandQueue.fromJson(q.toJson()).all()).isEqualTo(q.all());
    }
}
