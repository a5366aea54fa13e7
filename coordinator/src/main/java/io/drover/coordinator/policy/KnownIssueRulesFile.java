package io.drover.coordinator.policy;

import io.drover.coordinator.pool.SettingsYaml;
import io.drover.result.OutputTail;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads a known-issue rules file: a list of rules, each a mapping; errors name the file, the line and the key. */
final class KnownIssueRulesFile {
    static final List<String> RULE_KEYS = List.of("test", "output", "note", "context", "issue", "expires");

    private final SettingsYaml yaml;

    KnownIssueRulesFile(String name) {
        this.yaml = new SettingsYaml(name, KnownIssueRulesException::new);
    }

    KnownIssueRules read(Path file) {
        return parse(yaml.read(file));
    }

    /** An empty file (or one with only comments) has no rules. */
    KnownIssueRules parse(String text) {
        Optional<Node> root = yaml.compose(text);
        if (root.isEmpty()) {
            return KnownIssueRules.NONE;
        }
        SequenceNode list = yaml.sequence(root.get(), "");
        List<KnownIssueRule> rules = new ArrayList<>(list.getValue().size());
        for (Node item : list.getValue()) {
            rules.add(rule(item));
        }
        return new KnownIssueRules(rules);
    }

    private KnownIssueRule rule(Node item) {
        MappingNode mapping = yaml.mapping(item, "");
        Map<String, Node> keys = yaml.keys(mapping, "", RULE_KEYS);
        for (String required : List.of("test", "issue")) {
            if (!keys.containsKey(required)) {
                throw yaml.error(mapping, required, "missing (every rule needs one)");
            }
        }
        Pattern test = pattern(keys.get("test"), "test", Pattern::compile);
        Pattern output = keys.containsKey("output") ? pattern(keys.get("output"), "output", OutputTail::pattern) : null;
        Pattern note = keys.containsKey("note") ? pattern(keys.get("note"), "note", Pattern::compile) : null;
        Map<String, List<String>> context = keys.containsKey("context") ? context(keys.get("context")) : Map.of();
        String issue = yaml.text(keys.get("issue"), "issue");
        if (issue.isBlank()) {
            throw yaml.error(keys.get("issue"), "issue", "empty");
        }
        LocalDate expires = keys.containsKey("expires") ? date(keys.get("expires")) : null;
        return new KnownIssueRule(yaml.name() + ":" + SettingsYaml.line(mapping), test, output, note, context,
                issue, expires);
    }

    private Pattern pattern(Node node, String key, Function<String, Pattern> compile) {
        String regexp = yaml.text(node, key);
        try {
            return compile.apply(regexp);
        } catch (PatternSyntaxException e) {
            throw yaml.error(node, key, "bad regexp '" + regexp + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    /** Dimension to values: a value, or a list of values any of which will do. */
    private Map<String, List<String>> context(Node node) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple tuple : yaml.mapping(node, "context").getValue()) {
            String dimension = yaml.text(tuple.getKeyNode(), "context");
            String key = SettingsYaml.path("context", dimension);
            Integer first = lines.putIfAbsent(dimension, SettingsYaml.line(tuple.getKeyNode()));
            if (first != null) {
                throw yaml.error(tuple.getKeyNode(), key, "duplicate key (first at line " + first + ")");
            }
            Node value = tuple.getValueNode();
            List<String> values = new ArrayList<>();
            if (value instanceof SequenceNode sequence) {
                for (Node element : sequence.getValue()) {
                    values.add(yaml.text(element, key));
                }
                if (values.isEmpty()) {
                    throw yaml.error(value, key, "empty list: give at least one value");
                }
            } else if (value instanceof MappingNode) {
                throw yaml.error(value, key, "expected a value or a list of values, found a mapping");
            } else {
                values.add(yaml.text(value, key));
            }
            context.put(dimension, List.copyOf(values));
        }
        return context;
    }

    private LocalDate date(Node node) {
        String text = yaml.text(node, "expires");
        try {
            return LocalDate.parse(text, KnownIssueRule.DATE);
        } catch (DateTimeParseException e) {
            throw yaml.error(node, "expires", "'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}
