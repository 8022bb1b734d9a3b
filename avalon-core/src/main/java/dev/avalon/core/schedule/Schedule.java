package dev.avalon.core.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/** A recurring slot pattern in the user's zone. */
public sealed interface Schedule permits Schedule.Daily, Schedule.Weekly, Schedule.Every {

    /** Every day at {@code time} local. */
    record Daily(LocalTime time) implements Schedule {
        public Daily {
            Objects.requireNonNull(time, "time");
        }
    }

    /** Every {@code day} at {@code time} local. */
    record Weekly(DayOfWeek day, LocalTime time) implements Schedule {
        public Weekly {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(time, "time");
        }
    }

    /** Every {@code period}, aligned to the start of the local day (e.g. every 15 minutes: :00, :15 …). */
    record Every(Duration period) implements Schedule {
        public Every {
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.isZero() || Duration.ofDays(1).toMillis() % period.toMillis() != 0) {
                throw new IllegalArgumentException("period must divide a day: " + period);
            }
        }
    }
}
