package dev.avalon.tenants;

import dev.avalon.core.Avalon;
import dev.avalon.core.action.Caller;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("FileKeyRing: keys stored hashed in keys.json, checked, expired, rotated and revoked")
class FileKeyRingTest {

    private static ScopeCatalogue catalogue;

    @TempDir
    Path tmp;

    private MutableClock clock;
    private Path file;
    private FileKeyRing ring;

    /** The scopes of Avalon's real catalogue. */
    @BeforeAll
    static void theCatalogue() {
        try (Avalon avalon = Avalon.builder().brain(new InMemoryBrainStore()).clock(MutableClock.at("2026-12-01T10:00:00Z"))
                .alerts(alert -> { }).build()) {
            catalogue = ScopeCatalogue.of(avalon.catalog());
        }
    }

    @BeforeEach
    void aRing() {
        clock = MutableClock.at("2026-12-01T10:00:00Z");
        file = tmp.resolve("config").resolve("avalon").resolve("keys.json");
        ring = new FileKeyRing(file, clock);
    }

    private Instant in(Duration duration) {
        return clock.instant().plus(duration);
    }

    private KeyCheck.Reason refusal(KeyCheck check) {
        assertThat(check).isInstanceOf(KeyCheck.Refused.class);
        return ((KeyCheck.Refused) check).reason();
    }

    @Test
    @DisplayName("a created key is granted with its tenant, scopes and expiry; the caller carries the scopes")
    void createAndCheck() {
        IssuedKey issued = ring.create("anna", Set.of("calendar:read", "finance:*"), in(Duration.ofDays(90)), catalogue);

        KeyCheck check = ring.check(issued.key());
        assertThat(check).isInstanceOf(KeyCheck.Granted.class);
        KeyGrant grant = ((KeyCheck.Granted) check).grant();
        assertThat(grant.keyId()).isEqualTo(issued.record().id()).isEqualTo(issued.key().substring(4, 12));
        assertThat(grant.tenant()).isEqualTo("anna");
        assertThat(grant.scopes()).containsExactlyInAnyOrder("calendar:read", "finance:*");
        assertThat(grant.expiresAt()).isEqualTo(Instant.parse("2027-03-01T10:00:00Z"));
        Caller caller = grant.caller();
        assertThat(caller.may("calendar:read")).isTrue();
        assertThat(caller.may("finance:write")).isTrue();
        assertThat(caller.may("calendar:write")).isFalse();
        assertThat(issued.toString()).doesNotContain(issued.key());
    }

    @Test
    @DisplayName("keys.json holds the id and SHA-256, never the key; owner-only; a new ring reads the same keys")
    void storeRoundTrip() throws Exception {
        IssuedKey issued = ring.create("anna", Set.of("calendar:read"), in(Duration.ofDays(30)), catalogue);

        String json = Files.readString(file);
        assertThat(json).doesNotContain(issued.key()).doesNotContain(issued.key().substring(12, 47))
                .contains(issued.record().id()).contains(issued.record().sha256());
        assertThat(issued.record().sha256()).matches("[0-9a-f]{64}");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    file.resolveSibling("keys.json.lock")))).isEqualTo("rw-------");
        }
        try (var siblings = Files.list(file.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        FileKeyRing again = new FileKeyRing(file, clock);
        assertThat(again.list()).containsExactly(issued.record());
        assertThat(again.check(issued.key())).isInstanceOf(KeyCheck.Granted.class);
    }

    @Test
    @DisplayName("no key is MISSING, a non-key MALFORMED, a well-formed stranger UNKNOWN")
    void refusals() {
        ring.create("anna", Set.of("*"), in(Duration.ofDays(1)), catalogue);
        assertThat(refusal(ring.check(null))).isEqualTo(KeyCheck.Reason.MISSING);
        assertThat(refusal(ring.check(""))).isEqualTo(KeyCheck.Reason.MISSING);
        assertThat(refusal(ring.check("development-key-change-in-production"))).isEqualTo(KeyCheck.Reason.MALFORMED);
        assertThat(refusal(ring.check(KeyFormat.generate(new java.security.SecureRandom()))))
                .isEqualTo(KeyCheck.Reason.UNKNOWN);
        assertThat(((KeyCheck.Refused) ring.check("nonsense")).keyId()).isNull();
    }

    @Test
    @DisplayName("a key with a stored id but another secret is UNKNOWN (SHA-256 compared), its id not confirmed")
    void wrongSecretSameId() {
        IssuedKey issued = ring.create("anna", Set.of("*"), in(Duration.ofDays(1)), catalogue);
        String key = issued.key();
        char last = key.charAt(46);
        String forged = KeyFormat.withChecksum(key.substring(0, 46) + (last == 'x' ? 'y' : 'x'));
        assertThat(KeyFormat.idOf(forged)).contains(issued.record().id());

        KeyCheck check = ring.check(forged);
        assertThat(refusal(check)).isEqualTo(KeyCheck.Reason.UNKNOWN);
        assertThat(((KeyCheck.Refused) check).keyId()).isNull();
    }

    @Test
    @DisplayName("a key works until its expiry by the clock, then is EXPIRED")
    void expiry() {
        IssuedKey issued = ring.create("anna", Set.of("*"), in(Duration.ofHours(2)), catalogue);
        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(ring.check(issued.key())).isInstanceOf(KeyCheck.Granted.class);
        assertThat(ring.list().get(0).state(clock.instant())).isEqualTo(KeyState.ACTIVE);
        clock.advance(Duration.ofSeconds(1));
        KeyCheck check = ring.check(issued.key());
        assertThat(refusal(check)).isEqualTo(KeyCheck.Reason.EXPIRED);
        assertThat(((KeyCheck.Refused) check).keyId()).isEqualTo(issued.record().id());
        assertThat(ring.list().get(0).state(clock.instant())).isEqualTo(KeyState.EXPIRED);
    }

    @Test
    @DisplayName("a revoked key is REVOKED at once; revoking again changes nothing; an unknown id is an error")
    void revoke() {
        IssuedKey issued = ring.create("anna", Set.of("*"), in(Duration.ofDays(1)), catalogue);
        KeyRecord revoked = ring.revoke(issued.record().id());
        assertThat(revoked.revokedAt()).isEqualTo(clock.instant());
        assertThat(refusal(ring.check(issued.key()))).isEqualTo(KeyCheck.Reason.REVOKED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(ring.revoke(issued.record().id()).revokedAt()).isEqualTo(revoked.revokedAt());
        assertThat(ring.list().get(0).state(clock.instant())).isEqualTo(KeyState.REVOKED);
        assertThatThrownBy(() -> ring.revoke("nosuchid")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nosuchid");
    }

    @Test
    @DisplayName("rotation: a new key for the same tenant and scopes; the old one works through the overlap, then EXPIRED")
    void rotation() {
        IssuedKey old = ring.create("anna", Set.of("calendar:read"), in(Duration.ofDays(90)), catalogue);
        clock.advance(Duration.ofDays(10));

        IssuedKey fresh = ring.rotate(old.record().id(), Duration.ofHours(24));

        assertThat(fresh.key()).isNotEqualTo(old.key());
        assertThat(fresh.record().tenant()).isEqualTo("anna");
        assertThat(fresh.record().scopes()).containsExactly("calendar:read");
        assertThat(fresh.record().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        KeyRecord rotated = ring.list().get(0);
        assertThat(rotated.replacedBy()).isEqualTo(fresh.record().id());
        assertThat(rotated.overlapUntil()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(rotated.state(clock.instant())).isEqualTo(KeyState.ROTATING);

        KeyCheck during = ring.check(old.key());
        assertThat(during).isInstanceOf(KeyCheck.Granted.class);
        assertThat(((KeyCheck.Granted) during).grant().expiresAt()).isEqualTo(rotated.overlapUntil());
        assertThat(ring.check(fresh.key())).isInstanceOf(KeyCheck.Granted.class);

        clock.advance(Duration.ofHours(24));
        assertThat(refusal(ring.check(old.key()))).isEqualTo(KeyCheck.Reason.EXPIRED);
        assertThat(ring.check(fresh.key())).isInstanceOf(KeyCheck.Granted.class);
        assertThat(ring.list()).extracting(k -> k.state(clock.instant()))
                .containsExactly(KeyState.EXPIRED, KeyState.ACTIVE);

        assertThatThrownBy(() -> ring.rotate(old.record().id(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EXPIRED");
    }

    @Test
    @DisplayName("a rotated key cannot be rotated again, a revoked one not at all; the overlap ends at the latest at the expiry")
    void rotationLimits() {
        IssuedKey a = ring.create("anna", Set.of("*"), in(Duration.ofHours(1)), catalogue);
        ring.rotate(a.record().id(), Duration.ofDays(7));
        assertThat(ring.list().get(0).overlapUntil()).isEqualTo(in(Duration.ofHours(1)));
        assertThatThrownBy(() -> ring.rotate(a.record().id(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ROTATING");

        IssuedKey b = ring.create("bob", Set.of("*"), in(Duration.ofDays(1)), catalogue);
        ring.revoke(b.record().id());
        assertThatThrownBy(() -> ring.rotate(b.record().id(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REVOKED");
        assertThatThrownBy(() -> ring.rotate(b.record().id(), Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a running ring sees keys created and revoked through another ring on the same file, without restart")
    void fileChangedOnDiskIsReadAgain() {
        FileKeyRing server = new FileKeyRing(file, clock);
        FileKeyRing command = new FileKeyRing(file, clock);
        IssuedKey first = command.create("anna", Set.of("*"), in(Duration.ofDays(1)), catalogue);
        assertThat(server.check(first.key())).isInstanceOf(KeyCheck.Granted.class);

        IssuedKey second = command.create("bob", Set.of("*"), in(Duration.ofDays(1)), catalogue);
        assertThat(server.check(second.key())).isInstanceOf(KeyCheck.Granted.class);

        command.revoke(first.record().id());
        assertThat(refusal(server.check(first.key()))).isEqualTo(KeyCheck.Reason.REVOKED);
        assertThat(server.check(second.key())).isInstanceOf(KeyCheck.Granted.class);
    }

    @Test
    @DisplayName("a key file edited in place (a key removed by hand) is read again too")
    void editedInPlace() throws Exception {
        IssuedKey issued = ring.create("anna", Set.of("*"), in(Duration.ofDays(1)), catalogue);
        assertThat(ring.check(issued.key())).isInstanceOf(KeyCheck.Granted.class);

        Files.writeString(file, "{\"version\":1,\"keys\":[]}");
        assertThat(refusal(ring.check(issued.key()))).isEqualTo(KeyCheck.Reason.UNKNOWN);
    }

    @Test
    @DisplayName("an unreadable key file fails loudly instead of letting keys through or locking everyone out quietly")
    void corruptFile() throws Exception {
        IssuedKey issued = ring.create("anna", Set.of("*"), in(Duration.ofDays(1)), catalogue);
        Files.writeString(file, "{\"version\":1,\"keys\":[{\"id\":\"x\"}]");
        assertThatThrownBy(() -> ring.check(issued.key())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageNotContaining(issued.key());
    }

    @Test
    @DisplayName("scopes are validated against the catalogue: an unknown one is refused with the known listed")
    void scopes() {
        assertThat(catalogue.known()).contains("*", "calendar:read", "calendar:*", "finance:*", "system:read");
        assertThatThrownBy(() -> ring.create("anna", List.of("calendar:read", "calender:read", "admin"),
                in(Duration.ofDays(1)), catalogue))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calender:read").hasMessageContaining("admin")
                .hasMessageContaining("known scopes: *, ").hasMessageContaining("calendar:read");
        assertThatThrownBy(() -> ring.create("anna", List.of(), in(Duration.ofDays(1)), catalogue))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one scope");
        assertThat(ring.list()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    @DisplayName("tenant ids are folder names: ../x, A, empty, a/b, a leading dash and 64 characters are refused")
    void tenantIds() {
        for (String bad : List.of("../x", "A", "", "a/b", "-a", "a.b", "anna ", "x".repeat(64))) {
            assertThatThrownBy(() -> ring.create(bad, Set.of("*"), in(Duration.ofDays(1)), catalogue))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
        }
        for (String good : List.of("a", "anna-2", "0", "x".repeat(63))) {
            assertThat(ring.create(good, Set.of("*"), in(Duration.ofDays(1)), catalogue).record().tenant())
                    .isEqualTo(good);
        }
    }

    @Test
    @DisplayName("stored times are whole seconds")
    void wholeSeconds() {
        clock.advance(Duration.ofMillis(1_500));
        IssuedKey issued = ring.create("anna", Set.of("*"), in(Duration.ofDays(1)), catalogue);
        assertThat(issued.record().createdAt()).isEqualTo(Instant.parse("2026-12-01T10:00:01Z"));
        clock.advance(Duration.ofMillis(700));
        assertThat(ring.revoke(issued.record().id()).revokedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:02Z"));
    }

    @Test
    @DisplayName("an expiry that is not in the future is refused")
    void pastExpiry() {
        assertThatThrownBy(() -> ring.create("anna", Set.of("*"), clock.instant(), catalogue))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the future");
    }

    @Test
    @DisplayName("keys come from the injected random source")
    void injectedRandom() {
        FileKeyRing seeded = new FileKeyRing(tmp.resolve("other.json"), clock,
                new FixedRandom(List.of(FixedRandom.filled(0), FixedRandom.filled(1))));
        IssuedKey zeros = seeded.create("anna", Set.of("*"), in(Duration.ofDays(1)), catalogue);
        assertThat(zeros.key()).startsWith("avl_" + "0".repeat(43));
        assertThat(zeros.record().id()).isEqualTo("00000000");
    }
}
