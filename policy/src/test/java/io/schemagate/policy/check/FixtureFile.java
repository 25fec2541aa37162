package io.schemagate.policy.check;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.TableRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A fixture file {@code checks/<id>/{ok,err}/<name>.sql}. Its first line says how to judge it:
 * {@code -- schemagate: dialect=postgresql version=15 [locktimeout=unset] [sqlmode=...] [type.<table>.<column>=<type>]}.
 */
record FixtureFile(Path path, String checkId, boolean expectFinding, Dialect dialect, ServerVersion version,
                   boolean lockTimeoutSet, Catalog catalog, String sql) {

    static FixtureFile read(Path path) throws IOException {
        String text = Files.readString(path);
        String header = text.lines().findFirst().orElse("");
        if (!header.startsWith("-- schemagate:")) {
            throw new IllegalArgumentException(path + ": the first line must be '-- schemagate: dialect=... version=...'");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        String last = null;
        for (String token : header.substring("-- schemagate:".length()).trim().split(" ")) {
            int eq = token.indexOf('=');
            if (eq < 0 && last != null) {
                keys.put(last, keys.get(last) + " " + token);
            } else if (eq > 0) {
                last = token.substring(0, eq);
                keys.put(last, token.substring(eq + 1));
            }
        }
        Dialect dialect = Dialect.fromName(keys.getOrDefault("dialect", "postgresql"));
        ServerVersion version = ServerVersion.parse(dialect, keys.getOrDefault("version",
                ServerVersion.defaultFor(dialect).toString()));
        Map<String, String> types = new LinkedHashMap<>();
        keys.forEach((k, v) -> {
            if (k.startsWith("type.")) {
                types.put(k.substring("type.".length()).toLowerCase(Locale.ROOT), v);
            }
        });
        String sqlMode = keys.get("sqlmode");
        Catalog catalog = new Catalog() {
            @Override
            public Optional<String> columnType(TableRef table, String column) {
                return Optional.ofNullable(types.get((table.name() + "." + column).toLowerCase(Locale.ROOT)));
            }

            @Override
            public Optional<String> mysqlSqlMode() {
                return Optional.ofNullable(sqlMode);
            }
        };
        String kind = path.getParent().getFileName().toString();
        String id = path.getParent().getParent().getFileName().toString();
        return new FixtureFile(path, id, kind.equals("err"), dialect, version,
                !"unset".equals(keys.get("locktimeout")), catalog, text);
    }

    @Override
    public String toString() {
        return checkId + "/" + (expectFinding ? "err" : "ok") + "/" + path.getFileName();
    }
}
