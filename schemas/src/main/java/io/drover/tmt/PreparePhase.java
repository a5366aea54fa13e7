package io.drover.tmt;

import java.util.List;
import java.util.Map;

/**
 * One phase of {@code prepare}: {@code how: install} with {@code package} and
 * {@code missing} ({@code fail} or {@code skip}), or {@code how: shell} with {@code script}.
 */
public record PreparePhase(String name, String how, List<String> packages, String missing,
                           List<String> script, Map<String, Object> data) {
    static PreparePhase of(Map<String, Object> phase, String where) {
        MetadataReader keys = new MetadataReader(phase, where + " prepare phase '" + phase.get("name") + "'");
        return new PreparePhase((String) phase.get("name"), (String) phase.get("how"),
                keys.stringList("package"), keys.choice("missing", "fail", List.of("fail", "skip")),
                keys.stringList("script"), phase);
    }
}
