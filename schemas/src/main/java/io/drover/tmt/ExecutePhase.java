package io.drover.tmt;

import java.util.List;
import java.util.Map;

/** One phase of {@code execute}: {@code how: tmt}, optionally with a {@code script} that is the plan's only test. */
public record ExecutePhase(String name, String how, List<String> script, boolean exitFirst,
                           Map<String, Object> data) {
    static ExecutePhase of(Map<String, Object> phase, String where) {
        MetadataReader keys = new MetadataReader(phase, where + " execute phase '" + phase.get("name") + "'");
        return new ExecutePhase((String) phase.get("name"), (String) phase.get("how"),
                keys.stringList("script"), keys.bool("exit-first", false), phase);
    }
}
