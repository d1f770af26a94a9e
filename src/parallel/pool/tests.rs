//! The pool's bookkeeping, without a server: pages taken, windows met and cut.

use super::*;
use crate::paginator::tests::{ids, page};

fn window(below: Option<i64>, above: Option<i64>) -> Window {
    Window {
        start: None,
        end: None,
        below,
        above,
    }
}

/// A pool of one open window for `workers`, pages of `page_size`, whose two ends workers 0 (down
/// from the top) and 1 (up from the bottom) walk; the channel they tell the merge through.
async fn walked_from_both_ends(
    workers: usize,
    page_size: u32,
) -> (Pool, mpsc::Sender<Message>, mpsc::Receiver<Message>) {
    let pool = Pool::new(vec![window(None, None)], workers, page_size);
    let (tx, rx) = mpsc::channel(8);
    pool.claim(0, &tx).await.unwrap();
    pool.claim(1, &tx).await.unwrap();
    (pool, tx, rx)
}

/// Two walkers of one window meet: each customer is taken once, and the window is over
/// when a page reaches what the other end took.
#[tokio::test]
async fn the_two_ends_of_a_window_meet_and_take_each_customer_once() {
    let (pool, tx, mut rx) = walked_from_both_ends(2, 3).await;
    assert_eq!(pool.start(0).unwrap().2, Cursor::First);
    assert_eq!(pool.start(1).unwrap().2, Cursor::Before(0));
    let (w, top, over) = pool.take(0, page(&[90, 80, 70]), false);
    assert_eq!((w, ids(&top), over), (0, vec![90, 80, 70], false));
    let (_, bottom, over) = pool.take(1, page(&[30, 20, 10]), false);
    assert_eq!((ids(&bottom), over), (vec![30, 20, 10], false));
    // Both fetch the last customers between them; the first page to come takes them.
    let (_, top, over) = pool.take(0, page(&[60, 50, 30]), false);
    assert_eq!((ids(&top), over), (vec![60, 50], true));
    let (_, bottom, over) = pool.take(1, page(&[60, 50, 40]), false);
    assert_eq!((ids(&bottom), over), (vec![], true));
    pool.leave(0, &tx).await.unwrap();
    assert!(rx.try_recv().is_err(), "the other end still walks");
    pool.leave(1, &tx).await.unwrap();
    assert!(matches!(rx.try_recv(), Ok(Message::Done(0))));
}

/// A millisecond of ids: the fewest on each side of a cut.
const MS: i64 = 1 << 22;

/// A window whose walk up has not brought its first page is not cut from the walk down's
/// density alone: a walker at a bulk import's lower edge has the import's density, and the
/// sparse stretch below was cut again and again (16 workers, 72 requests for 4 pages).
#[tokio::test]
async fn a_window_is_not_cut_before_both_its_ends_found_a_density() {
    let (pool, tx, mut rx) = walked_from_both_ends(3, 2).await;
    pool.take(0, page(&[1000 * MS, 999 * MS]), false);
    // Where the oldest customer is, as the plan's probe found it.
    pool.lock().oldest = Some(10 * MS);
    let claim = pool.claim(2, &tx);
    tokio::pin!(claim);
    // No cut: the worker waits.
    assert!(futures_util::FutureExt::now_or_never(claim.as_mut()).is_none());
    assert!(rx.try_recv().is_err(), "no split");
    // Once the walk up's page has come, it cuts.
    pool.take(1, page(&[11 * MS, 10 * MS]), false);
    claim.await.unwrap();
    assert!(matches!(rx.try_recv(), Ok(Message::Event(Event::Split(_)))));
}

/// No cut leaves less than a millisecond of ids on a side: customers made in one millisecond
/// (ids one apart) tell a density no stretch beside them has.
#[tokio::test]
async fn a_window_is_not_cut_within_a_millisecond_of_ids() {
    let (pool, tx, mut rx) = walked_from_both_ends(3, 2).await;
    pool.take(0, page(&[MS + 1001, MS + 1000]), false);
    pool.take(1, page(&[11, 10]), false);
    // At a customer an id, hundreds of pages by estimate; but the cut would fall 16 ids from
    // the walk down.
    let claim = pool.claim(2, &tx);
    tokio::pin!(claim);
    assert!(futures_util::FutureExt::now_or_never(claim.as_mut()).is_none());
    assert!(rx.try_recv().is_err(), "no split");
}

/// With both ends walked, a worker without work cuts the window where neither has been:
/// the new window takes the ids below the cut, and the walk up with them.
#[tokio::test]
async fn a_worker_without_work_cuts_the_fullest_window_between_its_walkers() {
    let (pool, tx, mut rx) = walked_from_both_ends(3, 2).await;
    pool.take(0, page(&[1000 * MS, 999 * MS]), false);
    pool.take(1, page(&[11 * MS, 10 * MS]), false);
    // Between 11 and 999 ms, at one customer a millisecond: far more than four pages left, cut
    // in the middle.
    pool.claim(2, &tx).await.unwrap();
    let Ok(Message::Event(Event::Split(split))) = rx.try_recv() else {
        panic!("a split is announced");
    };
    assert_eq!((split.from, split.window), (0, 1));
    assert!((504 * MS..505 * MS).contains(&split.at), "{split:?}");
    assert_eq!(pool.start(2).unwrap().2, Cursor::After(split.at));
    // The walk up now belongs to the new window; 600 is no longer its to take.
    let (w, kept, over) = pool.take(1, page(&[13 * MS, 12 * MS]), false);
    assert_eq!((w, ids(&kept), over), (1, vec![13 * MS, 12 * MS], false));
    let (w, kept, over) = pool.take(1, page(&[600 * MS, 14 * MS]), false);
    assert_eq!((w, ids(&kept), over), (1, vec![14 * MS], true));
}

/// Of two walkers a page apart, the one about to send leaves the rest to the other (whose page
/// is in flight); the one left never yields, so the window is always walked to its end.
#[tokio::test]
async fn of_two_walkers_near_each_other_one_yields_and_the_other_walks_on() {
    let (pool, _tx, _rx) = walked_from_both_ends(2, 10).await;
    // A customer every 10 ids at both ends, 200 ids between them: about 20 left, two pages.
    pool.take(
        0,
        page(&[390, 380, 370, 360, 350, 340, 330, 320, 310, 300]),
        false,
    );
    pool.take(1, page(&[100, 90, 80, 70, 60, 50, 40, 30, 20, 10]), false);
    assert!(!pool.yields(0) && !pool.yields(1));
    // 60 ids between them now: about six customers, less than a page.
    pool.take(
        1,
        page(&[240, 230, 220, 210, 200, 190, 180, 170, 160, 150]),
        false,
    );
    assert!(pool.yields(0), "the walk down leaves them to the walk up");
    assert!(
        pool.start(0).is_none(),
        "given up whole: its leave clears no later walker's mark"
    );
    assert!(!pool.yields(1), "the walk up is left alone: it walks on");
    let (_, kept, over) = pool.take(1, page(&[290, 280, 270, 260, 250, 300]), false);
    assert_eq!((ids(&kept), over), (vec![290, 280, 270, 260, 250], true));
}

/// The pages the plan fetched are the first of the newest window's walk down and of the
/// oldest's walk up: the workers go on from them, and a window a page holds whole is over,
/// and told so, before any worker runs.
#[tokio::test]
async fn the_planned_pages_start_the_walks_of_the_end_windows() {
    let windows = vec![window(None, Some(499)), window(Some(500), None)];
    let pool = Pool::new(windows, 4, 3);
    let fetched = |rising, ids: &[i64], last| super::super::Fetched {
        rising,
        customers: page(ids),
        last,
    };
    let told = pool.fetched(fetched(false, &[900, 800, 700], false));
    assert!(matches!(
        &told[..],
        [Message::Event(Event::Page {
            window: 0,
            rising: false,
            ..
        })]
    ));
    let told = pool.fetched(fetched(true, &[30, 20, 10], false));
    assert!(matches!(
        &told[..],
        [Message::Event(Event::Page {
            window: 1,
            rising: true,
            ..
        })]
    ));
    let (tx, _rx) = mpsc::channel(8);
    for worker in 0..4 {
        pool.claim(worker, &tx).await.unwrap();
    }
    let cursors: Vec<Cursor> = (0..4).map(|w| pool.start(w).unwrap().2).collect();
    assert_eq!(
        cursors,
        [
            Cursor::After(700),
            Cursor::After(500),
            Cursor::Before(499),
            Cursor::Before(30)
        ]
    );
    // A newest page that is the last: its window is over, its end told at once.
    let pool = Pool::new(vec![window(None, None)], 2, 3);
    let told = pool.fetched(fetched(false, &[3, 2, 1], true));
    assert!(matches!(&told[..], [Message::Event(_), Message::Done(0)]));
}

/// A page behind its end's own bound (a walker behind another at the same end) holds nothing
/// new and does not end the window; only a customer past the other end's bound does.
#[tokio::test]
async fn a_page_behind_its_own_end_does_not_end_the_window() {
    let (pool, _tx, _rx) = walked_from_both_ends(2, 3).await;
    pool.take(0, page(&[90, 80, 70]), false);
    pool.take(1, page(&[10, 20, 30]), false);
    let (_, kept, over) = pool.take(0, page(&[85, 75, 65]), false);
    assert_eq!((ids(&kept), over), (vec![65], false));
    let (_, kept, over) = pool.take(1, page(&[25, 35, 40]), false);
    assert_eq!((ids(&kept), over), (vec![35, 40], false));
    let (_, kept, over) = pool.take(0, page(&[60, 50, 40]), false);
    assert_eq!((ids(&kept), over), (vec![60, 50], true));
}
