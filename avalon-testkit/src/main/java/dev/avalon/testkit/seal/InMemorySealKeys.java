package dev.avalon.testkit.seal;

import dev.avalon.core.port.SealKeys;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seal keys held in memory, for tests: one key for every brain, or a key per brain id. A host's own
 * implementation keeps its key outside every brain (the CLI in a file of the user's config folder).
 *
 * <pre>{@code
 * Avalon.builder().sealKeys(InMemorySealKeys.of("a test key of thirty-two bytes.."))
 * }</pre>
 */
public final class InMemorySealKeys implements SealKeys {

    private final byte[] forAll;
    private final Map<String, byte[]> byBrain = new ConcurrentHashMap<>();

    private InMemorySealKeys(byte[] forAll) {
        this.forAll = forAll == null ? null : forAll.clone();
    }

    /** The same key for every brain. */
    public static InMemorySealKeys of(String key) {
        return new InMemorySealKeys(key.getBytes(StandardCharsets.UTF_8));
    }

    /** No key until {@link #put} gives one for a brain. */
    public static InMemorySealKeys perBrain() {
        return new InMemorySealKeys(null);
    }

    /** Gives {@code brainId} its own key. */
    public InMemorySealKeys put(String brainId, String key) {
        byBrain.put(brainId, key.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public Optional<byte[]> keyFor(String brainId) {
        byte[] key = byBrain.get(brainId);
        if (key == null) {
            key = forAll;
        }
        return Optional.ofNullable(key).map(byte[]::clone);
    }
}
