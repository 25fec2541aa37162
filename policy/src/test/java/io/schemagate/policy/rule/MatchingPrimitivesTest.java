package io.schemagate.policy.rule;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatchingPrimitivesTest {

    @Test
    void globsMatchWholeNamesIgnoringCase() {
        assertThat(Glob.of("svc_*").matches("svc_orders")).isTrue();
        assertThat(Glob.of("svc_*").matches("SVC_Orders")).isTrue();
        assertThat(Glob.of("svc_*").matches("my_svc_orders")).isFalse();
        assertThat(Glob.of("a?c").matches("abc")).isTrue();
        assertThat(Glob.of("a?c").matches("abbc")).isFalse();
        assertThat(Glob.of("*_tmp_*").matches("x_tmp_y")).isTrue();
        assertThat(Glob.of("*").matches("")).isTrue();
        assertThat(Glob.of("*").matches(null)).isFalse();
    }

    @Test
    void tablePatternsWithAndWithoutSchema() {
        assertThat(TablePattern.parse("public.*").matches("public", "orders")).isTrue();
        assertThat(TablePattern.parse("public.*").matches("billing", "orders")).isFalse();
        assertThat(TablePattern.parse("orders").matches("billing", "orders")).isTrue();
        // An unknown schema (MySQL linting without a database) only matches a wildcard schema.
        assertThat(TablePattern.parse("shop.orders").matches(null, "orders")).isFalse();
        assertThat(TablePattern.parse("*.orders").matches(null, "orders")).isTrue();
    }

    @Test
    void cidrRangesForIpv4AndIpv6() {
        AddressRange ten = AddressRange.parse("10.0.0.0/8");
        assertThat(ten.contains("10.20.30.40")).isTrue();
        assertThat(ten.contains("11.0.0.1")).isFalse();
        assertThat(ten.contains("::ffff:10.1.2.3")).isTrue();
        assertThat(AddressRange.parse("192.168.1.20").contains("192.168.1.20")).isTrue();
        assertThat(AddressRange.parse("192.168.1.20").contains("192.168.1.21")).isFalse();
        assertThat(AddressRange.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
        assertThat(AddressRange.parse("2001:db8::/32").contains("[2001:db9::5]")).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
        assertThat(ten.contains(null)).isFalse();
        assertThat(ten.contains("not-an-address")).isFalse();
    }

    @Test
    void cidrRejectsHostNamesAndBadPrefixes() {
        assertThatThrownBy(() -> AddressRange.parse("db.example.com"))
                .hasMessageContaining("host names are not allowed");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).hasMessageContaining("0..32");
        assertThatThrownBy(() -> AddressRange.parse("300.1.1.1")).hasMessageContaining("not an IP address");
    }

    @Test
    void businessHoursInBerlinFollowTheLocalClock() {
        TimeWindow office = new TimeWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(8, 0), LocalTime.of(18, 0), ZoneId.of("Europe/Berlin"));
        // 2026-11-25 is a Wednesday; Berlin is UTC+1 in November.
        assertThat(office.contains(Instant.parse("2026-11-25T07:00:00Z"))).isTrue();
        assertThat(office.contains(Instant.parse("2026-11-25T06:59:59Z"))).isFalse();
        assertThat(office.contains(Instant.parse("2026-11-25T17:00:00Z"))).isFalse();
        // Saturday.
        assertThat(office.contains(Instant.parse("2026-11-28T10:00:00Z"))).isFalse();
        // Summer time: UTC+2, so 06:30 UTC on a Monday in July is 08:30 local.
        assertThat(office.contains(Instant.parse("2026-07-06T06:30:00Z"))).isTrue();
    }

    @Test
    void overnightWindowBelongsToTheDayItOpens() {
        TimeWindow fridayNight = new TimeWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0),
                ZoneId.of("UTC"));
        assertThat(fridayNight.contains(Instant.parse("2026-11-27T23:00:00Z"))).isTrue();  // Fri 23:00
        assertThat(fridayNight.contains(Instant.parse("2026-11-28T05:59:00Z"))).isTrue();  // Sat 05:59
        assertThat(fridayNight.contains(Instant.parse("2026-11-28T06:00:00Z"))).isFalse(); // Sat 06:00
        assertThat(fridayNight.contains(Instant.parse("2026-11-27T05:00:00Z"))).isFalse(); // Fri 05:00 (Thu night)
    }
}
