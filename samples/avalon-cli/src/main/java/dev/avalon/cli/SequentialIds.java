package dev.avalon.cli;

import dev.avalon.core.port.IdSource;

import java.util.HashMap;
import java.util.Map;

/**
 * Ids {@code Q-0001}, {@code Q-0002}, … counted per prefix. The demo uses them because a newcomer
 * reads "Q-0001" more easily than a UUID; they are unique only within one process, so hosts that
 * reopen a brain keep Avalon's default ids.
 */
final class SequentialIds implements IdSource {

    private final Map<String, Integer> counters = new HashMap<>();

    @Override
    public synchronized String next(String prefix) {
        return String.format("%s-%04d", prefix, counters.merge(prefix, 1, Integer::sum));
    }
}
