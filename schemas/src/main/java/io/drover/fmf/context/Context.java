package io.drover.fmf.context;

import io.drover.fmf.InvalidRuleException;
import io.drover.fmf.PyRegex;
import io.drover.fmf.PyValues;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An fmf context: dimension name to its values (a dimension may have several, e.g.
 * {@code arch: [x86_64, ppc64]}), against which adjust {@code when} rules are decided.
 * Values are kept as Python's {@code str()} of what was given, in insertion order.
 */
public record Context(Map<String, List<String>> dimensions) {
    private static final Context EMPTY = new Context(Map.of());

    // Flags that make java.util.regex behave like Python's re on str patterns.
    private static final int PY_FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;
    private static final Pattern LONE_EQUALS = Pattern.compile("(?<![=!~<>])=(?!=)", PY_FLAGS);
    private static final Pattern OR_SPLIT = Pattern.compile("\\bor\\b", PY_FLAGS);
    private static final Pattern AND_SPLIT = Pattern.compile("\\band\\b", PY_FLAGS);
    private static final Pattern TRIPLE = Pattern.compile("([\\w-]+)\\s*("
            + Arrays.stream(Operator.values()).map(op -> Pattern.quote(op.symbol))
                    .collect(Collectors.joining("|"))
            + ")\\s*([^=].*)", PY_FLAGS);
    private static final Pattern DOUBLE = Pattern.compile("([\\w-]+)\\s*(is defined|is not defined)", PY_FLAGS);

    private static final int MAX_CACHED_RULES = 4096;
    private static final Map<String, List<List<Expression>>> PARSED_RULES = new ConcurrentHashMap<>();

    /** Order-preserving, unmodifiable copy; duplicate values collapse as in fmf's value sets. */
    public Context {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        dimensions.forEach((name, values) -> copy.put(name, List.copyOf(new LinkedHashSet<>(values))));
        dimensions = Collections.unmodifiableMap(copy);
    }

    /** A context from dimension values, each a scalar or a list of scalars (converted with {@code str()}). */
    public static Context of(Map<String, ?> values) {
        Map<String, List<String>> dimensions = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            List<String> strings = new ArrayList<>();
            if (value instanceof Collection<?> many) {
                many.forEach(item -> strings.add(PyValues.str(item)));
            } else {
                strings.add(PyValues.str(value));
            }
            dimensions.put(name, strings);
        });
        return new Context(dimensions);
    }

    public static Context empty() {
        return EMPTY;
    }

    /** This context with {@code other}'s dimensions replacing same-named ones (Python {@code {**a, **b}}). */
    public Context overriddenBy(Context other) {
        Map<String, List<String>> merged = new LinkedHashMap<>(dimensions);
        merged.putAll(other.dimensions);
        return new Context(merged);
    }

    public boolean defines(String dimension) {
        return dimensions.containsKey(dimension);
    }

    /**
     * Decides a {@code when} rule: a Boolean (YAML {@code when: true}) or a rule string.
     * Names and version parts are compared case-insensitively (casefolded) unless
     * {@code caseSensitive}; the regex operators {@code ~}/{@code !~} always respect case.
     *
     * @throws InvalidRuleException when the rule does not parse (even if it could be decided)
     * @throws io.drover.fmf.InvalidRegexException when an evaluated {@code ~}/{@code !~} pattern is invalid
     */
    public Decision matches(Object rule, boolean caseSensitive) {
        if (rule instanceof Boolean value) {
            return Decision.of(value);
        }
        if (!(rule instanceof String text)) {
            throw new InvalidRuleException("Invalid rule '" + PyValues.str(rule)
                    + "': expected a string or a boolean, got '" + PyValues.typeName(rule) + "'");
        }
        Decision outcome = Decision.FALSE;
        for (List<Expression> andGroup : parse(text)) {
            Decision groupOutcome = null;
            for (Expression expression : andGroup) {
                Decision result = evaluate(expression, caseSensitive);
                groupOutcome = groupOutcome == null ? result : groupOutcome.and(result);
                if (groupOutcome == Decision.FALSE) {
                    break;
                }
            }
            if (groupOutcome == Decision.TRUE) {
                return Decision.TRUE;
            }
            outcome = outcome.or(groupOutcome);
        }
        return outcome;
    }

    // ---------------------------------------------------------------- parsing

    private enum Operator {
        // Alternation order of fmf's expression regex; backtracking over "[^=]" picks "<=" over "<".
        LESS("<"), MINOR_LESS("~<"), LESS_OR_EQUAL("<="), MINOR_LESS_OR_EQUAL("~<="),
        EQUAL("=="), MINOR_EQUAL("~="), NOT_EQUAL("!="), MINOR_NOT_EQUAL("~!="),
        GREATER_OR_EQUAL(">="), MINOR_GREATER_OR_EQUAL("~>="), GREATER(">"), MINOR_GREATER("~>"),
        MATCH("~"), NOT_MATCH("!~");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        static Operator ofSymbol(String symbol) {
            for (Operator op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    private sealed interface Expression permits BooleanLiteral, DefinedCheck, Comparison {
    }

    private record BooleanLiteral(boolean value) implements Expression {
    }

    private record DefinedCheck(String dimension, boolean defined) implements Expression {
    }

    private record Comparison(String dimension, Operator operator, List<RuleValue> values) implements Expression {
    }

    /** A right-hand value: the raw text (for regexes) and its name/version parts. */
    private record RuleValue(String raw, List<String> parts) {
    }

    /** Parses the whole rule up front, as fmf does: a syntax error anywhere is an error even if the rule could be decided. */
    private static List<List<Expression>> parse(String rule) {
        List<List<Expression>> parsed = PARSED_RULES.get(rule);
        if (parsed != null) {
            return parsed;
        }
        parsed = parseUncached(rule);
        if (PARSED_RULES.size() >= MAX_CACHED_RULES) {
            PARSED_RULES.clear();
        }
        PARSED_RULES.put(rule, parsed);
        return parsed;
    }

    private static List<List<Expression>> parseUncached(String rule) {
        String normalized = LONE_EQUALS.matcher(rule).replaceAll("==");
        List<List<Expression>> orGroups = new ArrayList<>();
        for (String orGroup : OR_SPLIT.split(normalized, -1)) {
            List<Expression> andGroup = new ArrayList<>();
            for (String piece : AND_SPLIT.split(orGroup, -1)) {
                String expression = pyStrip(piece);
                if (expression.isEmpty()) {
                    throw invalid(rule, "empty expression around 'and' or 'or'");
                }
                andGroup.add(parseExpression(rule, expression));
            }
            orGroups.add(List.copyOf(andGroup));
        }
        return List.copyOf(orGroups);
    }

    private static Expression parseExpression(String rule, String expression) {
        // A prefix match, as in fmf: "trueish == 1" is simply true.
        if (expression.startsWith("true")) {
            return new BooleanLiteral(true);
        }
        if (expression.startsWith("false")) {
            return new BooleanLiteral(false);
        }
        Matcher triple = TRIPLE.matcher(expression);
        if (triple.lookingAt()) {
            List<RuleValue> values = new ArrayList<>();
            for (String value : triple.group(3).split(",", -1)) {
                String raw = pyStrip(value);
                values.add(new RuleValue(raw, splitToVersion(raw)));
            }
            return new Comparison(triple.group(1), Operator.ofSymbol(triple.group(2)), List.copyOf(values));
        }
        Matcher pair = DOUBLE.matcher(expression);
        if (pair.lookingAt()) {
            return new DefinedCheck(pair.group(1), pair.group(2).equals("is defined"));
        }
        throw invalid(rule, "cannot parse expression '" + expression + "'");
    }

    private static InvalidRuleException invalid(String rule, String why) {
        return new InvalidRuleException("Invalid rule '" + rule + "': " + why);
    }

    /** fmf's value split: name followed by version parts, on every ':', '-' and '.', empty parts kept. */
    private static List<String> splitToVersion(String text) {
        List<String> parts = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':' || c == '-' || c == '.') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    // ------------------------------------------------------------- evaluation

    private Decision evaluate(Expression expression, boolean caseSensitive) {
        if (expression instanceof BooleanLiteral literal) {
            return Decision.of(literal.value());
        }
        if (expression instanceof DefinedCheck check) {
            return Decision.of(defines(check.dimension()) == check.defined());
        }
        Comparison comparison = (Comparison) expression;
        List<String> contextValues = dimensions.get(comparison.dimension());
        if (contextValues == null) {
            return Decision.CANNOT_DECIDE;
        }
        // Every (context value, rule value) pair: one True decides, otherwise any False does.
        boolean decided = false;
        for (String contextValue : contextValues) {
            List<String> contextParts = splitToVersion(contextValue);
            for (RuleValue ruleValue : comparison.values()) {
                Decision pair = compare(comparison.operator(), contextValue, contextParts, ruleValue, caseSensitive);
                if (pair == Decision.TRUE) {
                    return Decision.TRUE;
                }
                decided |= pair == Decision.FALSE;
            }
        }
        return decided ? Decision.FALSE : Decision.CANNOT_DECIDE;
    }

    private static Decision compare(Operator operator, String contextRaw, List<String> left, RuleValue right,
            boolean caseSensitive) {
        // Regex operators use the raw strings and ignore case-insensitivity, as in fmf.
        if (operator == Operator.MATCH) {
            return Decision.of(PyRegex.search(right.raw(), contextRaw));
        }
        if (operator == Operator.NOT_MATCH) {
            return Decision.of(!PyRegex.search(right.raw(), contextRaw));
        }
        boolean minorMode = operator.symbol.startsWith("~");
        boolean ordered = switch (operator) {
            case EQUAL, NOT_EQUAL, MINOR_EQUAL, MINOR_NOT_EQUAL -> false;
            default -> true;
        };
        int cmp = versionCompare(left, right.parts(), minorMode, ordered, caseSensitive);
        if (cmp == UNDECIDABLE) {
            return Decision.CANNOT_DECIDE;
        }
        return Decision.of(switch (operator) {
            case EQUAL, MINOR_EQUAL -> cmp == 0;
            case NOT_EQUAL, MINOR_NOT_EQUAL -> cmp != 0;
            case LESS, MINOR_LESS -> cmp < 0;
            case LESS_OR_EQUAL, MINOR_LESS_OR_EQUAL -> cmp <= 0;
            case GREATER, MINOR_GREATER -> cmp > 0;
            case GREATER_OR_EQUAL, MINOR_GREATER_OR_EQUAL -> cmp >= 0;
            default -> throw new IllegalStateException(operator.name());
        });
    }

    /** Result of {@link #versionCompare} when the pair cannot be compared (fmf raises CannotDecide). */
    private static final int UNDECIDABLE = Integer.MIN_VALUE;

    /**
     * fmf's {@code ContextValue.version_cmp}: the right side defines the precision. Returns
     * -1/0/1 ({@code ordered}) or 0/1 (equality only), or {@link #UNDECIDABLE}.
     */
    private static int versionCompare(List<String> left, List<String> right, boolean minorMode, boolean ordered,
            boolean caseSensitive) {
        if (left.isEmpty() || right.isEmpty()) {
            return UNDECIDABLE;
        }
        if (!sameText(left.get(0), right.get(0), caseSensitive)) {
            return ordered ? UNDECIDABLE : 1;
        }
        if (minorMode && right.size() > 1) {
            // The right side names a major: minors are only compared within the same major.
            if (left.size() < 2) {
                return UNDECIDABLE;
            }
            if (!sameText(left.get(1), right.get(1), caseSensitive)) {
                if (!ordered) {
                    return 1;
                }
                if (right.size() > 2) {
                    return UNDECIDABLE;
                }
            }
        }
        int common = Math.min(left.size(), right.size());
        for (int i = 1; i < common; i++) {
            int part = comparePart(left.get(i), right.get(i), caseSensitive);
            if (part != 0) {
                return part;
            }
        }
        if (right.size() <= left.size()) {
            return 0;
        }
        if (minorMode) {
            return UNDECIDABLE;
        }
        if (!ordered) {
            return 1;
        }
        if (left.size() == 1) {
            return UNDECIDABLE;
        }
        return -1;
    }

    private static boolean sameText(String a, String b, boolean caseSensitive) {
        return caseSensitive ? a.equals(b) : casefold(a).equals(casefold(b));
    }

    /** One version part: numerically when both are Python ints, else as strings (by code point). */
    private static int comparePart(String a, String b, boolean caseSensitive) {
        BigInteger numberA = pyInt(a);
        BigInteger numberB = numberA == null ? null : pyInt(b);
        if (numberA != null && numberB != null) {
            return Integer.signum(numberA.compareTo(numberB));
        }
        if (!caseSensitive) {
            a = casefold(a);
            b = casefold(b);
        }
        return Integer.signum(PyValues.compareStrings(a, b));
    }

    /** Python's {@code int(text)} for base 10, or null where Python raises ValueError. */
    private static BigInteger pyInt(String text) {
        String s = pyStrip(text);
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        StringBuilder digits = new StringBuilder(s.length());
        boolean previousWasDigit = false;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '_' && previousWasDigit && i < s.length()) {
                previousWasDigit = false;
                continue;
            }
            int digit = Character.digit(cp, 10);
            if (digit < 0 || !Character.isDigit(cp)) {
                return null;
            }
            digits.append((char) ('0' + digit));
            previousWasDigit = true;
        }
        if (!previousWasDigit) {
            return null;
        }
        BigInteger value = new BigInteger(digits.toString());
        return negative ? value.negate() : value;
    }


    /** Python's {@code str.casefold()}, closely enough: full upper-casing then per-character lower-casing. */
    static String casefold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == 0x130) { // İ folds to i + combining dot above
                out.append("i\u0307");
            } else if (cp == 0x131) { // dotless ı has no folding
                out.appendCodePoint(cp);
            } else if (cp < 0x80) {
                out.append(cp >= 'A' && cp <= 'Z' ? (char) (cp + 32) : (char) cp);
            } else {
                new String(Character.toChars(cp)).toUpperCase(Locale.ROOT).codePoints()
                        .forEach(upper -> out.appendCodePoint(Character.toLowerCase(upper)));
            }
        });
        return out.toString();
    }

    /** Python's {@code str.strip()}: Python's whitespace includes non-breaking spaces. */
    private static String pyStrip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPySpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPySpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isPySpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
