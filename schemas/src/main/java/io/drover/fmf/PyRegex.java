package io.drover.fmf;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python {@code re} semantics on top of {@link java.util.regex}: fmf metadata is written
 * against Python's regular expressions, so patterns and {@code re.sub} replacement
 * templates are translated where the two dialects differ. Compiled patterns are cached:
 * the same few patterns are applied to every node of a large tree.
 */
public final class PyRegex {
    private static final int MAX_CACHE = 4096;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private PyRegex() {
    }

    /** Compiles a Python pattern; an invalid one raises {@link InvalidRegexException}. */
    public static Pattern compile(String pythonPattern) {
        Pattern cached = CACHE.get(pythonPattern);
        if (cached != null) {
            return cached;
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(translate(pythonPattern), Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw new InvalidRegexException("Invalid regular expression '" + pythonPattern + "': "
                    + e.getDescription());
        }
        if (CACHE.size() >= MAX_CACHE) {
            CACHE.clear();
        }
        CACHE.put(pythonPattern, compiled);
        return compiled;
    }

    /** {@code re.search(pattern, text) is not None}. */
    public static boolean search(String pattern, String text) {
        return compile(pattern).matcher(text).find();
    }

    /** {@code re.match(pattern, text) is not None}: anchored at the start only. */
    public static boolean match(String pattern, String text) {
        return compile(pattern).matcher(text).lookingAt();
    }

    /** {@code re.sub(pattern, replacement, text)}: every match replaced, Python template syntax. */
    public static String sub(String pattern, String replacement, String text) {
        Matcher m = compile(pattern).matcher(text);
        if (!m.find()) {
            return text;
        }
        Object[] template = parseTemplate(replacement, m.groupCount(), pattern);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, m.start());
            for (Object part : template) {
                if (part instanceof String literal) {
                    out.append(literal);
                } else if (part instanceof Integer group) {
                    String value = m.group(group);
                    if (value != null) {
                        out.append(value);
                    }
                } else {
                    String value = m.group(((GroupName) part).name());
                    if (value != null) {
                        out.append(value);
                    }
                }
            }
            last = m.end();
        } while (m.find());
        out.append(text, last, text.length());
        return out.toString();
    }

    private record GroupName(String name) {
    }

    /** Splits a Python replacement template into literal strings and group references. */
    private static Object[] parseTemplate(String template, int groupCount, String pattern) {
        java.util.List<Object> parts = new java.util.ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 >= template.length()) {
                literal.append(c);
                continue;
            }
            char next = template.charAt(++i);
            Object group = null;
            if (next == 'g') {
                int close = template.indexOf('>', i);
                if (i + 1 >= template.length() || template.charAt(i + 1) != '<' || close < 0) {
                    throw new InvalidRegexException("Missing group name in replacement '" + template + "'");
                }
                String ref = template.substring(i + 2, close);
                i = close;
                if (ref.chars().allMatch(Character::isDigit) && !ref.isEmpty()) {
                    group = checkGroup(Integer.parseInt(ref), groupCount, template);
                } else {
                    if (!pattern.contains("(?P<" + ref + ">")) {
                        throw new InvalidRegexException("Unknown group name '" + ref + "' in replacement '" + template + "'");
                    }
                    group = new GroupName(ref);
                }
            } else if (next >= '1' && next <= '9') {
                int number = next - '0';
                if (i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                    number = number * 10 + (template.charAt(++i) - '0');
                }
                group = checkGroup(number, groupCount, template);
            } else {
                switch (next) {
                    case 'n' -> literal.append('\n');
                    case 't' -> literal.append('\t');
                    case 'r' -> literal.append('\r');
                    case 'f' -> literal.append('\f');
                    case 'v' -> literal.append('\u000b');
                    case 'a' -> literal.append('\u0007');
                    case 'b' -> literal.append('\b');
                    case '0' -> literal.append('\0');
                    case '\\' -> literal.append('\\');
                    default -> {
                        if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')) {
                            throw new InvalidRegexException("Bad escape \\" + next + " in replacement '" + template + "'");
                        }
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

    private static Integer checkGroup(int number, int groupCount, String template) {
        if (number > groupCount) {
            throw new InvalidRegexException("Invalid group reference " + number + " in replacement '" + template + "'");
        }
        return number;
    }

    /** Rewrites the Python-only constructs of a pattern into their Java equivalents. */
    static String translate(String p) {
        StringBuilder out = new StringBuilder(p.length() + 8);
        boolean inClass = false;
        int classBody = -1;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                char next = p.charAt(i + 1);
                out.append(next == 'Z' && !inClass ? "\\z" : "\\" + next);
                i++;
            } else if (inClass) {
                if (c == ']' && i != classBody) {
                    inClass = false;
                    out.append(c);
                } else if (c == '[') {
                    out.append("\\[");
                } else if (c == '&' && i + 1 < p.length() && p.charAt(i + 1) == '&') {
                    out.append("&\\&");
                    i++;
                } else {
                    out.append(c);
                }
            } else if (c == '[') {
                inClass = true;
                out.append(c);
                if (i + 1 < p.length() && p.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                classBody = i + 1;
            } else if (c == '(' && p.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 3;
            } else if (c == '(' && p.startsWith("(?P=", i)) {
                int close = p.indexOf(')', i);
                if (close < 0) {
                    out.append(p, i, p.length());
                    break;
                }
                out.append("\\k<").append(p, i + 4, close).append('>');
                i = close;
            } else if (c == '{') {
                int close = p.indexOf('}', i);
                String body = close < 0 ? null : p.substring(i + 1, close);
                if (body != null && body.matches("\\d+(,\\d*)?")) {
                    out.append(c);
                } else if (body != null && body.matches(",\\d+")) {
                    out.append("{0").append(body).append('}');
                    i = close;
                } else {
                    out.append("\\{");
                }
            } else if (c == '}') {
                out.append(isQuantifierEnd(p, i) ? "}" : "\\}");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isQuantifierEnd(String p, int i) {
        int open = p.lastIndexOf('{', i);
        return open >= 0 && p.substring(open + 1, i).matches("\\d+(,\\d*)?|,\\d+");
    }
}
