package io.schemagate.policy.check;

import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Analyzers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * squawk-style fixtures: every {@code checks/<id>/err/*.sql} must make check {@code <id>} report, every
 * {@code checks/<id>/ok/*.sql} must not (and must be fully understood, so an ok never hides a parse
 * failure). The SQL goes through the real analysers and the batch runner.
 */
class CheckFixturesTest {

    static Path root() {
        try {
            return Path.of(Objects.requireNonNull(CheckFixturesTest.class.getResource("/checks")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the checks fixtures", e);
        }
    }

    static Stream<FixtureFile> fixtures() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.toString().endsWith(".sql")).sorted().map(p -> {
                try {
                    return FixtureFile.read(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixture(FixtureFile f) {
        List<AnalyzedStatement> statements = Analyzers.forDialect(f.dialect(), f.version()).analyze(f.sql());
        var session = new CheckRunner.Session(f.version(), f.catalog(), false, f.lockTimeoutSet());
        List<String> ids = CheckRunner.forDialect(f.dialect()).run(statements, session).stream()
                .flatMap(r -> r.findings().stream()).map(Finding::checkId).toList();
        if (f.expectFinding()) {
            assertThat(ids).as("findings for %s", f).contains(f.checkId());
        } else {
            assertThat(ids).as("findings for %s", f).doesNotContain(f.checkId());
            assertThat(ids).as("an ok fixture must be fully understood: %s", f).doesNotContain(UnknownStatement.ID);
        }
    }

    @Test
    void everyCheckHasOkAndErrFixturesAndADocsPage() throws IOException {
        Set<String> ids = Checks.all().stream().map(Check::id).collect(Collectors.toSet());
        for (String id : ids) {
            assertThat(root().resolve(id).resolve("ok")).as("ok fixtures of %s", id).isDirectoryContaining("glob:**.sql");
            assertThat(root().resolve(id).resolve("err")).as("err fixtures of %s", id).isDirectoryContaining("glob:**.sql");
            Path doc = docs().resolve(id + ".md");
            assertThat(doc).as("docs page of %s", id).exists();
            assertThat(Files.readString(doc)).contains("id: " + id, "## Problem", "## Why it hurts",
                    "## What to do instead");
        }
        try (Stream<Path> dirs = Files.list(root())) {
            assertThat(dirs.map(p -> p.getFileName().toString()).toList()).as("fixture folders without a check")
                    .allMatch(ids::contains);
        }
        try (Stream<Path> pages = Files.list(docs())) {
            assertThat(pages.map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md"))
                    .map(n -> n.substring(0, n.length() - ".md".length())).toList())
                    .as("docs pages without a check").allMatch(ids::contains);
        }
        String index = Files.readString(docs().resolve("README.md"));
        assertThat(ids).allMatch(id -> index.contains("[" + id + "](" + id + ".md)"));
    }

    /** docs/checks at the repository root; tests run in the policy module. */
    private static Path docs() {
        Path fromModule = Path.of("..", "docs", "checks");
        return Files.isDirectory(fromModule) ? fromModule : Path.of("docs", "checks");
    }
}
