package dev.avalon.core.automation;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Webhook signatures: t=<unix>,v1=<HMAC-SHA256 of t.body>")
class WebhookSignatureTest {

    private static final byte[] SECRET = "whsec_test_secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEXT = "whsec_next_secret".getBytes(StandardCharsets.UTF_8);
    private static final Instant AT = Instant.ofEpochSecond(1_764_000_000L);
    private static final String BODY = "{\"event\":\"finance.spent\",\"pot\":\"boodschappen\"}";

    @Test
    @DisplayName("HMAC-SHA256 as RFC 4231 test case 2 gives it")
    void rfc4231() {
        byte[] mac = WebhookSignature.hmac("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?");
        assertThat(HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    @DisplayName("a fixed vector: the header for a known secret, time and body")
    void fixedVector() {
        String header = WebhookSignature.header(AT, BODY, List.of(SECRET));
        String expected = HexFormat.of().formatHex(WebhookSignature.hmac(SECRET, "1764000000." + BODY));
        assertThat(header).isEqualTo("t=1764000000,v1=" + expected);
        assertThat(expected).hasSize(64);
        assertThat(WebhookSignature.verify(header, BODY, List.of(SECRET), AT, WebhookSignature.TOLERANCE))
                .isEqualTo(WebhookSignature.Check.VALID);
    }

    @Test
    @DisplayName("during a rotation the header carries both signatures and either secret accepts it")
    void rotation() {
        String header = WebhookSignature.header(AT, BODY, List.of(SECRET, NEXT));
        assertThat(header.split(",")).hasSize(3);
        assertThat(WebhookSignature.verify(header, BODY, List.of(SECRET), AT, WebhookSignature.TOLERANCE))
                .isEqualTo(WebhookSignature.Check.VALID);
        assertThat(WebhookSignature.verify(header, BODY, List.of(NEXT), AT, WebhookSignature.TOLERANCE))
                .isEqualTo(WebhookSignature.Check.VALID);
        assertThat(WebhookSignature.verify(WebhookSignature.header(AT, BODY, List.of(SECRET)), BODY, List.of(NEXT), AT,
                WebhookSignature.TOLERANCE)).isEqualTo(WebhookSignature.Check.MISMATCH);
    }

    @Test
    @DisplayName("a stale timestamp is refused, in both directions, just past the tolerance")
    void stale() {
        String header = WebhookSignature.header(AT, BODY, List.of(SECRET));
        Duration five = WebhookSignature.TOLERANCE;
        assertThat(WebhookSignature.verify(header, BODY, List.of(SECRET), AT.plus(five), five))
                .isEqualTo(WebhookSignature.Check.VALID);
        assertThat(WebhookSignature.verify(header, BODY, List.of(SECRET), AT.plus(five).plusSeconds(1), five))
                .isEqualTo(WebhookSignature.Check.STALE);
        assertThat(WebhookSignature.verify(header, BODY, List.of(SECRET), AT.minus(five).minusSeconds(1), five))
                .isEqualTo(WebhookSignature.Check.STALE);
    }

    @Test
    @DisplayName("malformed headers are told apart from wrong signatures")
    void malformed() {
        for (String bad : new String[] {"", "v1=00", "t=1764000000", "t=abc,v1=00", "t=1,t=2,v1=00", "garbage",
                "t=1764000000,v1=zz"}) {
            assertThat(WebhookSignature.verify(bad, BODY, List.of(SECRET), AT, WebhookSignature.TOLERANCE))
                    .as(bad).isEqualTo(WebhookSignature.Check.MALFORMED);
        }
        String other = "t=1764000000,v1=" + "0".repeat(64);
        assertThat(WebhookSignature.verify(other, BODY, List.of(SECRET), AT, WebhookSignature.TOLERANCE))
                .isEqualTo(WebhookSignature.Check.MISMATCH);
    }

    @Property(tries = 200)
    @Label("any body verifies under its header, and any change of the body does not")
    void tamperedBodyRefused(@ForAll @StringLength(max = 200) String body, @ForAll @StringLength(min = 1, max = 5) String extra) {
        String header = WebhookSignature.header(AT, body, List.of(SECRET));
        assertThat(WebhookSignature.verify(header, body, List.of(SECRET), AT, WebhookSignature.TOLERANCE))
                .isEqualTo(WebhookSignature.Check.VALID);
        assertThat(WebhookSignature.verify(header, body + extra, List.of(SECRET), AT, WebhookSignature.TOLERANCE))
                .isEqualTo(WebhookSignature.Check.MISMATCH);
    }
}
