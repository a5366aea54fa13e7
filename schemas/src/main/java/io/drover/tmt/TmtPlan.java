package io.drover.tmt;

import io.drover.fmf.FmfNode;
import io.drover.fmf.PyValues;
import io.drover.fmf.context.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tmt plan (an L2 object): its steps normalized into phases, its environment and
 * context. {@code context} is the plan's own; discovery joins it with the caller's, and
 * the caller's values win.
 */
public record TmtPlan(String name, String summary, String description, boolean enabled, int order,
                      Map<String, String> environment, List<String> environmentFile, Context context,
                      List<Link> link, List<DiscoverPhase> discover, List<Map<String, Object>> provision,
                      List<PreparePhase> prepare, List<ExecutePhase> execute, List<Map<String, Object>> report,
                      List<FinishPhase> finish, List<Map<String, Object>> cleanup, Map<String, Object> data) {
    public static final String DEFAULT_PLAN_NAME = "/default/plan";

    public static TmtPlan of(FmfNode node) {
        return of(node.name(), node.data(), node.definedIn().map(Object::toString).orElse(null));
    }

    public static TmtPlan of(String name, Map<String, Object> data, String file) {
        String where = "plan '" + name + "'" + (file == null ? "" : " (" + file + ")");
        MetadataReader keys = new MetadataReader(data, where);
        if (data.containsKey("plan")) {
            throw new SpecificationException(where + ": importing plans (key 'plan') is not supported yet");
        }
        Object contextValue = data.get("context");
        if (contextValue != null && !(contextValue instanceof Map)) {
            throw keys.error("context", "should be a mapping of dimensions, got a '"
                    + PyValues.typeName(contextValue) + "'");
        }
        @SuppressWarnings("unchecked")
        Context context = contextValue == null ? Context.empty() : Context.of((Map<String, ?>) contextValue);
        Object discoverValue = data.get("discover");
        return new TmtPlan(name, keys.string("summary", null), keys.string("description", null),
                keys.bool("enabled", true), keys.integer("order", 50), keys.stringMap("environment"),
                keys.stringList("environment-file"), context, Link.parse(data.get("link"), where),
                phases(data, "discover", where).stream().map(p -> DiscoverPhase.of(p, where)).toList(),
                phases(data, "provision", where),
                phases(data, "prepare", where).stream().map(p -> PreparePhase.of(p, where)).toList(),
                phases(data, "execute", where).stream().map(p -> ExecutePhase.of(p, where)).toList(),
                phases(data, "report", where),
                phases(data, "finish", where).stream().map(p -> FinishPhase.of(p, where)).toList(),
                phases(data, "cleanup", where),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data)));
    }

    private static List<Map<String, Object>> phases(Map<String, Object> data, String step, String where) {
        return StepPhases.normalize(data.get(step), step, where);
    }

    /** tmt's default plan for a tree without plans: discover every test with fmf, execute with tmt. */
    public static TmtPlan defaultPlan() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("discover", new LinkedHashMap<>(Map.of("how", "fmf")));
        data.put("execute", new LinkedHashMap<>(Map.of("how", "tmt")));
        return of(DEFAULT_PLAN_NAME, data, null);
    }

    /** The keys {@code tmt plans export} prints for the steps and plan attributes, sorted by key. */
    public Map<String, Object> export() {
        Map<String, Object> out = new TreeMap<>();
        out.put("name", name);
        out.put("summary", summary);
        out.put("description", description);
        out.put("enabled", enabled);
        out.put("order", (long) order);
        out.put("environment", environment);
        Map<String, Object> contextOut = new LinkedHashMap<>();
        context.dimensions().forEach((k, v) -> contextOut.put(k, new ArrayList<>(v)));
        out.put("context", contextOut);
        out.put("link", link.stream().map(Link::export).toList());
        out.put("discover", discover.stream().map(DiscoverPhase::data).toList());
        out.put("provision", provision);
        out.put("prepare", prepare.stream().map(PreparePhase::data).toList());
        out.put("execute", execute.stream().map(ExecutePhase::data).toList());
        out.put("report", report);
        out.put("finish", finish.stream().map(FinishPhase::data).toList());
        out.put("cleanup", cleanup);
        return out;
    }
}
