package dev.avalon.tenants;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Label("API keys: every generated key is well formed and granted; any one changed character never is")
class KeyFormatProperties {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-.+/= ";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static Path folder;
    private static FileKeyRing ring;
    private static IssuedKey stored;

    @BeforeContainer
    static void aRingWithOneKey() throws IOException {
        folder = Files.createTempDirectory("avalon-keys-");
        ring = new FileKeyRing(folder.resolve("keys.json"), Clock.fixed(NOW, ZoneOffset.UTC));
        stored = ring.create("anna", Set.of("*"), NOW.plusSeconds(3_600), new ScopeCatalogue(Set.of()));
    }

    @AfterContainer
    static void removeTheRing() throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    @Property(tries = 300)
    @Label("generate, then check the format: well formed, the id is the first 8 random characters")
    void roundTrip(@ForAll("randomBytes") byte[] bytes) {
        String key = KeyFormat.generate(new FixedRandom(List.of(bytes)));
        assertThat(key).hasSize(KeyFormat.LENGTH);
        assertThat(KeyFormat.wellFormed(key)).isTrue();
        assertThat(KeyFormat.idOf(key)).contains(key.substring(4, 12));
    }

    @Property(tries = 500)
    @Label("a key with one character changed is MALFORMED (or at worst UNKNOWN), never granted")
    void oneCharacterChanged(@ForAll @IntRange(min = 0, max = 52) int position,
                             @ForAll("characters") char replacement) {
        String key = stored.key();
        if (key.charAt(position) == replacement) {
            return;
        }
        String typo = key.substring(0, position) + replacement + key.substring(position + 1);
        KeyCheck check = ring.check(typo);
        assertThat(check).isInstanceOf(KeyCheck.Refused.class);
        assertThat(((KeyCheck.Refused) check).reason()).isIn(KeyCheck.Reason.MALFORMED, KeyCheck.Reason.UNKNOWN);
        // CRC32 catches every single-character change, so no lookup is even needed
        assertThat(KeyFormat.wellFormed(typo)).isFalse();
        assertThat(ring.check(key)).isInstanceOf(KeyCheck.Granted.class);
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(KeyFormat.RANDOM_BYTES);
    }

    @Provide
    Arbitrary<Character> characters() {
        return Arbitraries.of(ALPHABET.chars().mapToObj(c -> (char) c).toList());
    }
}
