package dev.avalon.testkit.calendar;

import dev.avalon.core.calendar.CalendarFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.MailSender;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.invite.PlainInviteRenderer;
import dev.avalon.testkit.mail.RecordingMailSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Event templates")
class CalendarTemplatesTest {

    private final PlainInviteRenderer renderer = new PlainInviteRenderer();
    private final RecordingMailSender mail = new RecordingMailSender();
    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), clock, b -> b
            .port(InviteRenderer.class, renderer).port(MailSender.class, mail));

    private static final String BESTUUR = """
            {"name":"bestuur","title":"Bestuursvergadering","domain":"VSB","durationMinutes":90,
             "location":"Clubhuis","attendees":["secretaris@example.org"," penning@example.org"],
             "checklist":["agenda rondsturen","notulen vorige keer"]}""";
    private static final String TANDARTS = """
            {"name":"tandarts","title":"Tandarts","domain":"GEZONDHEID","durationMinutes":30,"mode":"AUTO_PLAN"}""";

    @AfterEach
    void close() {
        h.close();
    }

    private List<String> ranking() {
        List<String> names = new ArrayList<>();
        h.dispatch("calendar.templates").assertOk().data().path("templates")
                .forEach(t -> names.add(t.path("name").asText() + "=" + t.path("uses").asInt()));
        return names;
    }

    @Test
    @DisplayName("an event from a template takes its fields and duration, sends the invite, and counts the use")
    void createFromTemplate() {
        JsonNode saved = h.dispatch("calendar.template_save", BESTUUR).assertOk().data();
        assertThat(saved.path("created").asBoolean()).isTrue();
        assertThat(saved.path("template").path("attendees")).extracting(JsonNode::asText)
                .containsExactly("secretaris@example.org", "penning@example.org");

        JsonNode created = h.dispatch("calendar.create_from_template",
                "{\"template\":\"bestuur\",\"start\":\"2026-11-24T19:30\"}").assertOk().data();
        JsonNode event = created.path("event");
        assertThat(event.path("title").asText()).isEqualTo("Bestuursvergadering");
        assertThat(event.path("end").asText()).isEqualTo("2026-11-24T21:00:00+01:00");
        assertThat(event.path("location").asText()).isEqualTo("Clubhuis");
        assertThat(event.path("checklist")).hasSize(2)
                .allSatisfy(i -> assertThat(i.path("done").asBoolean()).isFalse());
        assertThat(created.path("uses").asInt()).isEqualTo(1);
        assertThat(created.path("invite").path("status").asText()).isEqualTo("SENT");
        InviteRequest sent = renderer.parse(mail.sent().get(0).mail().invite().icalendar());
        assertThat(sent.summary()).isEqualTo("Bestuursvergadering");
        assertThat(sent.attendees()).containsExactly("secretaris@example.org", "penning@example.org");
        assertThat(Duration.between(sent.start(), sent.end())).isEqualTo(Duration.ofMinutes(90));

        JsonNode overridden = h.dispatch("calendar.create_from_template", """
                {"template":"bestuur","start":"2026-12-01T19:30",
                 "overrides":{"location":"Online","durationMinutes":60,"attendees":["voorzitter@example.org"]}}""")
                .assertOk().data();
        assertThat(overridden.path("event").path("location").asText()).isEqualTo("Online");
        assertThat(overridden.path("event").path("end").asText()).isEqualTo("2026-12-01T20:30:00+01:00");
        assertThat(overridden.path("uses").asInt()).isEqualTo(2);
        assertThat(renderer.parse(mail.sent().get(1).mail().invite().icalendar()).attendees())
                .containsExactly("voorzitter@example.org");
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        assertThat(h.store().read(BrainPath.of("state/calendar/templates.json"))).isPresent();
    }

    @Test
    @DisplayName("templates are ranked by usage; saving again replaces the fields and keeps the count")
    void rankedByUsage() {
        h.dispatch("calendar.template_save", BESTUUR).assertOk();
        h.dispatch("calendar.template_save", TANDARTS).assertOk();
        h.dispatch("calendar.template_save", """
                {"name":"lunch","title":"Lunch","domain":"PRIVE","durationMinutes":45}""").assertOk();
        assertThat(ranking()).containsExactly("bestuur=0", "lunch=0", "tandarts=0");
        h.dispatch("calendar.create_from_template", "{\"template\":\"tandarts\",\"start\":\"2026-11-25T10:00\"}")
                .assertOk();
        h.dispatch("calendar.create_from_template", "{\"template\":\"tandarts\",\"start\":\"2026-11-26T10:00\"}")
                .assertOk();
        h.dispatch("calendar.create_from_template", "{\"template\":\"bestuur\",\"start\":\"2026-11-24T19:30\"}")
                .assertOk();
        clock.advance(Duration.ofMinutes(1));
        h.dispatch("calendar.create_from_template", "{\"template\":\"lunch\",\"start\":\"2026-11-24T12:00\"}")
                .assertOk();
        assertThat(ranking()).as("a tie goes to the latest use").containsExactly("tandarts=2", "lunch=1", "bestuur=1");

        JsonNode again = h.dispatch("calendar.template_save", TANDARTS.replace("30", "45")).assertOk().data();
        assertThat(again.path("created").asBoolean()).isFalse();
        assertThat(again.path("template").path("durationMinutes").asInt()).isEqualTo(45);
        assertThat(again.path("template").path("uses").asInt()).isEqualTo(2);
        assertThat(h.dispatch("calendar.templates", "{\"domain\":\"GEZONDHEID\"}").assertOk().data()
                .path("templates")).hasSize(1);
    }

    @Test
    @DisplayName("an AUTO_PLAN template meets the overlap check like a direct create; the refused use is not counted")
    void overlapCheck() {
        h.dispatch("calendar.template_save", TANDARTS).assertOk();
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-25T10:00","end":"2026-11-25T11:00","domain":"WERK"}""").assertOk();
        var before = h.snapshot();
        var refused = h.dispatch("calendar.create_from_template",
                "{\"template\":\"tandarts\",\"start\":\"2026-11-25T10:15\"}")
                .assertRejected(CalendarFeature.CALENDAR_CONFLICT).rejected();
        assertThat(refused.error().details()).extracting(Violation::problem)
                .anyMatch(p -> p.startsWith("overlaps EV-0001")).anyMatch(p -> p.startsWith("free: "));
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(ranking()).containsExactly("tandarts=0");
    }

    @Test
    @DisplayName("bad templates and bad uses name the field and change nothing")
    void badInput() {
        h.dispatch("calendar.template_save", BESTUUR).assertOk();
        var before = h.snapshot();
        assertThat(h.dispatch("calendar.template_save", """
                {"name":"x","title":" ","domain":"NERGENS","durationMinutes":30,
                 "attendees":["ok@example.org","geen-adres"],"checklist":["a"]}""")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).containsExactlyInAnyOrder("$.data.title", "$.data.domain",
                        "$.data.attendees[1]");
        // control characters in a name are refused with the schema, before the template rules run
        assertThat(h.dispatch("calendar.template_save", """
                {"name":"x","title":"t","domain":"VSB","durationMinutes":30,"checklist":["a\\u0000b"]}""")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).containsExactly("$.data.checklist[0]");
        h.dispatch("calendar.template_save", BESTUUR.replace("\"bestuur\"", "\"Bad Name\""))
                .assertRejected(ErrorCode.VALIDATION_FAILED);
        h.dispatch("calendar.template_save", BESTUUR.replace("90", "0")).assertRejected(ErrorCode.VALIDATION_FAILED);

        assertThat(h.dispatch("calendar.create_from_template", "{\"template\":\"nope\",\"start\":\"2026-11-24T19:30\"}")
                .assertRejected(ErrorCode.NOT_FOUND).rejected().error().details())
                .extracting(Violation::path).containsExactly("$.data.template");
        assertThat(h.dispatch("calendar.create_from_template", """
                {"template":"bestuur","start":"2026-11-24T19:30","zone":"Mars/Olympus",
                 "overrides":{"attendees":["geen-adres"],"title":"a b"}}""")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).containsExactlyInAnyOrder("$.data.zone", "$.data.overrides.attendees[0]");
        // a day that does not exist and a control character in a name are refused with the schema
        assertThat(h.dispatch("calendar.create_from_template", """
                {"template":"bestuur","start":"2026-02-30T19:30","overrides":{"title":"a\\u0007b"}}""")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).containsExactlyInAnyOrder("$.data.start", "$.data.overrides.title");
        assertThat(h.dispatch("calendar.create_from_template",
                        "{\"template\":\"bestuur\",\"start\":\"2026-11-24T19:30\",\"overrides\":{\"domain\":\"NERGENS\"}}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).containsExactly("$.data.overrides.domain");
        h.dispatch("calendar.templates", "{\"domain\":\"NERGENS\"}").assertRejected(ErrorCode.VALIDATION_FAILED);
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(mail.attempts()).isZero();
    }
}
