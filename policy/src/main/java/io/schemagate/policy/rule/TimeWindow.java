package io.schemagate.policy.rule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A weekly window such as a change window: the days it opens on, the local time it opens and
 * closes ({@code end} exclusive), and the time zone those are read in. A window whose end is not
 * after its start runs past midnight and belongs to the day it opened on: Friday 22:00-06:00 holds
 * Saturday 03:00. Daylight-saving changes follow the zone's rules.
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

    public TimeWindow {
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        Objects.requireNonNull(start, "start must not be null");
        Objects.requireNonNull(end, "end must not be null");
        Objects.requireNonNull(zone, "zone must not be null");
    }

    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime t = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (start.equals(end)) {
            // 00:00-00:00 or equal bounds: the whole of each listed day.
            return days.contains(day);
        }
        if (start.isBefore(end)) {
            return days.contains(day) && !t.isBefore(start) && t.isBefore(end);
        }
        // Overnight: the evening part belongs to today, the morning part to the day before.
        return (days.contains(day) && !t.isBefore(start)) || (days.contains(day.minus(1)) && t.isBefore(end));
    }
}
