//! The merge of the windows' events into one stream: every customer once (ids are
//! de-duplicated), and with `--sorted` the windows' events in window order, newest first, later
//! windows waiting in memory until the ones before them are done.

use crate::paginator::Event;
use std::collections::{HashSet, VecDeque};

pub struct Merge {
    sorted: bool,
    seen: HashSet<i64>,
    /// The windows in time order, newest first; a split window's older half follows it.
    order: Vec<usize>,
    /// With `sorted`, the position in `order` of the window whose events pass straight through.
    head: usize,
    done: HashSet<usize>,
    waiting: Vec<VecDeque<Event>>,
}

impl Merge {
    /// `windows` are numbered 0.. in time order, newest first.
    pub fn new(windows: usize, sorted: bool) -> Merge {
        Merge {
            sorted,
            seen: HashSet::new(),
            order: (0..windows).collect(),
            head: 0,
            done: HashSet::new(),
            waiting: (0..windows).map(|_| VecDeque::new()).collect(),
        }
    }

    /// An event of a window; returns what may be passed on now, in order.
    pub fn push(&mut self, event: Event) -> Vec<Event> {
        let event = match event {
            Event::Page {
                window,
                mut customers,
            } => {
                let seen = &mut self.seen;
                customers.retain(|c| crate::customer::id(c).is_none_or(|id| seen.insert(id)));
                Event::Page { window, customers }
            }
            Event::Split(split) => {
                let at = self.position(split.from) + 1;
                self.order.insert(at, split.window);
                if self.waiting.len() <= split.window {
                    self.waiting.resize_with(split.window + 1, VecDeque::new);
                }
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
        Event::Page { window, customers }
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

    #[test]
    fn sorted_holds_later_windows_until_earlier_ones_are_done() {
        let mut m = Merge::new(2, true);
        assert!(m.push(page(1, &[3, 2])).is_empty());
        assert_eq!(ids(&m.push(page(0, &[9]))), [9]);
        // A split of window 0 puts its older half, window 2, before window 1.
        let split = Split {
            from: 0,
            window: 2,
            at: "2025-01-01 00:00:00".into(),
            cursor: 9,
        };
        assert_eq!(m.push(Event::Split(split)).len(), 1);
        assert!(m.push(page(2, &[7])).is_empty());
        assert_eq!(ids(&m.finish(0)), [7]);
        assert!(m.finish(1).is_empty(), "window 2 is not done yet");
        assert_eq!(ids(&m.finish(2)), [3, 2]);
    }
}
