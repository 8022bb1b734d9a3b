package dev.avalon.core.port;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The optional ports a host wired in (sheets, invites, mail, remote calendar …), looked up by type.
 * Engines that need a port they were not given answer with a typed refusal instead of failing.
 */
public final class Ports {

    private static final Ports NONE = new Ports(Map.of());

    private final Map<Class<?>, Object> byType;

    private Ports(Map<Class<?>, Object> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static Ports none() {
        return NONE;
    }

    /** The adapter wired for {@code type}, if any. */
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(byType.get(type)).map(type::cast);
    }

    /**
     * These ports plus {@code impl} for {@code type}.
     *
     * @throws IllegalArgumentException when {@code type} is not an interface or is wired already
     */
    public <T> Ports with(Class<T> type, T impl) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(impl, "impl");
        if (!type.isInterface()) {
            throw new IllegalArgumentException("a port is an interface: " + type.getName());
        }
        if (byType.containsKey(type)) {
            throw new IllegalArgumentException("the port " + type.getName() + " is wired twice");
        }
        Map<Class<?>, Object> next = new LinkedHashMap<>(byType);
        next.put(type, impl);
        return new Ports(next);
    }
}
