package io.drover.tmt;

import java.util.List;
import java.util.Map;

/** One phase of {@code finish}: {@code how: shell} with {@code script}. */
public record FinishPhase(String name, String how, List<String> script, Map<String, Object> data) {
    static FinishPhase of(Map<String, Object> phase, String where) {
        MetadataReader keys = new MetadataReader(phase, where + " finish phase '" + phase.get("name") + "'");
        return new FinishPhase((String) phase.get("name"), (String) phase.get("how"), keys.stringList("script"), phase);
    }
}
