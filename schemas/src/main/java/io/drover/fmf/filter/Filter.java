package io.drover.fmf.filter;

import io.drover.fmf.FilterException;
import io.drover.fmf.PyRegex;
import io.drover.fmf.PyValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed fmf filter expression such as {@code tag: Tier1, -slow & component: bash | /tests/core}.
 * Clauses are separated by {@code |} (any may match), literals by {@code &} (all must match);
 * a literal is {@code dimension: atom, atom, ...} or, without a colon, a pattern for the node
 * name. Evaluation follows Python fmf's {@code utils.filter} exactly, including its quirks:
 * every clause is evaluated (a missing key anywhere is an error), regexp values are anchored
 * while name patterns are not, and {@code tag : x} looks up the key {@code "tag "}.
 *
 * <p>Patterns are compiled when the filter is parsed, so an invalid regular expression is
 * reported before any node is looked at. Python fmf raises it only when the pattern is first
 * applied, which with a real tree is practically always the first node.
 */
public final class Filter {
    private static final int PY_FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;
    private static final Pattern OR_SPLIT = Pattern.compile("\\s*(?<!\\\\)\\|\\s*", PY_FLAGS);
    private static final Pattern AND_SPLIT = Pattern.compile("\\s*(?<!\\\\)&\\s*", PY_FLAGS);
    private static final Pattern DIMENSION_LITERAL = Pattern.compile("^([^:]*)\\s*:\\s*(.*)$", PY_FLAGS);
    private static final Pattern ATOM_SPLIT = Pattern.compile("\\s*,\\s*", PY_FLAGS);

    private final String expression;
    private final boolean caseSensitive;
    private final boolean regexp;
    /** Null for an empty expression, which matches everything. */
    private final List<Clause> clauses;

    /** One {@code &}-joined clause: name patterns in order, then per-dimension literal values. */
    private record Clause(List<NameLiteral> names, Map<String, List<List<Atom>>> dimensions) {
    }

    /** A literal without a colon, matched against the node name. */
    private record NameLiteral(String text, Pattern pattern) {
    }

    /**
     * One comma-separated alternative of a literal value; {@code -atom} requires absence. {@code pattern} is null when
     * the value is compared as text: without regexps, or for a regexp of plain characters, which {@code ^text$}
     * matches only as itself or followed by one final newline (Python's {@code $}).
     */
    private record Atom(String text, boolean negated, Pattern pattern, boolean regexp) {
        private static final Pattern REGEX_SYNTAX = Pattern.compile("[\\\\.^$*+?{}\\[\\]|()]");

        static Atom of(String text, boolean negated, boolean regexp) {
            boolean plain = !REGEX_SYNTAX.matcher(text).find();
            return new Atom(text, negated, regexp && !plain ? PyRegex.compile("^" + text + "$") : null, regexp);
        }

        boolean matches(String item) {
            if (pattern != null) {
                return pattern.matcher(item).lookingAt();
            }
            return item.equals(text) || regexp && item.length() == text.length() + 1 && item.endsWith("\n")
                    && item.startsWith(text);
        }
    }

    private Filter(String expression, boolean caseSensitive, boolean regexp, List<Clause> clauses) {
        this.expression = expression;
        this.caseSensitive = caseSensitive;
        this.regexp = regexp;
        this.clauses = clauses;
    }

    /**
     * Parses {@code expression}; null or empty matches everything. With {@code regexp}, values
     * are full-match regular expressions and name literals are searched for in the name.
     *
     * @throws io.drover.fmf.InvalidRegexException when {@code regexp} and a pattern is invalid
     */
    public static Filter parse(String expression, boolean caseSensitive, boolean regexp) {
        if (expression == null || expression.isEmpty()) {
            return new Filter(expression, caseSensitive, regexp, null);
        }
        String text = caseSensitive ? expression : expression.toLowerCase(Locale.ROOT);
        List<Clause> clauses = new ArrayList<>();
        for (String clause : OR_SPLIT.split(text, -1)) {
            clauses.add(parseClause(clause, regexp));
        }
        return new Filter(expression, caseSensitive, regexp, List.copyOf(clauses));
    }

    /** Parses and evaluates in one go. */
    public static boolean matches(String expression, Map<String, ?> data, boolean caseSensitive, boolean regexp,
            String name) {
        return parse(expression, caseSensitive, regexp).matches(data, name);
    }

    private static Clause parseClause(String clause, boolean regexp) {
        List<NameLiteral> names = new ArrayList<>();
        Map<String, List<List<Atom>>> dimensions = new LinkedHashMap<>();
        for (String escaped : AND_SPLIT.split(clause, -1)) {
            String literal = escaped.replace("\\|", "|").replace("\\&", "&");
            Matcher dimensionLiteral = DIMENSION_LITERAL.matcher(literal);
            if (!dimensionLiteral.lookingAt()) {
                names.add(new NameLiteral(literal, regexp ? PyRegex.compile(literal) : null));
                continue;
            }
            List<Atom> atoms = new ArrayList<>();
            for (String atom : ATOM_SPLIT.split(dimensionLiteral.group(2), -1)) {
                boolean negated = atom.startsWith("-");
                String text = negated ? atom.substring(1) : atom;
                atoms.add(Atom.of(text, negated, regexp));
            }
            dimensions.computeIfAbsent(dimensionLiteral.group(1), key -> new ArrayList<>()).add(List.copyOf(atoms));
        }
        dimensions.replaceAll((dimension, literals) -> List.copyOf(literals));
        return new Clause(List.copyOf(names), Collections.unmodifiableMap(dimensions));
    }

    public String expression() {
        return expression;
    }

    public boolean caseSensitive() {
        return caseSensitive;
    }

    public boolean regexp() {
        return regexp;
    }

    /** True for a null or empty expression. */
    public boolean matchesEverything() {
        return clauses == null;
    }

    /**
     * Evaluates the filter on node data (values are compared as Python {@code str()} of
     * each item). {@code name} is the node name, needed only by name literals.
     *
     * @throws FilterException when a dimension is missing from {@code data}, or a name
     *     literal is evaluated without a name
     */
    public boolean matches(Map<String, ?> data, String name) {
        if (clauses == null) {
            return true;
        }
        if (data == null) {
            throw new FilterException("Invalid filter '" + expression + "': no data to filter");
        }
        NodeValues values = new NodeValues(data);
        boolean any = false;
        for (Clause clause : clauses) {
            // Deliberately no short-circuit: fmf evaluates every clause, so errors surface.
            any |= matchesClause(clause, values, name);
        }
        return any;
    }

    private boolean matchesClause(Clause clause, NodeValues values, String name) {
        for (NameLiteral literal : clause.names()) {
            if (name == null) {
                throw new FilterException("Invalid filter '" + expression + "': name literal '" + literal.text()
                        + "' needs a node name, none given");
            }
            boolean matched = regexp ? literal.pattern().matcher(name).find() : literal.text().equals(name);
            if (!matched) {
                return false;
            }
        }
        boolean all = true;
        for (Map.Entry<String, List<List<Atom>>> dimension : clause.dimensions().entrySet()) {
            List<String> items = values.get(dimension.getKey());
            if (items == null) {
                throw new FilterException("Invalid filter '" + expression + "': key '" + dimension.getKey()
                        + "' not found");
            }
            for (List<Atom> atoms : dimension.getValue()) {
                all &= matchesAny(atoms, items);
            }
        }
        return all;
    }

    /** A literal value matches when any of its atoms does. */
    private boolean matchesAny(List<Atom> atoms, List<String> items) {
        for (Atom atom : atoms) {
            boolean found = false;
            for (String item : items) {
                if (atom.matches(item)) {
                    found = true;
                    break;
                }
            }
            if (found != atom.negated()) {
                return true;
            }
        }
        return false;
    }

    /** Node data as lists of Python {@code str()} strings, converted only for the keys a filter asks for. */
    private final class NodeValues {
        private final Map<String, ?> data;
        private final Map<String, List<String>> converted = new HashMap<>();

        NodeValues(Map<String, ?> data) {
            this.data = data;
        }

        /** The values of {@code key}, or null when the data has no such key. */
        List<String> get(String key) {
            if (converted.containsKey(key)) {
                return converted.get(key);
            }
            List<String> strings = caseSensitive ? exact(key) : lowered(key);
            converted.put(key, strings);
            return strings;
        }

        private List<String> exact(String key) {
            return data.containsKey(key) ? strings(data.get(key)) : null;
        }

        /** fmf lower-cases every key, so the last key that lower-cases to {@code key} wins. */
        private List<String> lowered(String key) {
            Object value = null;
            boolean found = false;
            for (Map.Entry<String, ?> entry : data.entrySet()) {
                if (entry.getKey().toLowerCase(Locale.ROOT).equals(key)) {
                    value = entry.getValue();
                    found = true;
                }
            }
            if (!found) {
                return null;
            }
            List<String> strings = strings(value);
            strings.replaceAll(s -> s.toLowerCase(Locale.ROOT));
            return strings;
        }

        private List<String> strings(Object value) {
            List<String> strings = new ArrayList<>();
            if (value instanceof List<?> list) {
                list.forEach(item -> strings.add(PyValues.str(item)));
            } else {
                strings.add(PyValues.str(value));
            }
            return strings;
        }
    }

    @Override
    public String toString() {
        return "Filter[" + expression + (caseSensitive ? "" : ", case-insensitive") + (regexp ? ", regexp" : "") + "]";
    }
}
