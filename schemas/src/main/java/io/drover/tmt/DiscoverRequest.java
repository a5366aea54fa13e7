package io.drover.tmt;

import io.drover.fmf.context.Context;
import java.util.List;

/**
 * What to discover: which plans, in which context, and the options that replace a plan's
 * own discover keys (as tmt's {@code discover --how fmf --test/--filter/...} options do).
 *
 * @param plans       plan name patterns (re.search, any); empty for every enabled plan
 * @param defaultPlan use tmt's default plan instead of the tree's plans
 * @param context     the caller's context; it wins over each plan's own {@code context}
 * @param test        replaces the phases' {@code test} when not null
 * @param include     replaces {@code include} when not null
 * @param exclude     replaces {@code exclude} when not null
 * @param filter      replaces {@code filter} when not null
 * @param link        replaces {@code link} when not null
 * @param names       narrows what each plan selected to tests matching any of these (tmt's {@code tests --name})
 */
public record DiscoverRequest(List<String> plans, boolean defaultPlan, Context context, List<String> test,
                              List<String> include, List<String> exclude, List<String> filter,
                              List<String> link, List<String> names) {
    public DiscoverRequest {
        plans = List.copyOf(plans);
        names = List.copyOf(names);
        test = test == null ? null : List.copyOf(test);
        include = include == null ? null : List.copyOf(include);
        exclude = exclude == null ? null : List.copyOf(exclude);
        filter = filter == null ? null : List.copyOf(filter);
        link = link == null ? null : List.copyOf(link);
    }

    /** Every enabled plan, as written, in the given context. */
    public static DiscoverRequest all(Context context) {
        return new DiscoverRequest(List.of(), false, context, null, null, null, null, null, List.of());
    }
}
