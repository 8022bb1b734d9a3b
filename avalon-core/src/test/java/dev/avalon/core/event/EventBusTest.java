package dev.avalon.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EventBusTest {

    private static DomainEvent event(String name, int n) {
        ObjectNode data = Json.object();
        data.put("n", n);
        return new DomainEvent(name, data, Instant.parse("2026-11-23T07:00:00Z"));
    }

    @Test
    @DisplayName("subscribers hear by descending priority, equal priorities in subscription order")
    void priorities() {
        EventBus bus = new EventBus();
        List<String> heard = new ArrayList<>();
        bus.subscribe(Subscription.of("low", "**", e -> heard.add("low")).withPriority(-1));
        bus.subscribe(Subscription.of("first", "**", e -> heard.add("first")));
        bus.subscribe(Subscription.of("high", "calendar.*", e -> heard.add("high")).withPriority(10));
        bus.subscribe(Subscription.of("second", "**", e -> heard.add("second")));
        bus.publish(event("calendar.created", 1));
        assertThat(heard).containsExactly("high", "first", "second", "low");
    }

    @Test
    @DisplayName("a failing subscriber is reported and stops no other")
    void failureIsolated() {
        EventBus bus = new EventBus();
        List<String> heard = new ArrayList<>();
        bus.subscribe(Subscription.of("broken", "**", e -> {
            throw new IllegalStateException("boom");
        }).withPriority(5));
        bus.subscribe(Subscription.of("fine", "**", e -> heard.add(e.name())));
        List<DeliveryFailure> failures = bus.publish(event("reminder.created", 1));
        assertThat(heard).containsExactly("reminder.created");
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.subscriber()).isEqualTo("broken");
            assertThat(f.problem()).contains("boom");
        });
    }

    @Test
    @DisplayName("filters look at the data; middleware may change or drop an event; events arrive in order")
    void filtersMiddlewareOrder() {
        EventBus bus = new EventBus();
        List<Integer> big = new ArrayList<>();
        bus.subscribe(Subscription.of("big", "finance.*", e -> big.add(e.data().get("n").asInt()))
                .withFilter(e -> e.data().path("n").asInt() >= 3));
        bus.use(e -> e.data().path("n").asInt() == 4 ? Optional.empty() : Optional.of(e));
        bus.use(e -> {
            ObjectNode d = (ObjectNode) e.data();
            d.put("n", d.get("n").asInt() * 10);
            return Optional.of(new DomainEvent(e.name(), d, e.at()));
        });
        for (int i = 1; i <= 6; i++) {
            bus.publish(event("finance.spent", i));
        }
        bus.publish(event("calendar.created", 9));
        assertThat(big).containsExactly(10, 20, 30, 50, 60);
    }

    @Test
    @DisplayName("an unsubscribed subscriber hears nothing more")
    void unsubscribe() {
        EventBus bus = new EventBus();
        List<String> heard = new ArrayList<>();
        Subscription s = bus.subscribe(Subscription.of("s", "**", e -> heard.add(e.name())));
        bus.publish(event("a.b", 1));
        assertThat(bus.unsubscribe(s)).isTrue();
        bus.publish(event("a.c", 1));
        assertThat(heard).containsExactly("a.b");
    }
}
