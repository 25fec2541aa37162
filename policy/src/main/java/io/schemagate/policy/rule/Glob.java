package io.schemagate.policy.rule;

import java.util.Locale;
import java.util.Objects;

/**
 * A shell-style name pattern from a policy file: {@code *} stands for any run of characters,
 * {@code ?} for one character, everything else for itself. Matching ignores case, because
 * PostgreSQL folds unquoted identifiers to lower case and MySQL table names are case-insensitive
 * on most installations; a policy that says {@code Payments} means the same table as {@code payments}.
 */
public final class Glob {

    private final String pattern;
    private final String folded;

    private Glob(String pattern) {
        this.pattern = pattern;
        this.folded = pattern.toLowerCase(Locale.ROOT);
    }

    public static Glob of(String pattern) {
        Objects.requireNonNull(pattern, "pattern must not be null");
        return new Glob(pattern);
    }

    /** True when the pattern is {@code *}, which matches every value including an unknown one. */
    public boolean matchesAnything() {
        return pattern.chars().allMatch(c -> c == '*');
    }

    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        return match(folded, 0, value.toLowerCase(Locale.ROOT), 0);
    }

    // Iterative wildcard matching with a single back-tracking point: linear in practice, and no
    // regular expression is compiled from text a policy author wrote.
    private static boolean match(String p, int pi, String s, int si) {
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob g && g.folded.equals(folded);
    }

    @Override
    public int hashCode() {
        return folded.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
