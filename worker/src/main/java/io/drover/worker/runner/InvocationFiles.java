package io.drover.worker.runner;

import static io.drover.worker.sut.ShellWords.quote;

import io.drover.tmt.Requirement;
import io.drover.tmt.TmtTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    private static final Dump YAML = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());

    private InvocationFiles() {
    }

    /** The script that creates the files of {@code invocation} in {@code dir}. */
    static String script(SutWorkspace workspace, TestInvocation invocation, String dir, String runId) {
        TmtTest test = invocation.test();
        StringBuilder script = new StringBuilder("set -e\nmkdir -p ").append(quote(dir + "/data")).append("\ncd ")
                .append(quote(dir)).append('\n');
        file(script, "test.sh", testScript(workspace, invocation, dir, runId));
        file(script, "cwd", workspace.treeDir() + normalizedPath(test.path()) + "\n");
        file(script, "require", packages(test.require()));
        file(script, "recommend", packages(test.recommend()));
        file(script, "metadata.yaml", YAML.dumpToString(new LinkedHashMap<>(test.data())));
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
        exports(script, tmt);
        // NAME=VALUE lines, the value as written (one pair of surrounding quotes dropped), as tmt reads them
        script.append("""
                if [ -s "$TMT_PLAN_ENVIRONMENT_FILE" ]; then
                    while IFS= read -r drover_line || [ -n "$drover_line" ]; do
                        [[ $drover_line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
                        drover_name=${BASH_REMATCH[2]} drover_value=${BASH_REMATCH[3]}
                        [[ $drover_value =~ ^\\"(.*)\\"$ || $drover_value =~ ^\\'(.*)\\'$ ]] && drover_value=${BASH_REMATCH[1]}
                        export "$drover_name=$drover_value"
                    done < "$TMT_PLAN_ENVIRONMENT_FILE"
                    unset drover_line drover_name drover_value
                fi
                """);
        exports(script, test.environment());
        exports(script, invocation.planEnvironment());
        exports(script, tmt);
        script.append("export PATH=").append(quote(workspace.binDir())).append(":\"$PATH\"\n");
        script.append("set -eo pipefail\n").append(test.test()).append('\n');
        return script.toString();
    }

    private static void exports(StringBuilder script, Map<String, String> variables) {
        variables.forEach((name, value) -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("environment variable name '" + name + "' is not valid in a shell");
            }
            script.append("export ").append(name).append('=').append(quote(value)).append('\n');
        });
    }

    private static String packages(List<Requirement> requirements) {
        StringBuilder lines = new StringBuilder();
        for (Requirement requirement : requirements) {
            if (!requirement.isPackage()) {
                throw new UnsupportedRequirementException("requirement of type '" + requirement.type() + "' ("
                        + requirement.details() + ") is not supported yet; only package names are");
            }
            if (requirement.name().startsWith("library(")) {
                throw new UnsupportedRequirementException("beakerlib library " + requirement.name()
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

    /** A quoted here-document: its content is written as it is, whatever it holds. */
    private static void file(StringBuilder script, String name, String content) {
        String end = "DROVER_EOF_" + UUID.randomUUID().toString().replace("-", "");
        script.append("cat > ").append(quote(name)).append(" <<'").append(end).append("'\n").append(content);
        if (!content.isEmpty() && !content.endsWith("\n")) {
            script.append('\n');
        }
        script.append(end).append('\n');
    }

    /** A requirement the runner cannot install: libraries, files. */
    static final class UnsupportedRequirementException extends IllegalArgumentException {
        UnsupportedRequirementException(String message) {
            super(message);
        }
    }
}
