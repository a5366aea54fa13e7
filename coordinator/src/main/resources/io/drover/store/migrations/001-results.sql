-- Drover's result store, version 1. Every row comes from an event; replaying the events again writes the same rows.
-- No wall-clock time of the store is kept: only the times the events carry.

create table runs (
    run             text primary key,
    created_at      timestamptz not null,
    tree            text not null,
    ref             text,
    plans           jsonb not null,
    context         jsonb not null,
    tests           integer not null,
    pool            text not null,
    suts            jsonb not null,
    policy          jsonb,
    known_issues    jsonb not null,
    cancel_reason   text,
    finished_at     timestamptz,
    passed          integer,
    failed          integer,
    errored         integer,
    skipped         integer,
    infrastructure  integer,
    exit_code       integer
);
create index runs_created_at on runs (created_at);

-- one row per test of a run, from its test.pending on: the verdict columns fill in with its test.verdict
create table tests (
    run             text not null,
    plan            text not null,
    test            text not null,
    serial          integer not null,
    expected_ms     bigint,
    destructive     boolean not null default false,
    status          text not null,            -- pending, running, then the verdict's status
    attempt         integer not null default 0,
    failure_class   text,
    reason          text,
    flaky           boolean not null default false,
    known_issue     text,
    verdict_seq     bigint,
    verdict_at      timestamptz,
    primary key (run, plan, test)
);

create table attempts (
    run             text not null,
    plan            text not null,
    test            text not null,
    attempt         integer not null,
    sut             text,
    worker          text,
    started_at      timestamptz,
    finished_at     timestamptz,
    status          text,
    failure_class   text,
    reason          text,
    exit_code       integer,
    duration_ms     bigint,
    restarts        integer,
    reboots         integer,
    primary key (run, plan, test, attempt)
);
-- the duration history the scheduler orders tests by: a test's attempts that ran to an end, newest first
create index attempts_history on attempts (test, finished_at desc) where duration_ms is not null;

-- the results and sub-results a test attempt reported, as it reported them, in pages of 64 by their seq
-- (page = seq / 64): one row and one index entry per page, not per result; merging a page's lines again changes
-- nothing. lines: {"SEQ": {"at": TIMESTAMP, "result": {...}}, ...}
create table result_pages (
    run             text not null,
    plan            text not null,
    test            text not null,
    attempt         integer not null,
    page            integer not null,
    lines           jsonb not null,
    primary key (run, plan, test, attempt, page)
);
-- one row per result, as readers want them
create view results as
select p.run, p.plan, p.test, p.attempt, l.key::bigint as seq, (l.value->>'at')::timestamptz as at,
       l.value->'result'->>'status' as status, l.value->'result'->>'name' as name, l.value->'result' as result
from result_pages p, jsonb_each(p.lines) l;

-- prepare, test, finish and release jobs as they ended
create table jobs (
    run             text not null,
    job             text not null,
    kind            text not null,
    sut             text not null,
    plan            text,
    test            text,
    attempt         integer not null,
    status          text not null,
    failure_class   text,
    reason          text,
    worker          text,
    ended_at        timestamptz not null,
    primary key (run, job)
);

create table sut_states (
    run             text not null,
    seq             bigint not null,
    at              timestamptz not null,
    sut             text not null,
    address         text not null,
    state           text not null,
    reason          text,
    primary key (run, seq)
);

-- the files of a test attempt under the artifact root, as far as their chunks have been stored
create table artifacts (
    run             text not null,
    plan            text not null,
    test            text not null,
    attempt         integer not null,
    path            text not null,            -- relative to the run's directory
    size            bigint not null,
    primary key (run, plan, test, attempt, path)
);
