package io.schemagate.policy.rule;

import java.util.List;
import java.util.Objects;

/**
 * What a statement gets when no rule matched, by what is known about it. The categories are tried
 * in this order: a statement touching a protected object is {@code protectedObject}; one the analyser
 * could not fully read is {@code unknown}; code whose effect cannot be seen is {@code opaque}; one
 * with findings is {@code unsafeWithPlan} or {@code unsafeWithoutPlan}; anything else is {@code safe}.
 */
public record Defaults(Action safe, Action unsafeWithPlan, Action unsafeWithoutPlan, Action unknown,
                       Action opaque, Action protectedObject) {

    /** The safe-out-of-the-box defaults used for any category a policy file leaves out. */
    public static final Defaults BUILT_IN = new Defaults(
            new Action.Allow(),
            new Action.Rewrite(false),
            new Action.RequireApproval(1, List.of(), null),
            new Action.RequireApproval(1, List.of(), null),
            new Action.RequireApproval(1, List.of(), null),
            new Action.Reject(null));

    public Defaults {
        Objects.requireNonNull(safe, "safe");
        Objects.requireNonNull(unsafeWithPlan, "unsafeWithPlan");
        Objects.requireNonNull(unsafeWithoutPlan, "unsafeWithoutPlan");
        Objects.requireNonNull(unknown, "unknown");
        Objects.requireNonNull(opaque, "opaque");
        Objects.requireNonNull(protectedObject, "protectedObject");
    }

    /** The category names as written under {@code defaults:} in a policy file. */
    public enum Category {
        PROTECTED("protected"),
        UNKNOWN("unknown"),
        OPAQUE("opaque"),
        UNSAFE_WITH_PLAN("unsafe_with_plan"),
        UNSAFE_WITHOUT_PLAN("unsafe_without_plan"),
        SAFE("safe");

        private final String key;

        Category(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The rule id a decision by this default carries ({@code defaults.unknown}). */
        public String ruleId() {
            return "defaults." + key;
        }
    }

    public Action forCategory(Category category) {
        return switch (category) {
            case PROTECTED -> protectedObject;
            case UNKNOWN -> unknown;
            case OPAQUE -> opaque;
            case UNSAFE_WITH_PLAN -> unsafeWithPlan;
            case UNSAFE_WITHOUT_PLAN -> unsafeWithoutPlan;
            case SAFE -> safe;
        };
    }
}
