package dev.avalon.core.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One immutable value per distinct JSON content, shared by everyone who asks for the same content
 * while anyone still holds it. Every {@code Avalon} instance builds the same catalogue (the same
 * schemas, results and examples); kept once per content rather than once per instance, a host can
 * hold thousands of brains open.
 *
 * <p>The key is the tree's exact text, field order and number spelling included, so two contents
 * share a value only when nothing could tell them apart: a host's own action with a different schema
 * under a taken name gets its own value. Values are held weakly: content no open instance uses any
 * more is forgotten, so a host that builds schemas on the fly does not grow this without bound.
 * Thread-safe; the values must be immutable (or never changed by anyone who receives them).
 *
 * @param <V> the value built from the content
 */
public final class SharedByContent<V> {

    private final ConcurrentHashMap<String, Entry<V>> values = new ConcurrentHashMap<>();
    private final ReferenceQueue<V> released = new ReferenceQueue<>();
    private final Function<JsonNode, V> build;

    /** @param build makes the value from a private copy of the content, which it may keep */
    public SharedByContent(Function<JsonNode, V> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    /** A shared tree: equal content, one instance; its holders must never change it. */
    public static SharedByContent<JsonNode> trees() {
        return new SharedByContent<>(Function.identity());
    }

    /** The value for {@code content}'s content: the one already shared, or one built now from a copy. */
    public V get(JsonNode content) {
        Objects.requireNonNull(content, "content");
        forgetReleased();
        String key = content.toString();
        Object[] found = new Object[1];
        values.compute(key, (k, entry) -> {
            V value = entry == null ? null : entry.get();
            if (value == null) {
                value = build.apply(content.deepCopy());
                entry = new Entry<>(k, value, released);
            }
            found[0] = value;
            return entry;
        });
        @SuppressWarnings("unchecked")
        V value = (V) found[0];
        return value;
    }

    /** How many contents are shared now (for tests and measurements). */
    public int size() {
        forgetReleased();
        return values.size();
    }

    private void forgetReleased() {
        for (Reference<? extends V> gone = released.poll(); gone != null; gone = released.poll()) {
            Entry<?> entry = (Entry<?>) gone;
            values.remove(entry.key, entry);
        }
    }

    private static final class Entry<V> extends WeakReference<V> {
        private final String key;

        private Entry(String key, V value, ReferenceQueue<V> queue) {
            super(value, queue);
            this.key = key;
        }
    }
}
