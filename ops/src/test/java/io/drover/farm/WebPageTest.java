package io.drover.farm;

import static io.drover.farm.FarmFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.api.RunsApi;
import io.drover.coordinator.farm.FarmClients;
import io.drover.coordinator.store.EventStore;
import io.drover.coordinator.store.StoreDatabase;
import io.drover.coordinator.store.StoreReader;
import io.drover.coordinator.store.TestPostgres;
import io.drover.coordinator.web.WebPage;
import io.drover.job.FarmTopics;
import io.drover.tree.GitCheckouts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's web page in headless Chromium: the runs, then a run watched live to its end (counts, bar, each
 * test's state, failures first), a test's output while it is written, and its files.
 */
class WebPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the run view shows, read from the page. */
    private static final String SHOWN = """
            JSON.stringify({
              hidden: document.getElementById('run-view').hidden,
              state: document.getElementById('run-state').textContent,
              message: document.getElementById('run-message').textContent,
              counts: Object.fromEntries([...document.querySelectorAll('#counts li')]
                .map(li => [li.dataset.kind, li.textContent])),
              bar: Object.fromEntries([...document.querySelectorAll('#bar .seg')]
                .map(s => [s.dataset.kind, s.style.width])),
              rows: [...document.querySelectorAll('#tests tbody tr')]
                .map(r => ({test: r.dataset.test, kind: r.dataset.kind, status: r.cells[0].textContent})),
              name: document.getElementById('test-name').textContent,
              output: document.getElementById('test-output').textContent,
              files: [...document.querySelectorAll('#test-files a')].map(a => a.textContent)
            })""";

    @TempDir
    Path temp;

    @Test
    void aRunIsWatchedLiveToItsEndInHeadlessChromium() throws Exception {
        Path chromium = HeadlessChromium.find();
        assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium): the web page's browser "
                + "test is skipped");
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/a", "discover: {how: fmf}\nexecute: {how: tmt}\n"),
                Map.of("/slow", "test: for i in 1 2 3 4 5 6; do echo tick $i; sleep 1; done\nduration: 10m\n",
                        "/broken", "test: sleep 1; echo 'it <b>broke</b>' >&2; exit 1\n",
                        "/one", "test: sleep 2; echo one\n",
                        "/two", "test: sleep 2; echo two\n"));
        Path results = temp.resolve("results");
        try (FarmFixture farm = new FarmFixture(2);
             StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase());
             RunsApi api = RunsApi.start("127.0.0.1", 0, farm.submitter, farm.submitter::cancel,
                     new GitCheckouts(temp.resolve("git")), new StoreReader(db), farm.bootstrap, farm.topics, results,
                     List.of(WebPage.routes(db, results)));
             EventStore store = EventStore.start(new EventStore.Config(farm.bootstrap, Map.of(), farm.topics,
                     results, farm.log::add), db);
             HeadlessChromium browser = HeadlessChromium.start(chromium, temp.resolve("profile"))) {
            farm.dumpLogsOnFailure();
            farm.startCoordinator();
            farm.startWorker("w1", 2, Duration.ofSeconds(2));
            String page = "http://127.0.0.1:" + api.port() + "/";

            HttpResponse<String> created = post(api, "/api/v1/runs", "{\"tree\": \"" + tree + "\", \"suts\": "
                    + JSON.writeValueAsString(farm.pool()) + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String run = JSON.readTree(created.body()).get("run").textValue();

            // the runs, and the run's link in them
            browser.navigate(page);
            String link = "document.querySelector('#runs tr[data-run=\"" + run + "\"] a')";
            await(browser, "!!" + link, JsonNode::booleanValue, "the run listed at " + page);
            browser.evaluate(link + ".click()");

            // the slow test selected while it runs: its output shows as it is written
            await(browser, "!!document.querySelector('#tests tr[data-test=\"/tests/slow\"] a')", JsonNode::booleanValue,
                    "the slow test listed");
            browser.evaluate("document.querySelector('#tests tr[data-test=\"/tests/slow\"] a').click()");

            List<JsonNode> seen = new ArrayList<>();
            JsonNode last = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                last = JSON.readTree(browser.evaluate(SHOWN).textValue());
                seen.add(last);
                if (last.get("state").textValue().startsWith("finished") && last.get("output").textValue()
                        .contains("tick 6")) {
                    break;
                }
                Thread.sleep(150);
            }
            assertThat(last).isNotNull();
            assertThat(last.get("state").textValue()).as("%s\n%s", last, browser.log())
                    .isEqualTo("finished, exit code 1");
            assertThat(last.get("message").textValue()).isEmpty();

            // it progressed while the page watched: part done with tests running, the slow one's output growing
            assertThat(seen).anySatisfy(shown -> {
                assertThat(shown.get("counts").get("running").textValue()).isNotEqualTo("0 running");
                assertThat(shown.get("counts").get("done").textValue()).matches("[1-3]/4 done");
            });
            assertThat(seen).anySatisfy(shown -> {
                assertThat(row(shown, "/tests/slow").get("kind").textValue()).isEqualTo("running");
                assertThat(shown.get("output").textValue()).contains("tick 1").doesNotContain("tick 6");
            });

            // at the end: the counts, the bar, the failure first, each test's status
            assertThat(last.get("counts").get("done").textValue()).isEqualTo("4/4 done");
            assertThat(last.get("counts").get("pass").textValue()).isEqualTo("3 passed");
            assertThat(last.get("counts").get("fail").textValue()).isEqualTo("1 failed");
            assertThat(last.get("counts").get("pending").textValue()).isEqualTo("0 pending");
            assertThat(last.get("bar").get("fail").textValue()).isEqualTo("25%");
            assertThat(last.get("bar").get("pass").textValue()).isEqualTo("75%");
            assertThat(last.get("rows").get(0).get("test").textValue()).isEqualTo("/tests/broken");
            assertThat(last.get("rows")).extracting(r -> r.get("status").textValue())
                    .containsExactly("fail", "pass", "pass", "pass");
            assertThat(last.get("output").textValue()).isEqualTo("tick 1\ntick 2\ntick 3\ntick 4\ntick 5\ntick 6\n");
            // the store records the results file as the attempt ends
            JsonNode files = await(browser, "[...document.querySelectorAll('#test-files a')].map(a => a.textContent)"
                    + ".join(' ')", names -> names.textValue().equals("files/output.txt results"), "the slow test's files");
            assertThat(files.textValue()).isEqualTo("files/output.txt results");

            // the failure's output, its markup shown as text
            browser.evaluate("document.querySelector('#tests tr[data-test=\"/tests/broken\"] a').click()");
            JsonNode broken = await(browser, SHOWN, shown -> read(shown).get("output").textValue().contains("broke"),
                    "the broken test's output");
            assertThat(read(broken).get("name").textValue()).isEqualTo("/tests/broken");
            assertThat(read(broken).get("output").textValue()).isEqualTo("it <b>broke</b>\n");
            assertThat(browser.evaluate("document.querySelectorAll('#test-output b').length").intValue()).isZero();

            // the run's line in the list, once the store has its verdicts
            assertThat(store.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            browser.navigate(page);
            String cells = "[...document.querySelectorAll('#runs tr[data-run=\"" + run + "\"] td')]"
                    + ".map(td => td.textContent).join('|')";
            JsonNode line = await(browser, cells, text -> text.textValue().endsWith("|3|1|0|0|0|1"),
                    "the finished run in the list");
            assertThat(line.textValue()).contains("4/4");

            // once Kafka no longer has the run's events (here: a namespace without them), the store's tests are shown
            FarmTopics elsewhere = new FarmTopics(farm.topics.namespace() + "-emptied");
            FarmClients.ensureTopics(farm.bootstrap, Map.of(), elsewhere, 2);
            try (RunsApi later = RunsApi.start("127.0.0.1", 0, null, null, new GitCheckouts(temp.resolve("git")),
                    new StoreReader(db), farm.bootstrap, elsewhere, results, List.of(WebPage.routes(db, results)))) {
                browser.navigate("http://127.0.0.1:" + later.port() + "/#run=" + run);
                await(browser, "document.querySelectorAll('#tests tbody tr').length === 4", JsonNode::booleanValue,
                        "the run's tests from the store");
                JsonNode stored = await(browser, SHOWN, shown -> read(shown).get("rows").size() == 4,
                        "the run's tests from the store");
                JsonNode shown = read(stored);
                assertThat(shown.get("message").textValue()).isEqualTo("run " + run
                        + " has finished and its events are no longer on Kafka: the tests as the result store has them.");
                assertThat(shown.get("state").textValue()).isEqualTo("finished, exit code 1");
                assertThat(shown.get("counts").get("done").textValue()).isEqualTo("4/4 done");
                assertThat(shown.get("rows").get(0).get("test").textValue()).isEqualTo("/tests/broken");
                assertThat(shown.get("rows")).extracting(r -> r.get("status").textValue())
                        .containsExactly("fail", "pass", "pass", "pass");
            }
            farm.passed();
        }
    }

    @Test
    void filesAreServedOnlyWhenRecordedAndUnderTheRunsDirectory() throws Exception {
        Path results = temp.resolve("results");
        Path runDir = Files.createDirectories(results.resolve("20261203-100000-abcd/plans/a/tests/t/attempt-1/files"));
        Files.writeString(runDir.resolve("output.txt"), "0123456789");
        Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(runDir.resolve("link.txt"), temp.resolve("secret.txt"));
        Files.writeString(runDir.resolve("unrecorded.txt"), "not in the store");
        try (StoreDatabase db = StoreDatabase.open(TestPostgres.newDatabase());
             RunsApi api = RunsApi.start("127.0.0.1", 0, null, null, new GitCheckouts(temp.resolve("git")),
                     new StoreReader(db), "127.0.0.1:9", null, results, List.of(WebPage.routes(db, results)))) {
            for (String path : List.of("output.txt", "link.txt", "../../../../../../secret.txt")) {
                db.await(db.pool().preparedQuery("insert into artifacts (run, plan, test, attempt, path, size) "
                        + "values ($1, '/plans/a', '/tests/t', 1, $2, 10)").execute(io.vertx.sqlclient.Tuple.of(
                        "20261203-100000-abcd", path.startsWith("..") ? path : "plans/a/tests/t/attempt-1/files/"
                                + path)));
            }
            String base = "http://127.0.0.1:" + api.port() + "/api/v1/runs/20261203-100000-abcd/";
            HttpResponse<String> list = get(base + "files?test=/tests/t");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(list.body())).extracting(f -> f.get("name").textValue())
                    .containsExactlyInAnyOrder("files/output.txt", "files/link.txt", "../../../../../../secret.txt");
            String output = "file?path=plans/a/tests/t/attempt-1/files/output.txt";
            assertThat(get(base + output).body()).isEqualTo("0123456789");
            assertThat(get(base + output + "&from=4").body()).isEqualTo("456789");
            assertThat(get(base + output + "&from=10").body()).isEmpty();
            assertThat(get(base + output + "&from=x").statusCode()).isEqualTo(400);
            assertThat(get(base + "file?path=plans/a/tests/t/attempt-1/files/link.txt").statusCode()).isEqualTo(404);
            assertThat(get(base + "file?path=../../../../../../secret.txt").statusCode()).isEqualTo(404);
            assertThat(get(base + "file?path=plans/a/tests/t/attempt-1/files/unrecorded.txt").statusCode())
                    .isEqualTo(404);
            assertThat(get(base + "files").statusCode()).isEqualTo(400);
            HttpResponse<String> index = get("http://127.0.0.1:" + api.port() + "/");
            assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(index.body()).contains("<script src=\"/web/app.js\" defer></script>");
            assertThat(get("http://127.0.0.1:" + api.port() + "/web/app.js").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode read(JsonNode shown) {
        try {
            return JSON.readTree(shown.textValue());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode row(JsonNode shown, String test) {
        for (JsonNode row : shown.get("rows")) {
            if (test.equals(row.get("test").textValue())) {
                return row;
            }
        }
        return JSON.createObjectNode().put("kind", "missing");
    }

    /** Evaluates {@code expression} until its value passes {@code done}, for 60 seconds at most. */
    private static JsonNode await(HeadlessChromium browser, String expression, Predicate<JsonNode> done, String what)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode value = null;
        while (System.nanoTime() < deadline) {
            value = browser.evaluate(expression);
            if (done.test(value)) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited 60 s for " + what + "; last " + value + "\n" + browser.log());
    }
}
