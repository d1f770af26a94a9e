//! The merge of the windows' events into one stream: every customer once (the ids passed on
//! lately are de-duplicated), and with `--sorted` the windows' events in window order, newest first, later
//! windows waiting in memory until the ones before them are done. A window's walk up comes after
//! its walk down, in reverse: its pages wait until the window is done.

use crate::paginator::Event;
use serde_json::value::RawValue;
use std::collections::{HashSet, VecDeque};

/// How many of the ids passed on last the merge remembers: 2000 pages of 50, 250 a worker of 8.
pub const RECENT: usize = 100_000;

/// The last [`RECENT`] ids passed on. The walk itself gives every customer once (a page is taken
/// under the lock, keeping only the ids its window still holds); this second guard only meets a
/// customer twice where two walkers meet or a server repeats one across neighbouring pages, so
/// it needs the ids of lately, not all of them: ten million ids would be 300 MB.
#[derive(Default)]
struct Recent {
    ids: HashSet<i64>,
    order: VecDeque<i64>,
}

impl Recent {
    /// Whether `id` is new among the recent ones; it is remembered.
    fn insert(&mut self, id: i64) -> bool {
        if !self.ids.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > RECENT {
            if let Some(oldest) = self.order.pop_front() {
                self.ids.remove(&oldest);
            }
        }
        true
    }
}

pub struct Merge {
    sorted: bool,
    seen: Recent,
    /// The windows in id order, newest first; a cut window's lower part follows it.
    order: Vec<usize>,
    /// With `sorted`, the position in `order` of the window whose events pass straight through.
    head: usize,
    done: HashSet<usize>,
    waiting: Vec<VecDeque<Event>>,
    /// With `sorted`, the pages of each window's walk up, oldest first.
    rising: Vec<Vec<Vec<Box<RawValue>>>>,
}

impl Merge {
    /// `windows` are numbered 0.. in id order, newest first.
    pub fn new(windows: usize, sorted: bool) -> Merge {
        Merge {
            sorted,
            seen: Recent::default(),
            order: (0..windows).collect(),
            head: 0,
            done: HashSet::new(),
            waiting: (0..windows).map(|_| VecDeque::new()).collect(),
            rising: (0..windows).map(|_| Vec::new()).collect(),
        }
    }

    /// An event of a window; returns what may be passed on now, in order.
    pub fn push(&mut self, event: Event) -> Vec<Event> {
        let event = match event {
            Event::Page {
                window,
                mut customers,
                rising,
            } => {
                let seen = &mut self.seen;
                customers.retain(|c| crate::customer::id(c).is_none_or(|id| seen.insert(id)));
                if self.sorted && rising {
                    self.rising[window].push(customers);
                    return Vec::new();
                }
                Event::Page {
                    window,
                    customers,
                    rising,
                }
            }
            Event::Split(split) => {
                let at = self.position(split.from) + 1;
                self.order.insert(at, split.window);
                if self.waiting.len() <= split.window {
                    self.waiting.resize_with(split.window + 1, VecDeque::new);
                    self.rising.resize_with(split.window + 1, Vec::new);
                }
                // The walk up so far lies below the cut: the new window's.
                let below = std::mem::take(&mut self.rising[split.from]);
                self.rising[split.window] = below;
                Event::Split(split)
            }
            other => other,
        };
        let window = match &event {
            Event::Page { window, .. } => *window,
            Event::Split(split) => split.from,
            Event::More(_) => return Vec::new(),
        };
        if !self.sorted || self.order.get(self.head) == Some(&window) {
            return vec![event];
        }
        self.waiting[window].push_back(event);
        Vec::new()
    }

    /// A window has walked to its end; returns the events of the windows after it that may now
    /// be passed on.
    pub fn finish(&mut self, window: usize) -> Vec<Event> {
        self.done.insert(window);
        let mut out = Vec::new();
        while self.sorted && self.head < self.order.len() {
            let current = self.order[self.head];
            out.extend(self.waiting[current].drain(..));
            if !self.done.contains(&current) {
                break;
            }
            // Newest first: the walk up's last page first. Passed on as pages walked down, so
            // an export records them as it records those.
            let rising = std::mem::take(&mut self.rising[current]);
            out.extend(rising.into_iter().rev().map(|customers| Event::Page {
                window: current,
                customers,
                rising: false,
            }));
            self.head += 1;
        }
        out
    }

    fn position(&self, window: usize) -> usize {
        self.order
            .iter()
            .position(|w| *w == window)
            .expect("a window splits only after it was announced")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paginator::Split;
    use serde_json::value::RawValue;

    fn page(window: usize, ids: &[i64]) -> Event {
        let customers = ids
            .iter()
            .map(|id| RawValue::from_string(format!("{{\"id\":{id}}}")).unwrap())
            .collect();
        Event::Page {
            window,
            customers,
            rising: false,
        }
    }

    fn ids(events: &[Event]) -> Vec<i64> {
        events
            .iter()
            .flat_map(|e| match e {
                Event::Page { customers, .. } => customers
                    .iter()
                    .filter_map(|c| crate::customer::id(c))
                    .collect(),
                _ => vec![],
            })
            .collect()
    }

    #[test]
    fn unsorted_passes_pages_on_at_once_without_duplicates() {
        let mut m = Merge::new(2, false);
        assert_eq!(ids(&m.push(page(1, &[5, 4]))), [5, 4]);
        assert_eq!(ids(&m.push(page(0, &[9, 5]))), [9]);
    }

    /// Item 3 of issue 26: the guard stays bounded over ten million customers, and still drops
    /// a customer met again soon after.
    #[test]
    fn the_ids_remembered_stay_bounded() {
        let mut m = Merge::new(2, false);
        let many: Vec<i64> = (0..(RECENT as i64 + 5000)).collect();
        for chunk in many.chunks(50) {
            assert_eq!(ids(&m.push(page(0, chunk))), chunk);
        }
        assert!(m.seen.ids.len() <= RECENT && m.seen.order.len() <= RECENT);
        let last = *many.last().unwrap();
        assert_eq!(ids(&m.push(page(1, &[last + 1, last]))), [last + 1]);
    }

    #[test]
    fn sorted_holds_later_windows_until_earlier_ones_are_done() {
        let mut m = Merge::new(2, true);
        assert!(m.push(page(1, &[3, 2])).is_empty());
        assert_eq!(ids(&m.push(page(0, &[9]))), [9]);
        // A split of window 0 puts its older half, window 2, before window 1.
        let split = Split {
            from: 0,
            window: 2,
            at: 8,
        };
        assert_eq!(m.push(Event::Split(split)).len(), 1);
        assert!(m.push(page(2, &[7])).is_empty());
        assert_eq!(ids(&m.finish(0)), [7]);
        assert!(m.finish(1).is_empty(), "window 2 is not done yet");
        assert_eq!(ids(&m.finish(2)), [3, 2]);
    }

    #[test]
    fn sorted_puts_a_walk_up_after_the_walk_down_newest_first() {
        let mut m = Merge::new(1, true);
        let up = |ids: &[i64]| match page(0, ids) {
            Event::Page {
                window, customers, ..
            } => Event::Page {
                window,
                customers,
                rising: true,
            },
            other => other,
        };
        assert!(m.push(up(&[2, 1])).is_empty());
        assert_eq!(ids(&m.push(page(0, &[9, 8]))), [9, 8]);
        assert!(m.push(up(&[4, 3])).is_empty());
        // The cut at 5 gives the walk up, and what it took, to window 1.
        let split = Split {
            from: 0,
            window: 1,
            at: 5,
        };
        assert_eq!(m.push(Event::Split(split)).len(), 1);
        assert_eq!(ids(&m.push(page(0, &[7]))), [7]);
        assert!(m.push(page(1, &[6])).is_empty());
        assert_eq!(ids(&m.finish(0)), [6]);
        let rest = m.finish(1);
        assert_eq!(ids(&rest), [4, 3, 2, 1]);
        assert!(rest
            .iter()
            .all(|e| matches!(e, Event::Page { rising: false, .. })));
    }
}
