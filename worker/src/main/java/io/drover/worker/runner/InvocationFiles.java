package io.drover.worker.runner;

import static io.drover.worker.sut.ShellWords.quote;

import io.drover.tmt.Requirement;
import io.drover.tmt.TmtTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The files of one test attempt on the SUT, written by one bash script the worker sends:
 * {@code test.sh} (tmt's environment, then {@code set -eo pipefail} and the test), {@code cwd},
 * {@code require}, {@code recommend} (package names, one a line), {@code metadata.yaml}
 * ({@code TMT_TEST_METADATA}) and {@code data/} ({@code TMT_TEST_DATA}).
 */
final class InvocationFiles {
    /** Settings are immutable and shared; a {@link Dump} is not thread-safe, so each script gets its own. */
    private static final DumpSettings YAML = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();

    private InvocationFiles() {
    }

    /** The script that creates the files of {@code invocation} in {@code dir}. */
    static String script(SutWorkspace workspace, TestInvocation invocation, String dir, String runId) {
        TmtTest test = invocation.test();
        StringBuilder script = new StringBuilder("set -e\nmkdir -p ").append(quote(dir + "/data")).append("\ncd ")
                .append(quote(dir)).append('\n');
        ShellScripts.file(script, "test.sh", testScript(workspace, invocation, dir, runId));
        ShellScripts.file(script, "cwd", workspace.treeDir() + normalizedPath(test.path()) + "\n");
        ShellScripts.file(script, "require", packages(test.require()));
        ShellScripts.file(script, "recommend", packages(test.recommend()));
        ShellScripts.file(script, "metadata.yaml", new Dump(YAML).dumpToString(new LinkedHashMap<>(test.data())));
        return script.toString();
    }

    /** The environment in tmt's order: the plan's environment file first, then test, plan and tmt's own. */
    private static String testScript(SutWorkspace workspace, TestInvocation invocation, String dir, String runId) {
        TmtTest test = invocation.test();
        Map<String, String> tmt = new LinkedHashMap<>();
        tmt.put("TMT_TREE", workspace.treeDir());
        tmt.put("TMT_PLAN_DATA", workspace.planData(invocation.plan()));
        tmt.put("TMT_PLAN_ENVIRONMENT_FILE", workspace.planEnvironmentFile(invocation.plan()));
        tmt.put("TMT_TEST_NAME", invocation.name());
        tmt.put("TMT_TEST_DATA", dir + "/data");
        tmt.put("TMT_TEST_METADATA", dir + "/metadata.yaml");
        tmt.put("TMT_TEST_SERIAL_NUMBER", Integer.toString(invocation.serialNumber()));
        tmt.put("TMT_TEST_ITERATION_ID", runId + "-" + invocation.serialNumber());
        tmt.put("DROVER_RESULT_MODE", test.result() == null ? "respect" : test.result());

        StringBuilder script = new StringBuilder("#!/bin/bash\n# ").append(invocation.name().replace('\n', ' '))
                .append(" (").append(invocation.plan().replace('\n', ' ')).append("), written by Drover\n");
        ShellScripts.exports(script, tmt);
        script.append(ShellScripts.IMPORT_PLAN_ENVIRONMENT_FILE);
        ShellScripts.exports(script, test.environment());
        ShellScripts.exports(script, invocation.planEnvironment());
        ShellScripts.exports(script, tmt);
        script.append("export PATH=").append(quote(workspace.binDir())).append(":\"$PATH\"\n");
        script.append("set -eo pipefail\n").append(test.test()).append('\n');
        return script.toString();
    }

    private static String packages(List<Requirement> requirements) {
        StringBuilder lines = new StringBuilder();
        for (Requirement requirement : requirements) {
            if (!requirement.isPackage()) {
                throw new IllegalArgumentException("requirement of type '" + requirement.type() + "' ("
                        + requirement.details() + ") is not supported yet; only package names are");
            }
            if (requirement.name().startsWith("library(")) {
                throw new IllegalArgumentException("beakerlib library " + requirement.name()
                        + " is not supported yet; only package names are");
            }
            lines.append(requirement.name()).append('\n');
        }
        return lines.toString();
    }

    private static String normalizedPath(String path) {
        String trimmed = path == null ? "" : path.replaceAll("/+$", "");
        return trimmed.isEmpty() || trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }
}
