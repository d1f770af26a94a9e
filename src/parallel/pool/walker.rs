//! A worker: walks ends of windows until none is left, each page taken by the pool under its
//! lock and passed on in the order of the changes it made.

use super::{End, Message, Pool};
use crate::error::Error;
use crate::paginator::{self, Event, Walk};
use crate::transport::Client;
use std::sync::Arc;
use tokio::sync::mpsc;

/// One worker: walks ends of windows until none is left.
pub async fn work(
    pool: Arc<Pool>,
    client: Arc<Client>,
    base: Walk,
    tx: mpsc::Sender<Message>,
    worker: usize,
) {
    while pool.claim(worker, &tx).await.is_some() {
        if let Err(e) = walk(&pool, &client, &base, worker, &tx).await {
            let _ = tx.send(Message::Failed(e)).await;
            pool.stop();
            return;
        }
        if pool.leave(worker, &tx).await.is_err() {
            pool.stop();
            return;
        }
    }
}

async fn walk(
    pool: &Pool,
    client: &Client,
    base: &Walk,
    worker: usize,
    tx: &mpsc::Sender<Message>,
) -> Result<(), Error> {
    let Some((start, end_time, mut cursor, end)) = pool.start(worker) else {
        return Ok(());
    };
    let mut trail = paginator::Trail::new(cursor);
    loop {
        if pool.stopped() || pool.yields(worker) {
            return Ok(());
        }
        let mut body = base.body_for(cursor, None);
        (body.start_time, body.end_time) = (start.clone(), end_time.clone());
        let (customers, next, invalid) =
            paginator::fetch(client, &body, cursor, &mut trail).await?;
        let order = pool.order.lock().await;
        let (window, customers, over) = pool.take(worker, customers, next.is_none());
        if !customers.is_empty() {
            let page = Event::Page {
                window,
                customers,
                rising: end == End::Bottom,
            };
            if tx.send(Message::Event(page)).await.is_err() {
                pool.stop();
                return Ok(());
            }
        }
        drop(order);
        if let Some(e) = invalid {
            return Err(e);
        }
        match next {
            Some(next) if !over => cursor = next,
            _ => return Ok(()),
        }
    }
}
