package io.drover.tmt;

import io.drover.fmf.FmfException;
import io.drover.fmf.FmfYaml;
import io.drover.fmf.PyValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan's {@code environment-file}: files relative to the fmf tree's root, read in order, later
 * ones winning. A {@code .yaml}/{@code .yml} file is a mapping; any other is {@code NAME=VALUE}
 * lines ({@code #} comments, an optional {@code export}, one pair of surrounding quotes dropped).
 */
public final class EnvironmentFiles {
    private static final Pattern LINE =
            Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)");

    private EnvironmentFiles() {
    }

    /** The variables of {@code plan}'s environment files, then its {@code environment} over them. */
    public static Map<String, String> planEnvironment(TmtPlan plan, Path treeRoot) {
        Map<String, String> variables = new LinkedHashMap<>(read(treeRoot, plan.environmentFile(), plan.name()));
        variables.putAll(plan.environment());
        return variables;
    }

    static Map<String, String> read(Path treeRoot, List<String> files, String plan) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String name : files) {
            Path file = treeRoot.resolve(name).normalize();
            String where = "plan " + plan + ": environment-file " + name;
            if (!file.startsWith(treeRoot.normalize())) {
                throw new SpecificationException(where + " is outside the fmf tree");
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SpecificationException(where + ": cannot read " + file + " (" + e.getMessage() + ")");
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                variables.putAll(yaml(text, where));
            } else {
                variables.putAll(dotenv(text));
            }
        }
        return variables;
    }

    private static Map<String, String> yaml(String text, String where) {
        Object data;
        try {
            data = FmfYaml.parse(text, where);
        } catch (FmfException e) {
            throw new SpecificationException(e.getMessage());
        }
        if (data == null) {
            return Map.of();
        }
        if (!(data instanceof Map<?, ?> map)) {
            throw new SpecificationException(where + ": should be a mapping of variables");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        map.forEach((key, value) -> variables.put(String.valueOf(key), value == null ? "" : PyValues.str(value)));
        return variables;
    }

    private static Map<String, String> dotenv(String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            Matcher m = LINE.matcher(line.stripTrailing());
            if (line.strip().startsWith("#") || !m.matches()) {
                continue;
            }
            String value = m.group(2);
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            variables.put(m.group(1), value);
        }
        return variables;
    }
}
