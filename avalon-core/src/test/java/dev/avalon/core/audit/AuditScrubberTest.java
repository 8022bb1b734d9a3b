package dev.avalon.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The audit scrubber")
class AuditScrubberTest {

    @ParameterizedTest(name = "masks the e-mail address in \"{0}\"")
    @ValueSource(strings = {"mail jan.jansen@example.nl now", "Jan <j.de-vries+avalon@mail.example.co.uk>",
            "contact:info@bedrijf.nl."})
    void masksEmail(String text) {
        String scrubbed = AuditScrubber.scrub(text);

        assertThat(scrubbed).contains(AuditScrubber.EMAIL).doesNotContain("@");
    }

    @ParameterizedTest(name = "masks the phone number in \"{0}\"")
    @ValueSource(strings = {"bel +31 6 12345678 vandaag", "bel 06-12345678 vandaag", "bel 0612345678 vandaag",
            "bel +31612345678 vandaag", "bel 0031 6 1234 5678 vandaag", "bel +31 (0)6 12 34 56 78 vandaag",
            "bel 020-1234567 vandaag", "bel 020 123 4567 vandaag", "bel +49 30 1234567 vandaag"})
    void masksPhone(String text) {
        assertThat(AuditScrubber.scrub(text)).isEqualTo("bel " + AuditScrubber.PHONE + " vandaag");
    }

    @ParameterizedTest(name = "masks the IBAN in \"{0}\"")
    @ValueSource(strings = {"naar NL91ABNA0417164300 overmaken", "naar NL91 ABNA 0417 1643 00 overmaken",
            "naar nl91abna0417164300 overmaken", "naar DE89 3704 0044 0532 0130 00 overmaken",
            "naar BE68 5390 0754 7034 overmaken"})
    void masksIban(String text) {
        assertThat(AuditScrubber.scrub(text)).isEqualTo("naar " + AuditScrubber.IBAN + " overmaken");
    }

    @ParameterizedTest(name = "leaves \"{0}\" alone")
    @ValueSource(strings = {"Weekly review done, stress 3/5", "paid 1234.56 EUR into pot 12345678",
            "2026-03-01T09:00:00Z", "version 1.12.0 → 2.0.0", "ticket AB12 CDEF GHIJ KL", "order 123456789012",
            "score 0.612345678", "room 4.012, call at 10:30", "e-mail is not an address", "@handle and a@b"})
    void leavesOrdinaryText(String text) {
        assertThat(AuditScrubber.scrub(text)).isEqualTo(text);
    }

    @Test
    @DisplayName("scrubs every string value at any depth, leaves keys, numbers and booleans, and returns a new tree")
    void scrubsTree() throws Exception {
        JsonNode data = Json.parse("""
                {"email": "jan@example.nl",
                 "06-12345678": 31612345678,
                 "contact": {"phones": ["+31 6 12345678", "06-87654321"], "iban": "NL91ABNA0417164300",
                             "ok": true, "amount": 12.50, "none": null},
                 "note": "Jan (jan@example.nl, 06-12345678) betaalt via NL91 ABNA 0417 1643 00"}
                """);
        String before = CanonicalJson.string(data);

        JsonNode scrubbed = AuditScrubber.scrub(data);

        assertThat(CanonicalJson.string(data)).as("the input is untouched").isEqualTo(before);
        assertThat(scrubbed.get("email").textValue()).isEqualTo("[email]");
        assertThat(scrubbed.get("06-12345678").longValue()).as("keys and numbers are kept").isEqualTo(31612345678L);
        assertThat(scrubbed.at("/contact/phones/0").textValue()).isEqualTo("[phone]");
        assertThat(scrubbed.at("/contact/phones/1").textValue()).isEqualTo("[phone]");
        assertThat(scrubbed.at("/contact/iban").textValue()).isEqualTo("[iban]");
        assertThat(scrubbed.at("/contact/ok").booleanValue()).isTrue();
        assertThat(scrubbed.at("/contact/amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(scrubbed.at("/contact/none").isNull()).isTrue();
        assertThat(scrubbed.get("note").textValue()).isEqualTo("Jan ([email], [phone]) betaalt via [iban]");
    }

    @Test
    @DisplayName("is idempotent: scrubbing twice changes nothing more")
    void idempotent() {
        ObjectNode data = Json.object().put("t", "jan@example.nl 06-12345678 NL91ABNA0417164300 plain");

        JsonNode once = AuditScrubber.scrub(data);

        assertThat(AuditScrubber.scrub(once)).isEqualTo(once);
    }
}
