package io.drover.fmf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python {@code re} semantics on top of {@link java.util.regex}: fmf metadata is written
 * against Python's regular expressions, so patterns and {@code re.sub} replacement
 * templates are translated where the two dialects differ. What Python rejects (a bad
 * escape such as {@code \h}, a reference to a missing group) is rejected here too, with
 * {@link InvalidRegexException}, even where Java would accept it. Compiled patterns are
 * cached: the same few patterns are applied to every node of a large tree.
 */
public final class PyRegex {
    private static final int MAX_CACHE = 4096;
    private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();

    /**
     * {@code UNIX_LINES}: in Python only {@code \n} ends a line, for {@code .} and {@code $}.
     * {@code UNICODE_CHARACTER_CLASS}: Python 3 str patterns are Unicode-aware ({@code \w}
     * matches {@code é}).
     */
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

    private PyRegex() {
    }

    /**
     * A translated pattern, the numbers of its Python named groups, and the same pattern
     * limited to non-empty matches starting where the previous match ended ({@code \G} is
     * where {@link Matcher#find(int)} starts): what {@code re.sub} needs after an empty match.
     */
    private record Compiled(Pattern pattern, Map<String, Integer> groupIndex, Pattern nonEmptyHere) {
    }

    /** Compiles a Python pattern; an invalid one raises {@link InvalidRegexException}. */
    public static Pattern compile(String pythonPattern) {
        return compiled(pythonPattern).pattern();
    }

    private static Compiled compiled(String pythonPattern) {
        Compiled cached = CACHE.get(pythonPattern);
        if (cached != null) {
            return cached;
        }
        Translator translator = new Translator(pythonPattern);
        String java = translator.translate();
        Compiled compiled;
        try {
            compiled = new Compiled(Pattern.compile(java, FLAGS), Map.copyOf(translator.groupIndex),
                    Pattern.compile("\\G(?:" + java + ")(?!\\G)", FLAGS));
        } catch (PatternSyntaxException e) {
            throw invalid(pythonPattern, e.getDescription());
        }
        if (CACHE.size() >= MAX_CACHE) {
            CACHE.clear();
        }
        CACHE.put(pythonPattern, compiled);
        return compiled;
    }

    private static InvalidRegexException invalid(String pattern, String problem) {
        return new InvalidRegexException("Invalid regular expression '" + pattern + "': " + problem);
    }

    /** {@code re.search(pattern, text) is not None}. */
    public static boolean search(String pattern, String text) {
        return compile(pattern).matcher(text).find();
    }

    /** {@code re.match(pattern, text) is not None}: anchored at the start only. */
    public static boolean match(String pattern, String text) {
        return compile(pattern).matcher(text).lookingAt();
    }

    /**
     * {@code re.sub(pattern, replacement, text)}: every match replaced, Python template syntax.
     * After an empty match Python first looks for a non-empty match at the same place
     * ({@code re.sub('|a', 'X', 'a')} is {@code XXX}); Java would skip a character.
     */
    public static String sub(String pattern, String replacement, String text) {
        Compiled compiled = compiled(pattern);
        Matcher any = compiled.pattern().matcher(text);
        // Python parses the template before looking for matches: a bad one fails even without a match.
        Object[] template = parseTemplate(replacement, any.groupCount(), compiled.groupIndex());
        Matcher nonEmpty = compiled.nonEmptyHere().matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int position = 0;
        boolean afterEmpty = false;
        while (position <= text.length()) {
            Matcher m;
            if (!afterEmpty) {
                m = any.find(position) ? any : null;
            } else if (nonEmpty.find(position)) {
                m = nonEmpty;
            } else {
                m = position < text.length() && any.find(position + 1) ? any : null;
            }
            if (m == null) {
                break;
            }
            out.append(text, copied, m.start());
            for (Object part : template) {
                if (part instanceof String literal) {
                    out.append(literal);
                } else {
                    // A group that did not take part in the match gives "" (Python 3.5+).
                    String value = m.group((Integer) part);
                    if (value != null) {
                        out.append(value);
                    }
                }
            }
            copied = m.end();
            position = m.end();
            afterEmpty = m.start() == m.end();
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    /**
     * Splits a Python replacement template ({@code sre_parse.parse_template}) into literal
     * strings and group numbers.
     */
    private static Object[] parseTemplate(String template, int groupCount, Map<String, Integer> groupIndex) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int n = template.length();
        for (int i = 0; i < n; i++) {
            char c = template.charAt(i);
            if (c != '\\') {
                literal.append(c);
                continue;
            }
            if (i + 1 >= n) {
                throw badTemplate(template, "bad escape (end of pattern)");
            }
            char next = template.charAt(++i);
            Integer group = null;
            if (next == 'g') {
                int close = template.indexOf('>', i);
                if (i + 1 >= n || template.charAt(i + 1) != '<') {
                    throw badTemplate(template, "missing <");
                }
                if (close < 0) {
                    throw badTemplate(template, "missing >, unterminated name");
                }
                String ref = template.substring(i + 2, close);
                i = close;
                if (ref.isEmpty()) {
                    throw badTemplate(template, "missing group name");
                }
                if (ref.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    group = checkGroup(Integer.parseInt(ref), groupCount, template);
                } else if (!isIdentifier(ref)) {
                    throw badTemplate(template, "bad character in group name '" + ref + "'");
                } else if (!groupIndex.containsKey(ref)) {
                    throw badTemplate(template, "unknown group name '" + ref + "'");
                } else {
                    group = groupIndex.get(ref);
                }
            } else if (next == '0') {
                int end = i + 1;
                while (end < n && end < i + 3 && isOctal(template.charAt(end))) {
                    end++;
                }
                literal.append((char) (Integer.parseInt(template.substring(i, end), 8) & 0xff));
                i = end - 1;
            } else if (next >= '1' && next <= '9') {
                if (i + 2 < n && isOctal(next) && isOctal(template.charAt(i + 1)) && isOctal(template.charAt(i + 2))) {
                    int value = Integer.parseInt(template.substring(i, i + 3), 8);
                    if (value > 0377) {
                        throw badTemplate(template, "octal escape value \\" + template.substring(i, i + 3)
                                + " outside of range 0-0o377");
                    }
                    literal.append((char) value);
                    i += 2;
                } else {
                    int number = next - '0';
                    if (i + 1 < n && Character.isDigit(template.charAt(i + 1)) && template.charAt(i + 1) < 128) {
                        number = number * 10 + (template.charAt(++i) - '0');
                    }
                    group = checkGroup(number, groupCount, template);
                }
            } else {
                switch (next) {
                    case 'n' -> literal.append('\n');
                    case 't' -> literal.append('\t');
                    case 'r' -> literal.append('\r');
                    case 'f' -> literal.append('\f');
                    case 'v' -> literal.append('\u000b');
                    case 'a' -> literal.append('\u0007');
                    case 'b' -> literal.append('\b');
                    case '\\' -> literal.append('\\');
                    default -> {
                        if (isAsciiLetter(next)) {
                            throw badTemplate(template, "bad escape \\" + next);
                        }
                        // Python keeps an unknown non-letter escape as it is, backslash included.
                        literal.append('\\').append(next);
                    }
                }
            }
            if (group != null) {
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(group);
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return parts.toArray();
    }

    private static InvalidRegexException badTemplate(String template, String problem) {
        return new InvalidRegexException("Invalid replacement '" + template + "': " + problem);
    }

    private static Integer checkGroup(int number, int groupCount, String template) {
        if (number > groupCount) {
            throw badTemplate(template, "invalid group reference " + number);
        }
        return number;
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Python's {@code str.isidentifier()}, which group names must satisfy. */
    private static boolean isIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        int first = name.codePointAt(0);
        if (!(first == '_' || Character.isUnicodeIdentifierStart(first))) {
            return false;
        }
        return name.codePoints().skip(1).allMatch(c -> c == '_' || Character.isUnicodeIdentifierPart(c)
                && !Character.isIdentifierIgnorable(c));
    }

    /** Rewrites a Python pattern into a Java one with the same meaning ({@code sre_parse}'s rules). */
    static String translate(String pythonPattern) {
        return new Translator(pythonPattern).translate();
    }

    /**
     * One pass over a Python pattern. Named groups become plain numbered groups (Java names
     * allow neither {@code _} nor non-Latin letters), so {@code (?P=name)} and {@code \g<name>}
     * resolve through {@link #groupIndex}.
     */
    private static final class Translator {
        private final String p;
        private final StringBuilder out;
        private final Map<String, Integer> groupIndex = new HashMap<>();
        /** Open groups, innermost first: the group number, or 0 for a non-capturing one; plus verbose mode. */
        private final Deque<int[]> open = new ArrayDeque<>();
        private final List<Integer> closedGroups = new ArrayList<>();
        private int groups;
        private int i;
        private boolean verbose;
        /** Only global flags so far: where Python 3.11 still accepts {@code (?i)}. */
        private boolean atStart = true;
        /** The last item was a repeat: Python refuses another one ({@code a{2}{3}}), Java would not. */
        private boolean afterRepeat;

        Translator(String pattern) {
            this.p = pattern;
            this.out = new StringBuilder(pattern.length() + 16);
        }

        private InvalidRegexException error(String problem) {
            return invalid(p, problem + " at position " + i);
        }

        String translate() {
            verbose = globalVerbose();
            while (i < p.length()) {
                char c = p.charAt(i);
                if (verbose && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b')) {
                    i++;
                    continue;
                }
                if (verbose && c == '#') {
                    while (i < p.length() && p.charAt(i) != '\n') {
                        i++;
                    }
                    continue;
                }
                boolean flagsOnly = false;
                boolean repeat = false;
                switch (c) {
                    case '\\' -> escape();
                    case '[' -> characterClass();
                    case '(' -> flagsOnly = group();
                    case ')' -> closeGroup();
                    case '{' -> repeat = brace();
                    case '*', '+', '?' -> {
                        repeat(String.valueOf(c), 1);
                        repeat = true;
                    }
                    case '}' -> {
                        out.append("\\}");
                        i++;
                    }
                    default -> {
                        out.appendCodePoint(p.codePointAt(i));
                        i += Character.charCount(p.codePointAt(i));
                    }
                }
                atStart &= flagsOnly;
                afterRepeat = repeat;
            }
            if (!open.isEmpty()) {
                throw invalid(p, "missing ), unterminated subpattern");
            }
            return out.toString();
        }

        /** Python reads {@code (?x)} anywhere at the start before the rest of the pattern. */
        private boolean globalVerbose() {
            Matcher m = Pattern.compile("^(?:\\(\\?[aiLmsux]+\\))+").matcher(p);
            return m.find() && m.group().contains("x");
        }

        private void escape() {
            if (i + 1 >= p.length()) {
                throw error("bad escape (end of pattern)");
            }
            char c = p.charAt(i + 1);
            switch (c) {
                case 'A', 'b', 'B', 'd', 'D', 's', 'S', 'w', 'W', 'n', 'r', 't', 'f' -> {
                    out.append('\\').append(c);
                    i += 2;
                }
                case 'Z' -> {
                    out.append("\\z");
                    i += 2;
                }
                default -> {
                    if (c >= '1' && c <= '9' && !threeOctalDigits(i + 1)) {
                        backReference();
                    } else {
                        literal(characterEscape(false));
                    }
                }
            }
        }

        private boolean threeOctalDigits(int at) {
            return at + 2 < p.length() && isOctal(p.charAt(at)) && isOctal(p.charAt(at + 1)) && isOctal(p.charAt(at + 2));
        }

        /** {@code \1} .. {@code \99}: the group must exist and be closed already. */
        private void backReference() {
            int start = i + 1;
            int end = start + 1;
            if (end < p.length() && p.charAt(end) >= '0' && p.charAt(end) <= '9') {
                end++;
            }
            int number = Integer.parseInt(p.substring(start, end));
            i = end;
            reference(number);
        }

        private void reference(int number) {
            if (number > groups) {
                throw error("invalid group reference " + number);
            }
            if (!closedGroups.contains(number)) {
                throw error("cannot refer to an open group");
            }
            // Wrapped so that a following digit is not read as part of the group number.
            out.append("(?:\\").append(number).append(')');
        }

        /**
         * An escape that stands for one character (outside or inside a class), returned as
         * its code point; letters Python does not know are errors ({@code \h}, {@code \e}, {@code \p}).
         */
        private int characterEscape(boolean inClass) {
            char c = p.charAt(i + 1);
            int start = i;
            i += 2;
            switch (c) {
                case 'a':
                    return 0x07;
                case 'b':
                    if (inClass) {
                        return 0x08;
                    }
                    break;
                case 'f':
                    return '\f';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 't':
                    return '\t';
                case 'v':
                    return 0x0b;
                case 'x':
                    return hex(start, 2);
                case 'u':
                    return hex(start, 4);
                case 'U': {
                    int value = hex(start, 8);
                    if (value > Character.MAX_CODE_POINT) {
                        i = start;
                        throw error("bad escape " + p.substring(start, start + 10));
                    }
                    return value;
                }
                case 'N': {
                    int close = p.indexOf('}', i);
                    if (i >= p.length() || p.charAt(i) != '{' || close < 0) {
                        i = start;
                        throw error("missing {");
                    }
                    String name = p.substring(i + 1, close);
                    try {
                        int value = Character.codePointOf(name);
                        i = close + 1;
                        return value;
                    } catch (IllegalArgumentException e) {
                        i = start;
                        throw error("undefined character name '" + name + "'");
                    }
                }
                default:
                    break;
            }
            if (c >= '0' && c <= '7') {
                // Octal: \0 takes up to two more digits; in a class \1.. too; outside, three digits.
                int end = i;
                while (end < p.length() && end < start + 4 && isOctal(p.charAt(end))) {
                    end++;
                }
                int value = Integer.parseInt(p.substring(start + 1, end), 8);
                if (value > 0377) {
                    i = start;
                    throw error("octal escape value " + p.substring(start, end) + " outside of range 0-0o377");
                }
                i = end;
                return value;
            }
            if (isAsciiLetter(c) || c == '8' || c == '9') {
                i = start;
                throw error("bad escape \\" + c);
            }
            // Any other escaped character stands for itself (\. \- \é ...).
            i = start + 1;
            int value = p.codePointAt(i);
            i += Character.charCount(value);
            return value;
        }

        private int hex(int start, int digits) {
            int end = i + digits;
            if (end > p.length() || !p.substring(i, end).chars().allMatch(ch -> Character.digit(ch, 16) >= 0 && ch < 128)) {
                i = start;
                throw error("incomplete escape " + p.substring(start, Math.min(p.length(), end)));
            }
            int value = Integer.parseInt(p.substring(i, end), 16);
            i = end;
            return value;
        }

        private void literal(int codePoint) {
            out.append(quoted(codePoint));
        }

        private static String quoted(int codePoint) {
            return "\\x{" + Integer.toHexString(codePoint) + "}";
        }

        /**
         * {@code [...]}: a leading {@code ]} is literal, {@code [} and {@code &&} are literal
         * (they are special in Java), and a range needs single characters at both ends.
         * Every literal is written as {@code \x{...}} so Java reads nothing special into it.
         */
        private void characterClass() {
            int start = i;
            out.append('[');
            i++;
            if (i < p.length() && p.charAt(i) == '^') {
                out.append('^');
                i++;
            }
            boolean first = true;
            while (true) {
                if (i >= p.length()) {
                    i = start;
                    throw error("unterminated character set");
                }
                if (p.charAt(i) == ']' && !first) {
                    out.append(']');
                    i++;
                    return;
                }
                first = false;
                int itemStart = i;
                Object lo = classItem();
                if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                    i++;
                    Object hi = classItem();
                    if (!(lo instanceof Integer low) || !(hi instanceof Integer high) || high < low) {
                        String range = p.substring(itemStart, i);
                        i = itemStart;
                        throw error("bad character range " + range);
                    }
                    out.append(quoted(low)).append('-').append(quoted(high));
                } else {
                    out.append(lo instanceof Integer cp ? quoted(cp) : (String) lo);
                }
            }
        }

        /** One member of a class: a code point, or a class escape such as {@code \d} (as Java text). */
        private Object classItem() {
            if (p.charAt(i) != '\\') {
                int cp = p.codePointAt(i);
                i += Character.charCount(cp);
                return cp;
            }
            if (i + 1 >= p.length()) {
                throw error("bad escape (end of pattern)");
            }
            char c = p.charAt(i + 1);
            if ("dDsSwW".indexOf(c) >= 0) {
                i += 2;
                return "\\" + c;
            }
            return characterEscape(true);
        }

        /**
         * {@code (}: a plain group, {@code (?P<name>...)}, {@code (?P=name)}, a comment, flags
         * or one of the extensions both dialects share. Returns true for global flags.
         */
        private boolean group() {
            if (!p.startsWith("(?", i)) {
                open.push(new int[] {++groups, verbose ? 1 : 0});
                out.append('(');
                i++;
                return false;
            }
            int start = i;
            i += 2;
            if (i >= p.length()) {
                throw error("unexpected end of pattern");
            }
            char c = p.charAt(i);
            if (p.startsWith("P<", i)) {
                int close = p.indexOf('>', i);
                if (close < 0) {
                    throw error("missing >, unterminated name");
                }
                String name = p.substring(i + 2, close);
                if (name.isEmpty()) {
                    throw error("missing group name");
                }
                if (!isIdentifier(name)) {
                    throw error("bad character in group name '" + name + "'");
                }
                if (groupIndex.containsKey(name)) {
                    throw error("redefinition of group name '" + name + "' as group " + (groups + 1)
                            + "; was group " + groupIndex.get(name));
                }
                groupIndex.put(name, ++groups);
                open.push(new int[] {groups, verbose ? 1 : 0});
                out.append('(');
                i = close + 1;
                return false;
            }
            if (p.startsWith("P=", i)) {
                int close = p.indexOf(')', i);
                if (close < 0) {
                    throw error("missing ), unterminated name");
                }
                String name = p.substring(i + 2, close);
                if (!isIdentifier(name)) {
                    throw error("bad character in group name '" + name + "'");
                }
                Integer number = groupIndex.get(name);
                if (number == null) {
                    throw error("unknown group name '" + name + "'");
                }
                reference(number);
                i = close + 1;
                return false;
            }
            if (c == '#') {
                int close = p.indexOf(')', i);
                if (close < 0) {
                    throw error("missing ), unterminated comment");
                }
                i = close + 1;
                return true;
            }
            if (c == ':' || c == '=' || c == '!' || c == '>' || p.startsWith("<=", i) || p.startsWith("<!", i)) {
                String opener = c == '<' ? p.substring(start, i + 2) : p.substring(start, i + 1);
                open.push(new int[] {0, verbose ? 1 : 0});
                out.append(opener);
                i = start + opener.length();
                return false;
            }
            if ("aiLmsux-".indexOf(c) >= 0) {
                return flags(start);
            }
            throw error("unknown extension ?" + c);
        }

        /** {@code (?aimsux)} global flags, or {@code (?aimsux-imsx:...)} scoped ones. */
        private boolean flags(int start) {
            StringBuilder on = new StringBuilder();
            StringBuilder off = new StringBuilder();
            boolean negative = false;
            boolean localVerbose = verbose;
            while (i < p.length() && p.charAt(i) != ')' && p.charAt(i) != ':') {
                char f = p.charAt(i++);
                if (f == '-' && !negative) {
                    negative = true;
                    continue;
                }
                StringBuilder target = negative ? off : on;
                switch (f) {
                    case 'i', 'm', 's' -> target.append(f);
                    case 'x' -> localVerbose = !negative;
                    case 'u' -> {
                        if (negative) {
                            throw error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
                        }
                    }
                    case 'a' -> {
                        if (negative) {
                            throw error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
                        }
                        off.append('U');
                    }
                    case 'L' -> throw error("bad inline flags: cannot use 'L' flag with a str pattern");
                    default -> throw error("unknown flag");
                }
            }
            if (i >= p.length()) {
                throw error("missing -, : or )");
            }
            boolean scoped = p.charAt(i) == ':';
            if (!scoped && negative) {
                throw error("missing :");
            }
            i++;
            String java = "(?" + on + (off.length() > 0 ? "-" + off : "");
            if (scoped) {
                open.push(new int[] {0, verbose ? 1 : 0});
                verbose = localVerbose;
                out.append(java).append(':');
                return false;
            }
            if (!atStart || !open.isEmpty()) {
                i = start;
                throw error("global flags not at the start of the expression");
            }
            if (java.length() > 2) {
                out.append(java).append(')');
            }
            return true;
        }

        private void closeGroup() {
            if (open.isEmpty()) {
                throw error("unbalanced parenthesis");
            }
            int[] group = open.pop();
            if (group[0] > 0) {
                closedGroups.add(group[0]);
            }
            verbose = group[1] == 1;
            out.append(')');
            i++;
        }

        /**
         * A repeat ({@code *}, {@code +}, {@code ?} or a brace quantifier, {@code length}
         * characters of the Python pattern) with its optional lazy or possessive mark.
         */
        private void repeat(String javaQuantifier, int length) {
            if (afterRepeat) {
                throw error("multiple repeat");
            }
            out.append(javaQuantifier);
            i += length;
            if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
                out.append(p.charAt(i));
                i++;
            }
        }

        /**
         * {@code {m,n}} is a repeat only when complete ({@code {,n}} and {@code {,}} included);
         * else a literal {@code {}. Returns whether it was a repeat.
         */
        private boolean brace() {
            int j = i + 1;
            while (j < p.length() && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
                j++;
            }
            String lo = p.substring(i + 1, j);
            String hi = lo;
            boolean comma = j < p.length() && p.charAt(j) == ',';
            if (comma) {
                int k = ++j;
                while (j < p.length() && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
                    j++;
                }
                hi = p.substring(k, j);
            }
            if (j >= p.length() || p.charAt(j) != '}' || (!comma && lo.isEmpty())) {
                out.append("\\{");
                i++;
                return false;
            }
            if (!lo.isEmpty() && !hi.isEmpty() && new java.math.BigInteger(hi).compareTo(new java.math.BigInteger(lo)) < 0) {
                throw error("min repeat greater than max repeat");
            }
            repeat("{" + (lo.isEmpty() ? "0" : lo) + (comma ? "," + hi : "") + "}", j + 1 - i);
            return true;
        }
    }
}
