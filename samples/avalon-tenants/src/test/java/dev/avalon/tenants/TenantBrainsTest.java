package dev.avalon.tenants;

import dev.avalon.core.Avalon;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("TenantBrains.ifOpen by default: the work runs on the open tenants only")
class TenantBrainsTest {

    /** A fixed set of open brains, as a server's test might have. */
    private record Fixed(Map<String, Avalon> open) implements TenantBrains {
        @Override
        public <T> T with(String tenant, Function<Avalon, T> work) {
            Avalon avalon = open.get(tenant);
            if (avalon == null) {
                throw new TenantUnavailableException(tenant, new IllegalStateException("not in this test"));
            }
            return work.apply(avalon);
        }

        @Override
        public Set<String> openTenants() {
            return open.keySet();
        }

        @Override
        public void close() {
            open.values().forEach(Avalon::close);
        }
    }

    @Test
    @DisplayName("ifOpen runs on an open tenant and answers empty for another")
    void defaultIfOpen() {
        Avalon anna = Avalon.builder().brain(new InMemoryBrainStore()).clock(MutableClock.at("2026-12-01T10:00:00Z"))
                .alerts(alert -> { }).build();
        try (TenantBrains brains = new Fixed(Map.of("anna", anna))) {
            assertThat(brains.ifOpen("anna", avalon -> avalon == anna)).contains(true);
            assertThat(brains.ifOpen("bob", avalon -> true)).isEmpty();
        }
    }
}
