package dev.avalon.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventCatalogTest {

    private static final Instant AT = Instant.parse("2026-11-23T07:00:00Z");

    private static List<String> names(String auditType, ObjectNode data) {
        return EventCatalog.of(new AuditRecord(auditType, "owner", "T-1", data), Json.object(), AT).stream()
                .map(DomainEvent::name).toList();
    }

    @Test
    @DisplayName("the governance state change into and out of STATE_DR is dr.entered and dr.left")
    void drEnteredAndLeft() {
        ObjectNode in = Json.object();
        in.put("from", "STATE_NORMAL");
        in.put("to", "STATE_DR");
        ObjectNode out = Json.object();
        out.put("from", "STATE_DR");
        out.put("to", "STATE_NORMAL");
        assertThat(names("governance.state_changed", in)).containsExactly("governance.state_changed", "dr.entered");
        assertThat(names("governance.state_changed", out)).containsExactly("governance.state_changed", "dr.left");
    }

    @Test
    @DisplayName("minutes with action points publish minutes.action_points too; unknown audit types publish nothing")
    void minutesAndUnknown() {
        ObjectNode with = Json.object();
        with.put("actionPoints", 2);
        assertThat(names("notulen.saved", with)).containsExactly("minutes.saved", "minutes.action_points");
        assertThat(names("notulen.saved", Json.object())).containsExactly("minutes.saved");
        assertThat(names("brain.sealed", Json.object())).isEmpty();
    }

    @Test
    @DisplayName("the data is the unit's result overlaid with the record's data and actor; alerts become alert.raised")
    void dataAndAlerts() {
        ObjectNode result = Json.object();
        result.putObject("reminder").put("title", "Offerte");
        ObjectNode audit = Json.object();
        audit.put("reminderId", "R-1");
        DomainEvent e = EventCatalog.of(new AuditRecord("reminder.created", "owner", "T-1", audit), result, AT).get(0);
        assertThat(e.data().path("reminder").path("title").asText()).isEqualTo("Offerte");
        assertThat(e.data().path("reminderId").asText()).isEqualTo("R-1");
        assertThat(e.data().path("actor").asText()).isEqualTo("owner");
        DomainEvent alert = EventCatalog.of(new Alert(AlertLevel.IMPORTANT, "X", "m", AT, Map.of("k", "v")));
        assertThat(alert.name()).isEqualTo("alert.raised");
        assertThat(alert.data().path("details").path("k").asText()).isEqualTo("v");
    }

    @Test
    @DisplayName("every catalogued name is unique and a valid event name")
    void uniqueNames() {
        List<String> all = EventCatalog.all().stream().map(EventType::name).toList();
        assertThat(all).doesNotHaveDuplicates().allMatch(EventPattern::isName);
    }
}
