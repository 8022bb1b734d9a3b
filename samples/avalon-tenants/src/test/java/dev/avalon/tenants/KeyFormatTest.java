package dev.avalon.tenants;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The API key format: avl_, 43 base62 characters of 32 random bytes, a 6-character CRC32 checksum")
class KeyFormatTest {

    @Test
    @DisplayName("a key is 53 characters of avl_ and base62, well formed, its id the first 8 random characters")
    void shape() {
        String key = KeyFormat.generate(new SecureRandom());
        assertThat(key).hasSize(53).startsWith("avl_").matches("avl_[0-9A-Za-z]{49}");
        assertThat(KeyFormat.wellFormed(key)).isTrue();
        assertThat(KeyFormat.idOf(key)).contains(key.substring(4, 12));
    }

    @Test
    @DisplayName("the random bytes decide the key: all-zero bytes are 43 zeros, all-ones the largest number")
    void encoding() {
        String zeros = KeyFormat.generate(new FixedRandom(List.of(FixedRandom.filled(0))));
        assertThat(zeros).startsWith("avl_" + "0".repeat(43));
        String ones = KeyFormat.generate(new FixedRandom(List.of(FixedRandom.filled(0xFF))));
        assertThat(ones.substring(4, 47)).matches("[0-9A-Za-z]{43}").doesNotStartWith("0");
        assertThat(KeyFormat.wellFormed(zeros)).isTrue();
        assertThat(KeyFormat.wellFormed(ones)).isTrue();
    }

    @Test
    @DisplayName("wrong prefix, length, alphabet or checksum is not well formed")
    void malformed() {
        String key = KeyFormat.generate(new SecureRandom());
        assertThat(KeyFormat.wellFormed(null)).isFalse();
        assertThat(KeyFormat.wellFormed("")).isFalse();
        assertThat(KeyFormat.wellFormed("AVL_" + key.substring(4))).isFalse();
        assertThat(KeyFormat.wellFormed(key.substring(0, 52))).isFalse();
        assertThat(KeyFormat.wellFormed(key + "0")).isFalse();
        assertThat(KeyFormat.wellFormed(key.substring(0, 10) + "-" + key.substring(11))).isFalse();
        assertThat(KeyFormat.wellFormed(" " + key.substring(1))).isFalse();
        assertThat(KeyFormat.wellFormed("Bearer " + key)).isFalse();
        String body = key.substring(0, 47);
        String otherChecksum = KeyFormat.withChecksum(body.substring(0, 46) + (body.charAt(46) == 'a' ? 'b' : 'a'))
                .substring(47);
        assertThat(KeyFormat.wellFormed(body + otherChecksum)).isFalse();
        assertThat(KeyFormat.idOf(key + "0")).isEmpty();
    }
}
