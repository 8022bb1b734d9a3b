package dev.avalon.testkit;

import dev.avalon.core.port.IdSource;

import java.util.HashMap;
import java.util.Map;

/** Ids {@code Q-0001}, {@code Q-0002}, … per prefix: readable and reproducible. Thread-safe. */
public final class SequentialIds implements IdSource {

    private final Map<String, Integer> counters = new HashMap<>();

    @Override
    public synchronized String next(String prefix) {
        int n = counters.merge(prefix, 1, Integer::sum);
        return String.format("%s-%04d", prefix, n);
    }
}
