package dev.avalon.core;

import java.util.List;

/** The engines every Avalon has unless the host opts out. */
public final class DefaultFeatures {

    private DefaultFeatures() {
    }

    /** Every built-in feature, in registration order. */
    public static List<Feature> all() {
        return List.of();
    }
}
