package dev.avalon.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The whitelist of behaviour.avl decides which lines become commands")
class WhitelistTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    static Whitelist whitelist() throws Exception {
        JsonNode behaviour = Json.parse("""
                {"commands": {"maxAttempts": 3, "systems": {
                  "N8N": {"actions": {"SEND_EMAIL": {"params": {"to": "email", "subject": "string", "count": "int",
                     "amount": "decimal", "urgent": "bool", "day": "date", "at": "datetime", "link": "url"},
                     "required": ["to"]}}},
                  "TELEGRAM": {"actions": {"NOTIFY": {"params": {"text": "string"}}}}},
                  "followUps": [{"when": "N8N.SEND_EMAIL", "status": "COMPLETED", "create": "TELEGRAM.NOTIFY text={{result.id}}"}]}}
                """);
        return Whitelist.of(behaviour);
    }

    Whitelist.Check check(String line) throws Exception {
        return whitelist().check(CommandLine.parse(line), ZONE);
    }

    @Test
    @DisplayName("each type is read into the value kept: numbers, exact decimals, booleans, a date-time with the user's offset")
    void types() throws Exception {
        Whitelist.Check c = check("ACTION: N8N.SEND_EMAIL to=jan@example.org count=3 amount=12.50 urgent=true"
                + " day=2026-11-24 at=2026-11-24T10:00 link=https://n8n.example.org/hook");
        assertThat(c.problems()).isEmpty();
        JsonNode p = c.accepted().orElseThrow().params();
        assertThat(p.get("count").isIntegralNumber()).isTrue();
        assertThat(p.get("amount").asText()).isEqualTo("12.50");
        assertThat(p.get("urgent").booleanValue()).isTrue();
        assertThat(p.get("at").asText()).isEqualTo("2026-11-24T10:00:00+01:00");
    }

    @Test
    @DisplayName("the action alone finds its one system")
    void actionAlone() throws Exception {
        assertThat(check("ACTION: NOTIFY text=hoi").accepted().orElseThrow().system()).isEqualTo("TELEGRAM");
    }

    @Test
    @DisplayName("an unknown system, action or parameter, a wrong type or a missing required one is refused, naming what is allowed")
    void refusals() throws Exception {
        assertThat(check("ACTION: SLACK.POST text=x").problems()).singleElement().asString()
                .contains("system SLACK is not whitelisted").contains("N8N, TELEGRAM");
        assertThat(check("ACTION: N8N.DELETE_ALL").problems()).singleElement().asString()
                .contains("action DELETE_ALL is not whitelisted for N8N").contains("SEND_EMAIL");
        assertThat(check("ACTION: N8N.SEND_EMAIL to=x cc=y count=drie at=2026-03-29T02:30").problems())
                .anySatisfy(p -> assertThat(p).contains("to (email) is not an e-mail address"))
                .anySatisfy(p -> assertThat(p).contains("cc is not whitelisted").contains("to: email (required)"))
                .anySatisfy(p -> assertThat(p).contains("count (int) is not a whole number"))
                .anySatisfy(p -> assertThat(p).contains("at (datetime)"))
                .hasSize(4);
        assertThat(check("ACTION: N8N.SEND_EMAIL subject=x").problems()).singleElement().asString()
                .contains("to is required");
        assertThat(Whitelist.of(Json.object()).check(CommandLine.parse("ACTION: A.B"), ZONE).problems())
                .singleElement().asString().contains("whitelists no command");
    }

    @Test
    @DisplayName("follow-ups are found by the finished command's target and state")
    void followUps() throws Exception {
        assertThat(whitelist().followUps("N8N", "SEND_EMAIL", CommandState.COMPLETED)).hasSize(1);
        assertThat(whitelist().followUps("N8N", "SEND_EMAIL", CommandState.FAILED)).isEmpty();
        assertThat(whitelist().maxAttempts()).isEqualTo(3);
    }
}
