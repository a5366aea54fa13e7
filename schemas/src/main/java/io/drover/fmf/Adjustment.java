package io.drover.fmf;

import io.drover.fmf.context.Context;
import io.drover.fmf.context.Decision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * fmf's {@code adjust}: for each node, the rules under {@code key} (a rule or a list of
 * rules) whose {@code when} matches the context are merged into the node's data with the
 * merge operators, in order, until a matching rule says {@code continue: false}; then the
 * additional rules, as a separate rule set, for the nodes {@code additionalRulesFor}
 * accepts. The {@code adjust} key itself stays in the data.
 *
 * @param context            the dimensions rules are evaluated against
 * @param caseSensitive      fmf's default is true; tmt always adjusts case-insensitively
 * @param raiseUndecided     throw {@link CannotDecideException} instead of skipping a rule that cannot be decided
 * @param key                the key holding the rules, {@code adjust}
 * @param additionalRules    rules applied after the node's own (tmt's {@code adjust-tests})
 * @param additionalRulesFor nodes the additional rules apply to; called for several nodes at
 *                           once (a tree's nodes are adjusted in parallel), so it should look
 *                           only at the node it is given
 */
public record Adjustment(Context context, boolean caseSensitive, boolean raiseUndecided, String key,
                         List<Map<String, Object>> additionalRules, Predicate<FmfNode> additionalRulesFor) {
    private static final Set<String> CONTROL_KEYS = Set.of("when", "because", "continue");

    public Adjustment {
        additionalRules = List.copyOf(additionalRules);
    }

    /** fmf's defaults: case-sensitive, undecidable rules skipped, no additional rules. */
    public static Adjustment of(Context context) {
        return new Adjustment(context, true, false, "adjust", List.of(), node -> true);
    }

    /** How tmt adjusts: case-insensitive, undecidable rules skipped. */
    public static Adjustment tmt(Context context) {
        return of(context).withCaseSensitive(false);
    }

    public Adjustment withCaseSensitive(boolean caseSensitive) {
        return new Adjustment(context, caseSensitive, raiseUndecided, key, additionalRules, additionalRulesFor);
    }

    public Adjustment withRaiseUndecided(boolean raiseUndecided) {
        return new Adjustment(context, caseSensitive, raiseUndecided, key, additionalRules, additionalRulesFor);
    }

    public Adjustment withAdditionalRules(List<Map<String, Object>> rules, Predicate<FmfNode> forNodes) {
        return new Adjustment(context, caseSensitive, raiseUndecided, key, rules, forNodes);
    }

    /**
     * Adjusts one node's data (the node belongs to a copy made by {@link FmfTree#adjusted}).
     * {@code decided} remembers each rule's decision: the context is the same for every
     * node, and inherited rules are the same on thousands of nodes.
     */
    void apply(FmfNode node, Map<Object, Decision> decided) {
        Object rules = node.data.get(key);
        List<?> ruleSet;
        if (rules == null) {
            ruleSet = List.of();
        } else if (rules instanceof Map) {
            ruleSet = List.of(rules);
        } else if (rules instanceof List<?> list) {
            ruleSet = list;
        } else {
            throw new FmfFormatException("Invalid adjust rule format in " + node.where()
                    + ". Should be a dictionary or a list of dictionaries, got '" + PyValues.typeName(rules) + "'.");
        }
        applyRuleSet(node, ruleSet, decided);
        if (!additionalRules.isEmpty() && additionalRulesFor.test(node)) {
            applyRuleSet(node, additionalRules, decided);
        }
    }

    @SuppressWarnings("unchecked")
    private void applyRuleSet(FmfNode node, List<?> rules, Map<Object, Decision> decided) {
        boolean changed = false;
        for (Object item : rules) {
            if (!(item instanceof Map<?, ?> ruleMap)) {
                throw new FmfFormatException("Adjust rule should be a dictionary, got '" + PyValues.str(item)
                        + "' in " + node.where() + ".");
            }
            Map<String, Object> rule = (Map<String, Object>) ruleMap;
            Object continueValue = rule.getOrDefault("continue", Boolean.TRUE);
            if (!(continueValue instanceof Boolean continues)) {
                throw new FmfFormatException("The 'continue' value should be bool, got '"
                        + PyValues.str(continueValue) + "' in " + node.where() + ".");
            }
            Object when = rule.containsKey("when") ? rule.get("when") : Boolean.TRUE;
            Decision decision;
            try {
                decision = decided.get(when);
                if (decision == null) {
                    decision = context.matches(when, caseSensitive);
                    decided.put(when, decision);
                }
            } catch (InvalidRuleException e) {
                throw new InvalidRuleException(e.getMessage() + " in " + node.where(), e);
            }
            if (decision == Decision.TRUE) {
                Map<String, Object> changes = new LinkedHashMap<>(rule);
                changes.keySet().removeAll(CONTROL_KEYS);
                if (!changed) {
                    // The node's data is shared with the tree this copy was made from: change a copy.
                    node.data = new LinkedHashMap<>(node.data);
                    changed = true;
                }
                FmfMerge.mergeInto(node.data, changes, node::where);
                if (!continues) {
                    return;
                }
            } else if (decision == Decision.CANNOT_DECIDE && raiseUndecided) {
                throw new CannotDecideException("Cannot decide rule '" + PyValues.str(when) + "' in "
                        + node.where() + " with context " + context + ".");
            }
        }
    }
}
