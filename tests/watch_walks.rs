//! The walks of `customers watch` against an in-process sandbox: what a poll prints given what
//! the watch remembers, page by page, oldest first.

mod common;

use common::{in_process, sandbox_ids, walk_all};
use nxcdp::transport::Client;
use nxcdp::watch::memory::{first_id_at, id_ms};
use nxcdp::watch::{Memory, Poll, Watch};
use std::time::Duration;

const DAY_MS: i64 = 86_400_000;

/// Walks `poll` to its end: the ids it printed, in order.
fn printed(
    rt: &tokio::runtime::Runtime,
    client: &Client,
    watch: &mut Watch,
    poll: Poll,
) -> Vec<i64> {
    let mut poll = poll;
    let mut ids = Vec::new();
    while let Some(page) = rt.block_on(watch.step(client, &mut poll)).unwrap() {
        ids.extend(page.iter().map(|c| nxcdp::customer::id(c).unwrap()));
    }
    ids
}

fn ids_of(count: usize) -> Vec<i64> {
    let ids = sandbox_ids(count, nxcdp::sandbox::DEFAULT_SEED);
    ids.iter().map(|id| id.parse().unwrap()).collect()
}

#[test]
fn a_poll_prints_the_customers_of_the_look_back_it_has_not_printed_oldest_first() {
    let (rt, client) = in_process(nxcdp::sandbox::Config::default(), 0);
    // Newest first. A look-back of 200 days holds a few hundred of them: several pages.
    let ids = ids_of(nxcdp::sandbox::DEFAULT_CUSTOMERS);
    let lookback = 200 * DAY_MS;
    let mut memory = Memory::starting_at(&ids[..1], lookback).unwrap();
    let span: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|&id| id >= memory.floor)
        .collect();
    assert!(
        span.len() > 150,
        "{} customers in the look-back",
        span.len()
    );
    // Those the watch has not seen, as if they had become visible only now: spread over pages.
    let late: Vec<i64> = span.iter().copied().step_by(37).collect();
    memory.seen = span
        .iter()
        .copied()
        .filter(|id| !late.contains(id))
        .collect();
    let mut watch = Watch::new(
        walk_all(),
        Duration::from_millis(lookback as u64),
        Some(memory),
    );

    let poll = watch.poll();
    let mut expected = late.clone();
    expected.sort();
    assert_eq!(printed(&rt, &client, &mut watch, poll), expected);
    // Printed once: the next poll has nothing to print.
    let poll = watch.poll();
    assert_eq!(printed(&rt, &client, &mut watch, poll), Vec::<i64>::new());
}

#[test]
fn a_new_watch_prints_nothing_of_what_is_there_and_remembers_the_look_back() {
    let (rt, client) = in_process(nxcdp::sandbox::Config::default(), 0);
    let ids = ids_of(nxcdp::sandbox::DEFAULT_CUSTOMERS);
    let lookback = 120 * DAY_MS;
    let mut watch = Watch::new(walk_all(), Duration::from_millis(lookback as u64), None);
    let mut first = watch.first();
    // Half a first walk is no memory to save: it would make customers there look new.
    assert_eq!(
        rt.block_on(watch.step(&client, &mut first))
            .unwrap()
            .unwrap()
            .len(),
        0
    );
    assert!(watch.memory().is_none() && watch.is_new());
    assert_eq!(printed(&rt, &client, &mut watch, first), Vec::<i64>::new());
    // The clock starts at the second newest: one id alone does not set it.
    let memory = watch.memory().unwrap();
    let floor = first_id_at(id_ms(ids[1]) - lookback);
    let span: Vec<i64> = ids.iter().copied().filter(|&id| id >= floor).collect();
    assert_eq!(memory.floor, floor);
    assert_eq!(memory.seen, span.iter().copied().collect());
    assert_eq!(memory.high, Some(ids[1]));
    let poll = watch.poll();
    assert_eq!(printed(&rt, &client, &mut watch, poll), Vec::<i64>::new());
}

#[test]
fn since_prints_every_customer_created_since_once_and_resumes_where_it_stopped() {
    let config = nxcdp::sandbox::Config::default();
    let (rt, client) = in_process(config.clone(), 0);
    let customers = nxcdp::sandbox::data::generate(config.customers, config.seed, 1);
    let start = customers[300].created_at.replacen('T', " ", 1);
    let mut expected: Vec<i64> = customers
        .iter()
        .filter(|c| c.created_at.replacen('T', " ", 1) >= start)
        .map(|c| c.id)
        .collect();
    expected.sort();
    let lookback = Duration::from_secs(60);
    let mut watch = Watch::new(walk_all(), lookback, None);
    let first = watch.first();
    printed(&rt, &client, &mut watch, first);
    watch.catch_up_from(start);
    // Two pages, then the run stops; the memory it saved goes on with the rest.
    let mut since = watch.since().unwrap();
    let mut ids = Vec::new();
    for _ in 0..2 {
        let page = rt
            .block_on(watch.step(&client, &mut since))
            .unwrap()
            .unwrap();
        ids.extend(page.iter().map(|c| nxcdp::customer::id(c).unwrap()));
    }
    let mut again = Watch::new(walk_all(), lookback, watch.memory());
    let rest = again.since().unwrap();
    ids.extend(printed(&rt, &client, &mut again, rest));
    assert_eq!(ids, expected);
    assert!(again.since().is_none(), "done");
    let poll = again.poll();
    assert_eq!(printed(&rt, &client, &mut again, poll), Vec::<i64>::new());
}

#[test]
fn filters_no_customer_matches_yet_start_the_look_back_among_the_newest_of_all() {
    let (rt, client) = in_process(nxcdp::sandbox::Config::default(), 0);
    let ids = ids_of(nxcdp::sandbox::DEFAULT_CUSTOMERS);
    let mut walk = walk_all();
    walk.body.name = Some("no customer is named so".into());
    let mut watch = Watch::new(walk, Duration::from_secs(60), None);
    let first = watch.first();
    assert_eq!(printed(&rt, &client, &mut watch, first), Vec::<i64>::new());
    // Not from the oldest customer: one that matches later is new only if made from now on.
    let memory = watch.memory().unwrap();
    assert_eq!(memory.high, Some(ids[1]));
    assert_eq!(memory.floor, first_id_at(id_ms(ids[1]) - 60_000));
}
