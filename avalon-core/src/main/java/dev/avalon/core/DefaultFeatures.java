package dev.avalon.core;

import dev.avalon.core.calendar.CalendarFeature;

import java.util.List;

/** The engines every Avalon has unless the host opts out. */
public final class DefaultFeatures {

    private DefaultFeatures() {
    }

    /** Every built-in feature, in registration order. */
    public static List<Feature> all() {
        return List.of(new CalendarFeature());
    }
}
