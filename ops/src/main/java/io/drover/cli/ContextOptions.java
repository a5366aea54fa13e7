package io.drover.cli;

import io.drover.fmf.FmfException;
import io.drover.fmf.FmfYaml;
import io.drover.fmf.PyValues;
import io.drover.fmf.context.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code -c DIM=VALUE[,VALUE...]} and {@code -c @file.yaml}, as tmt reads them; later ones win. */
final class ContextOptions {
    @Option(names = {"-c", "--context"}, paramLabel = "DIM=VALUE[,VALUE...]",
            description = "A context dimension (comma: several values), or @FILE with a YAML mapping. Repeatable.")
    List<String> items = new ArrayList<>();

    boolean isEmpty() {
        return items.isEmpty();
    }

    Context context() {
        Map<String, Object> dimensions = new LinkedHashMap<>();
        for (String item : items) {
            if (item.startsWith("@")) {
                dimensions.putAll(readFile(Path.of(item.substring(1))));
                continue;
            }
            int eq = item.indexOf('=');
            String dimension = eq < 0 ? "" : item.substring(0, eq).strip();
            if (eq < 0 || !dimension.matches("[\\w-]+")) {
                throw new ExitCodes.UsageException("invalid context '" + item
                        + "': expected DIMENSION=VALUE[,VALUE...] or @FILE.yaml");
            }
            List<String> values = new ArrayList<>();
            for (String value : item.substring(eq + 1).split(",")) {
                if (!value.isBlank()) {
                    values.add(value.strip());
                }
            }
            dimensions.put(dimension, values);
        }
        return Context.of(dimensions);
    }

    private static Map<String, Object> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ExitCodes.UsageException("context file '" + file + "' does not exist");
        }
        Object data;
        try {
            data = FmfYaml.load(file);
        } catch (FmfException e) {
            throw new ExitCodes.UsageException("context file " + e.getMessage());
        }
        if (data == null) {
            return Map.of();
        }
        if (!(data instanceof Map<?, ?> map)) {
            throw new ExitCodes.UsageException("context file '" + file + "' should hold a mapping of dimensions, got a '"
                    + PyValues.typeName(data) + "'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put((String) k, v));
        return out;
    }
}
