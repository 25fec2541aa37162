package io.schemagate.config.policy;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ddl.OperationKind;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.rule.AddressRange;
import io.schemagate.policy.rule.Glob;
import io.schemagate.policy.rule.Match;
import io.schemagate.policy.rule.TablePattern;
import io.schemagate.policy.rule.TimeWindow;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads a rule's {@code match:} mapping, checking every id and pattern against what exists. */
final class MatchReader {

    static final Set<String> KEYS = Set.of("checks", "operations", "tables", "databases", "users", "roles",
            "applications", "addresses", "time", "min_rows", "max_rows", "dialects", "statements", "has_plan",
            "unless", "annotations");
    private static final Set<String> WINDOW_KEYS = Set.of("days", "between", "timezone");
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private final Nodes nodes;
    private final Problems problems;
    private final KnownChecks checks;
    private final Map<String, List<Glob>> roles;

    MatchReader(Nodes nodes, KnownChecks checks, Map<String, List<Glob>> roles) {
        this.nodes = nodes;
        this.problems = nodes.problems();
        this.checks = checks;
        this.roles = roles;
    }

    Match read(YamlNode node, String what) {
        YamlNode.Mapping m = nodes.mapping(node, what, KEYS);
        if (m == null) {
            return Match.ANY;
        }
        Map<String, YamlNode> e = m.entries();
        Set<String> checkIds = new LinkedHashSet<>();
        if (e.containsKey("checks")) {
            for (YamlNode.Scalar s : nodes.scalars(e.get("checks"), "checks")) {
                if (checks.verify(s, problems)) {
                    checkIds.add(s.text());
                }
            }
        }
        Set<OperationKind> kinds = EnumSet.noneOf(OperationKind.class);
        List<String> kindIds = Arrays.stream(OperationKind.values()).map(OperationKind::id).toList();
        for (YamlNode.Scalar s : list(e, "operations")) {
            if (kindIds.contains(s.text())) {
                kinds.add(OperationKind.fromId(s.text()));
            } else {
                problems.add(s, "unknown operation kind '" + s.text() + "'" + Suggest.didYouMean(s.text(), kindIds)
                        + "; known kinds: " + String.join(", ", kindIds));
            }
        }
        List<TablePattern> tables = map(list(e, "tables"), s -> TablePattern.parse(s.text()));
        List<Glob> databases = map(list(e, "databases"), s -> Glob.of(s.text()));
        List<Glob> users = map(list(e, "users"), s -> Glob.of(s.text()));
        Map<String, List<Glob>> roleMembers = new LinkedHashMap<>();
        for (YamlNode.Scalar s : list(e, "roles")) {
            if (roles.containsKey(s.text())) {
                roleMembers.put(s.text(), roles.get(s.text()));
            } else {
                problems.add(s, "role '" + s.text() + "' is not declared under roles:" + Suggest.didYouMean(s.text(), roles.keySet())
                        + (roles.isEmpty() ? "; declare it, e.g. roles: { " + s.text() + ": [user1, \"svc_*\"] }" : ""));
            }
        }
        List<Glob> applications = map(list(e, "applications"), s -> Glob.of(s.text()));
        List<AddressRange> addresses = new ArrayList<>();
        for (YamlNode.Scalar s : list(e, "addresses")) {
            try {
                addresses.add(AddressRange.parse(s.text()));
            } catch (IllegalArgumentException ex) {
                problems.add(s, ex.getMessage());
            }
        }
        List<TimeWindow> windows = new ArrayList<>();
        if (e.containsKey("time")) {
            for (YamlNode w : nodes.items(e.get("time"), "time")) {
                TimeWindow tw = window(w);
                if (tw != null) {
                    windows.add(tw);
                }
            }
        }
        Long minRows = e.containsKey("min_rows") ? nodes.number(e.get("min_rows"), "min_rows", 0, Long.MAX_VALUE) : null;
        Long maxRows = e.containsKey("max_rows") ? nodes.number(e.get("max_rows"), "max_rows", 0, Long.MAX_VALUE) : null;
        if (minRows != null && maxRows != null && minRows > maxRows) {
            problems.add(e.get("max_rows"), "max_rows " + maxRows + " is below min_rows " + minRows + "; no table can match");
        }
        Set<Dialect> dialects = EnumSet.noneOf(Dialect.class);
        for (YamlNode.Scalar s : list(e, "dialects")) {
            try {
                dialects.add(Dialect.fromName(s.text()));
            } catch (IllegalArgumentException ex) {
                problems.add(s, ex.getMessage());
            }
        }
        Set<StatementClass> classes = EnumSet.noneOf(StatementClass.class);
        List<String> classIds = Arrays.stream(StatementClass.values()).map(MatchReader::classId).toList();
        for (YamlNode.Scalar s : list(e, "statements")) {
            int i = classIds.indexOf(s.text());
            if (i >= 0) {
                classes.add(StatementClass.values()[i]);
            } else {
                problems.add(s, "unknown statement class '" + s.text() + "'" + Suggest.didYouMean(s.text(), classIds)
                        + "; known: " + String.join(", ", classIds));
            }
        }
        Boolean hasPlan = e.containsKey("has_plan") ? nodes.bool(e.get("has_plan"), "has_plan") : null;
        Match unless = e.containsKey("unless") ? read(e.get("unless"), "unless") : null;
        Set<String> annotations = new java.util.LinkedHashSet<>();
        for (YamlNode.Scalar s : list(e, "annotations")) {
            if (!s.text().matches("[a-z_][a-z0-9_]*")) {
                problems.add(s, "annotation key '" + s.text() + "' is not a lower-case word (e.g. reason, ticket)");
            }
            annotations.add(s.text());
        }
        return new Match(checkIds, kinds, tables, databases, users, roleMembers, applications, addresses, windows,
                minRows, maxRows, dialects, classes, hasPlan, unless, annotations);
    }

    static String classId(StatementClass c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private List<YamlNode.Scalar> list(Map<String, YamlNode> e, String key) {
        return e.containsKey(key) ? nodes.scalars(e.get(key), key) : List.of();
    }

    private static <T> List<T> map(List<YamlNode.Scalar> in, Function<YamlNode.Scalar, T> f) {
        return in.stream().map(f).toList();
    }

    private TimeWindow window(YamlNode node) {
        YamlNode.Mapping m = nodes.mapping(node, "a time window", WINDOW_KEYS);
        if (m == null) {
            return null;
        }
        Map<String, YamlNode> e = m.entries();
        boolean ok = true;
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (YamlNode.Scalar s : list(e, "days")) {
            ok &= days(s, days);
        }
        LocalTime start = LocalTime.MIDNIGHT;
        LocalTime end = LocalTime.MIDNIGHT;
        if (e.containsKey("between")) {
            String text = nodes.text(e.get("between"), "between");
            String[] parts = text == null ? new String[0] : text.split("-");
            try {
                if (parts.length != 2) {
                    throw new DateTimeParseException("no dash", String.valueOf(text), 0);
                }
                start = LocalTime.parse(parts[0].strip());
                end = LocalTime.parse(parts[1].strip());
            } catch (DateTimeParseException ex) {
                problems.add(e.get("between"), "between must be two 24-hour times like \"08:00-18:00\" "
                        + "(a window past midnight is written \"22:00-06:00\"), not '" + text + "'");
                ok = false;
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        if (e.containsKey("timezone")) {
            String z = nodes.text(e.get("timezone"), "timezone");
            try {
                zone = ZoneId.of(String.valueOf(z));
            } catch (DateTimeException ex) {
                problems.add(e.get("timezone"), "unknown time zone '" + z + "': use a region id such as "
                        + "Europe/Berlin or America/New_York, or UTC");
                ok = false;
            }
        }
        return ok ? new TimeWindow(days, start, end, zone) : null;
    }

    /** Adds {@code mon}, {@code monday} or a range {@code mon-fri} (which may wrap: {@code fri-mon}). */
    private boolean days(YamlNode.Scalar s, Set<DayOfWeek> out) {
        String[] parts = s.text().toLowerCase(Locale.ROOT).split("-");
        DayOfWeek from = day(parts[0]);
        DayOfWeek to = parts.length == 2 ? day(parts[1]) : from;
        if (from == null || to == null || parts.length > 2) {
            problems.add(s, "days must be names like mon, tue, ... sun or a range like mon-fri, not '" + s.text() + "'");
            return false;
        }
        for (DayOfWeek d = from; ; d = d.plus(1)) {
            out.add(d);
            if (d == to) {
                return true;
            }
        }
    }

    private static DayOfWeek day(String text) {
        String t = text.strip();
        for (int i = 0; i < DAY_NAMES.size(); i++) {
            String full = DayOfWeek.of(i + 1).name().toLowerCase(Locale.ROOT);
            if (t.equals(DAY_NAMES.get(i)) || t.equals(full)) {
                return DayOfWeek.of(i + 1);
            }
        }
        return null;
    }
}
