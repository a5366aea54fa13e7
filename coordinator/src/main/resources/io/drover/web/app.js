'use strict';
// Drover's page: the runs, a run's live progress from its events (GET /api/v1/runs/ID/events), a test's files and
// its output as it is written. Every name from the API goes into the page as text (textContent), never as HTML.
(() => {
  const RANK = { fail: 0, error: 1, infra: 2, running: 3, pending: 4, pass: 5, skip: 6 };
  const LABEL = { fail: 'failed', error: 'errored', infra: 'infrastructure', running: 'running', pending: 'pending',
    pass: 'passed', skip: 'skipped' };
  const BAR = ['fail', 'error', 'infra', 'pass', 'skip', 'running'];
  const INFRA = ['sut-lost', 'sut-setup', 'protocol', 'worker-lost'];
  const MAX_SHOWN = 1 << 20; // output bytes shown at most; the file link has the rest
  const $ = id => document.getElementById(id);
  const enc = encodeURIComponent;
  let view = null;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function show(id) {
    for (const section of ['runs-view', 'run-view']) $(section).hidden = section !== id;
  }

  // reads that need the API token (--read-token-required) send it as a cookie, which EventSource sends too
  function askForToken() {
    const token = window.prompt('This Drover needs its API token to show runs:');
    if (token) {
      document.cookie = 'drover-token=' + encodeURIComponent(token.trim()) + '; path=/; SameSite=Strict';
      location.reload();
    }
  }

  async function getJson(url) {
    const response = await fetch(url, { cache: 'no-store' });
    if (response.status === 401) askForToken();
    const text = await response.text();
    let body = null;
    try { body = JSON.parse(text); } catch (e) { /* not JSON: the status says it */ }
    if (!response.ok) throw new Error((body && body.error) || response.status + ' ' + response.statusText);
    return body;
  }

  // a verdict's kind, as the store and run.finished count them
  function kind(status, failureClass) {
    if (failureClass === null || failureClass === undefined) return status === 'skip' ? 'skip' : 'pass';
    if (INFRA.includes(failureClass)) return 'infra';
    return failureClass === 'test' && (status === 'fail' || status === 'warn') ? 'fail' : 'error';
  }

  function bar(counts, total, mini) {
    const div = el('div', mini ? 'bar mini' : 'bar');
    for (const k of BAR) {
      const segment = el('span', 'seg ' + k);
      segment.dataset.kind = k;
      segment.style.width = (total ? counts[k] * 100 / total : 0) + '%';
      segment.title = counts[k] + ' ' + LABEL[k];
      div.append(segment);
    }
    return div;
  }

  function route() {
    const params = new URLSearchParams(location.hash.slice(1));
    const run = params.get('run');
    if (!(view && run && view.run === run)) {
      if (view) view.stop();
      view = run ? runView(run) : runsView();
    }
    view.select(params.get('plan'), params.get('test'));
  }

  function runsView() {
    show('runs-view');
    let stopped = false;
    let timer = null;
    async function load() {
      try {
        const runs = await getJson('/api/v1/runs?limit=50');
        if (stopped) return;
        $('runs').tBodies[0].replaceChildren(...runs.map(runRow));
        $('runs-message').textContent = runs.length ? '' : 'No runs yet.';
      } catch (e) {
        if (!stopped) $('runs-message').textContent = 'Cannot read the runs: ' + e.message;
      }
      if (!stopped) timer = setTimeout(load, 3000);
    }
    load();
    return { run: null, select() {}, stop() { stopped = true; clearTimeout(timer); } };
  }

  function runRow(r) {
    const row = el('tr');
    row.dataset.run = r.run;
    const link = el('a', null, r.run);
    link.href = '#run=' + enc(r.run);
    const created = r.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    row.append(el('td'), el('td', null, r.tree + (r.ref ? ' @ ' + r.ref.slice(0, 12) : '')), el('td', null, created));
    row.cells[0].append(link);
    const counts = { fail: r.failed, error: r.errored, infra: r.infrastructure, pass: r.passed, skip: r.skipped,
      running: 0 };
    const progress = el('td');
    progress.append(bar(counts, r.tests, true), el('span', null, r.done + '/' + r.tests));
    row.append(progress);
    for (const k of ['passed', 'failed', 'errored', 'skipped', 'infrastructure']) row.append(el('td', 'num', r[k]));
    row.append(el('td', 'num', r.finishedAt === null ? 'running' : r.exitCode));
    return row;
  }

  function runView(run) {
    show('run-view');
    $('run-id').textContent = run;
    $('run-tree').textContent = '';
    $('run-message').textContent = '';
    $('tests').tBodies[0].replaceChildren();
    const tests = new Map();
    let total = 0;
    let finished = null;
    let cancelled = null;
    let stopped = false;
    let renderTimer = null;
    let selected = null;
    let follower = null;

    getJson('/api/v1/runs/' + enc(run)).catch(e => { $('run-message').textContent = e.message; });

    const key = (plan, test) => plan + '\u0000' + test;
    function test(e) {
      let t = tests.get(key(e.plan, e.test));
      if (!t) {
        t = { plan: e.plan, test: e.test, serial: 0, attempt: 0, kind: 'pending', status: null, reason: '',
          verdict: false, row: null };
        tests.set(key(e.plan, e.test), t);
      }
      t.changed = true;
      return t;
    }

    const events = new EventSource('/api/v1/runs/' + enc(run) + '/events');
    function on(type, handle) {
      events.addEventListener(type, message => {
        handle(JSON.parse(message.data));
        changed();
      });
    }
    on('run.created', e => {
      total = e.tests;
      $('run-tree').textContent = e.tree + (e.ref ? ' @ ' + e.ref : '') + ' \u2014 ' + e.plans.join(', ')
        + ' \u2014 created ' + e.ts;
    });
    on('test.pending', e => { test(e).serial = e.serial; });
    on('test.started', e => {
      const t = test(e);
      if (!t.verdict && e.attempt >= t.attempt) Object.assign(t, { attempt: e.attempt, kind: 'running', sut: e.sut });
    });
    on('test.finished', e => {
      const t = test(e);
      if (!t.verdict && e.attempt >= t.attempt) Object.assign(t, { status: e.status, reason: e.reason });
    });
    on('test.verdict', e => {
      Object.assign(test(e), { verdict: true, attempt: e.attempt, kind: kind(e.status, e.failureClass),
        status: e.status, reason: e.reason + (e.knownIssue ? ' [known issue ' + e.knownIssue + ']' : '')
          + (e.flaky ? ' [flaky]' : '') });
    });
    on('run.cancelled', e => { if (e.test === null) cancelled = e.reason; });
    on('run.finished', e => {
      finished = e;
      events.close();
    });
    // the server's own 'error' event carries data; the browser's (connection lost, it retries) carries none
    events.addEventListener('error', message => {
      if (message.data) {
        events.close();
        const error = JSON.parse(message.data).error;
        if (tests.size === 0) fromStore(error);
        else $('run-message').textContent = 'The events stopped: ' + error;
      } else if (!finished) {
        $('run-message').textContent = events.readyState === EventSource.CLOSED ? 'Lost the run\u2019s events.'
          : 'Reconnecting to the run\u2019s events\u2026';
      }
    });
    events.addEventListener('open', () => { $('run-message').textContent = ''; });

    // a run none of whose events Kafka still has: its tests as the result store has them
    async function fromStore(why) {
      try {
        const [summary, stored] = await Promise.all([getJson('/api/v1/runs/' + enc(run)),
          getJson('/api/v1/runs/' + enc(run) + '/tests')]);
        total = summary.tests;
        $('run-tree').textContent = summary.tree + (summary.ref ? ' @ ' + summary.ref : '')
          + ' \u2014 created ' + summary.createdAt;
        if (summary.finishedAt) finished = { exitCode: summary.exitCode };
        for (const s of stored) {
          const verdict = s.status !== 'pending' && s.status !== 'running';
          Object.assign(test(s), { serial: s.serial, attempt: s.attempt, sut: s.sut, verdict,
            kind: verdict ? kind(s.status, s.failureClass) : s.status, status: s.status,
            reason: (s.reason || '') + (s.knownIssue ? ' [known issue ' + s.knownIssue + ']' : '')
              + (s.flaky ? ' [flaky]' : '') });
        }
        $('run-message').textContent = why + ': the tests as the result store has them.';
        changed();
      } catch (e) {
        $('run-message').textContent = 'The events stopped: ' + why + ' (' + e.message + ')';
      }
    }

    function changed() {
      if (!renderTimer) renderTimer = setTimeout(render, 100);
    }

    function render() {
      renderTimer = null;
      if (stopped) return;
      const counts = { fail: 0, error: 0, infra: 0, running: 0, pending: 0, pass: 0, skip: 0 };
      for (const t of tests.values()) counts[t.kind]++;
      const all = Math.max(total, tests.size);
      const done = all - counts.running - counts.pending;
      const state = $('run-state');
      state.dataset.state = finished ? 'finished' : 'running';
      state.textContent = finished ? 'finished, exit code ' + finished.exitCode
        : cancelled ? 'cancelling: ' + cancelled : 'running';
      const summary = el('li', null, done + '/' + all + ' done');
      summary.dataset.kind = 'done';
      $('counts').replaceChildren(summary, ...Object.keys(RANK).map(k => {
        const item = el('li', null, counts[k] + ' ' + LABEL[k]);
        item.dataset.kind = k;
        item.dataset.count = counts[k];
        return item;
      }));
      const progress = bar(counts, all, false);
      progress.id = 'bar';
      progress.setAttribute('role', 'progressbar');
      progress.setAttribute('aria-valuemax', all);
      progress.setAttribute('aria-valuenow', done);
      $('bar').replaceWith(progress);
      const order = [...tests.values()].sort((a, b) => RANK[a.kind] - RANK[b.kind]
        || (a.plan < b.plan ? -1 : a.plan > b.plan ? 1 : 0) || a.serial - b.serial);
      const body = $('tests').tBodies[0];
      order.forEach((t, i) => {
        if (!t.row) t.row = testRow(t);
        if (t.changed) updateRow(t);
        if (body.rows[i] !== t.row) body.insertBefore(t.row, body.rows[i] || null);
      });
      if (selected) describe(tests.get(key(selected.plan, selected.test)));
    }

    function testRow(t) {
      const row = el('tr');
      const link = el('a', null, t.test);
      link.href = '#' + new URLSearchParams({ run, plan: t.plan, test: t.test });
      row.append(el('td', 'kind'), el('td'), el('td', null, t.plan), el('td', 'num'), el('td', 'reason'));
      row.cells[1].append(link);
      row.dataset.test = t.test;
      row.dataset.plan = t.plan;
      row.addEventListener('click', event => {
        if (event.target.tagName !== 'A') location.hash = link.getAttribute('href');
      });
      return row;
    }

    function updateRow(t) {
      t.changed = false;
      t.row.dataset.kind = t.kind;
      t.row.cells[0].textContent = t.verdict ? t.status : t.kind;
      t.row.cells[3].textContent = t.attempt || '';
      t.row.cells[4].textContent = t.reason;
      t.row.classList.toggle('selected', !!selected && selected.plan === t.plan && selected.test === t.test);
    }

    function describe(t) {
      if (!t) return;
      $('test-name').textContent = t.test;
      $('test-state').textContent = (t.verdict ? t.status : t.kind) + ' \u2014 plan ' + t.plan
        + (t.attempt ? ', attempt ' + t.attempt : '') + (t.sut ? ', on ' + t.sut : '');
      $('test-state').dataset.kind = t.kind;
      $('test-reason').textContent = t.reason;
    }

    function select(plan, name) {
      if (follower) follower.stop();
      follower = null;
      const was = selected;
      selected = name ? { plan, test: name } : null;
      for (const s of [was, selected]) {
        const t = s && tests.get(key(s.plan, s.test));
        if (t) t.changed = true;
      }
      $('test-view').hidden = !selected;
      if (selected) {
        $('test-name').textContent = name;
        $('test-state').textContent = '';
        $('test-reason').textContent = '';
        follower = followFiles(run, plan, name, () => tests.get(key(plan, name)));
      }
      changed();
    }

    return {
      run,
      select,
      stop() {
        stopped = true;
        events.close();
        if (follower) follower.stop();
        clearTimeout(renderTimer);
      },
    };
  }

  // a test's files, and its output followed as it grows, until a while after its verdict
  function followFiles(run, plan, name, current) {
    const output = $('test-output');
    output.textContent = '';
    output.dataset.bytes = 0;
    $('test-files').replaceChildren();
    const fileUrl = path => '/api/v1/runs/' + enc(run) + '/file?' + new URLSearchParams({ path });
    let stopped = false;
    let timer = null;
    let path = null;
    let offset = 0;
    let decoder = null;
    let quietAfterVerdict = 0;
    let lastListed = null;

    async function tick() {
      const t = current();
      const ended = !!(t && t.verdict);
      let grew = false;
      try {
        const query = new URLSearchParams({ test: name });
        if (plan) query.set('plan', plan);
        const files = await getJson('/api/v1/runs/' + enc(run) + '/files?' + query);
        if (stopped) return;
        const listed = JSON.stringify(files);
        grew = listed !== lastListed;
        lastListed = listed;
        $('test-files').replaceChildren(...files.map(f => {
          const item = el('li');
          const link = el('a', null, f.name);
          link.href = fileUrl(f.path);
          item.append(link, ' (attempt ' + f.attempt + ', ' + f.size + ' bytes)');
          return item;
        }));
        const newest = files.length ? files[0].attempt : 0;
        const log = files.find(f => f.attempt === newest && f.name === 'files/output.txt');
        if (log && log.path !== path) {
          path = log.path;
          offset = Math.max(0, log.size - MAX_SHOWN);
          output.textContent = offset ? '[the first ' + offset + ' bytes are left out: open the file]\n' : '';
          decoder = new TextDecoder();
        }
        if (path) {
          const response = await fetch(fileUrl(path) + '&from=' + offset, { cache: 'no-store' });
          const bytes = response.ok ? await response.arrayBuffer() : new ArrayBuffer(0);
          if (stopped) return;
          if (bytes.byteLength) {
            const atBottom = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;
            offset += bytes.byteLength;
            output.append(decoder.decode(bytes, { stream: true }));
            output.dataset.bytes = offset;
            if (atBottom) output.scrollTop = output.scrollHeight;
            grew = true;
          }
        } else {
          output.textContent = ended ? '(no output stored)' : '(no output yet)';
        }
      } catch (e) {
        if (stopped) return;
        output.textContent = 'Cannot read the output: ' + e.message;
      }
      // the store may write the last of the files after the verdict came: read until they stop changing
      quietAfterVerdict = ended && !grew ? quietAfterVerdict + 1 : 0;
      if (!stopped && quietAfterVerdict < 3) timer = setTimeout(tick, 1000);
      output.dataset.following = quietAfterVerdict < 3 ? 'yes' : 'no';
    }
    tick();
    return { stop() { stopped = true; clearTimeout(timer); } };
  }

  window.addEventListener('hashchange', route);
  route();
})();
