package io.drover.coordinator.export;

import java.util.LinkedHashMap;
import java.util.Map;

/** The results formats by name: {@code table}, {@code json}, {@code junit}, {@code tmt}, {@code atex}. */
public final class ResultsFormats {
    private static final Map<String, ResultsFormat> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("table", new TableFormat());
        FORMATS.put("json", new JsonLinesFormat());
        FORMATS.put("junit", new JUnitXmlFormat());
        FORMATS.put("tmt", new TmtResultsFormat());
        FORMATS.put("atex", new AtexAggregateFormat());
    }

    private ResultsFormats() {
    }

    /** The format called {@code name}; an unknown name is an IllegalArgumentException naming the known ones. */
    public static ResultsFormat of(String name) {
        ResultsFormat format = FORMATS.get(name);
        if (format == null) {
            throw new IllegalArgumentException("unknown results format '" + name + "' (known: " + names() + ")");
        }
        return format;
    }

    /** The names, for messages and help: {@code table, json, junit, tmt, atex}. */
    public static String names() {
        return String.join(", ", FORMATS.keySet());
    }
}
