//! Which columns a terminal table shows and how wide each is: by importance (the ones that always
//! stay, then each that fits whole), every cell whole up to a cap that depends on what it holds.

/// The order in which a table's columns claim the terminal's width, most important first: the
/// first `keep` stay however narrow it is (cut if they must), the others only where they fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Priority {
    pub order: Vec<&'static str>,
    pub keep: usize,
}

impl Priority {
    /// Every column stays (`--columns`, `-o wide`): cut if it must, never left out.
    pub fn all() -> Priority {
        Priority {
            order: Vec::new(),
            keep: usize::MAX,
        }
    }

    /// `names` stay too (the columns the user filtered on), right after the ones that did.
    pub fn keep_also(&mut self, names: &[&'static str]) {
        for name in names {
            match self.order.iter().position(|n| n == name) {
                Some(at) if at < self.keep => {}
                Some(at) => {
                    let name = self.order.remove(at);
                    self.order.insert(self.keep, name);
                    self.keep += 1;
                }
                None => {}
            }
        }
    }

    /// The indices of `columns` (by name) from the most to the least important; columns the
    /// order does not name come last, in their own order, kept only when every column is.
    fn rank(&self, columns: &[&str]) -> Vec<usize> {
        let named = self
            .order
            .iter()
            .filter_map(|n| columns.iter().position(|c| c == n));
        let rest = (0..columns.len()).filter(|i| !self.order.iter().any(|n| *n == columns[*i]));
        named.chain(rest).collect()
    }
}

/// What a column's cells are, for how far they may be cut.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// Meaningless cut short (an id, a phone, a time, a source name): whole, or left out.
    Whole,
    /// Text (a name, an email, tags): whole up to `cap` cells when room is short, cut beyond.
    Text { cap: usize },
}

fn kind(column: &str) -> Kind {
    match column {
        "id" | "tenant_id" | "name" | "sms_phone" | "whatsApp_phone" | "viber_phone"
        | "country" | "source_type" | "source_channel_key" | "gender" | "status" | "birthday"
        | "created_at" | "updated_at" | "weight" | "whatApp_subscribe" | "sms_subscribe"
        | "field_type" | "is_preset" | "required" => Kind::Whole,
        "email" => Kind::Text { cap: 28 },
        "full_name" | "first_name" | "last_name" => Kind::Text { cap: 22 },
        "remark" => Kind::Text { cap: 30 },
        _ => Kind::Text { cap: 24 },
    }
}

/// The cells a column of rows yet to come needs, beyond those of the rows seen: an id's 19
/// digits, a phone's 15, a time's 19, the longest source name.
fn room_for_more(column: &str) -> usize {
    match column {
        "id" | "tenant_id" | "created_at" | "updated_at" => 19,
        "sms_phone" | "whatsApp_phone" | "viber_phone" => 15,
        "source_type" => crate::customer::SOURCE_TYPES
            .iter()
            .map(|(_, name, _)| name.len())
            .max()
            .unwrap_or(0),
        "birthday" => 10,
        column => match kind(column) {
            Kind::Text { cap } => cap,
            Kind::Whole => 0,
        },
    }
}

/// One column as the rows seen so far need it.
#[derive(Clone, Debug)]
pub struct Column<'a> {
    pub name: &'a str,
    /// The cells of its header.
    pub header: usize,
    /// The cells of its widest cell, header included.
    pub widest: usize,
}

/// Two cells between columns.
pub const GAP: usize = 2;

/// The columns a table shows, in the table's order, each with its width; and the ones it left out.
#[derive(Debug, PartialEq)]
pub struct Fitted {
    pub shown: Vec<(usize, usize)>,
    pub left_out: Vec<usize>,
}

/// Fits `columns` into `room` cells (`None`: as wide as they need). `more`: rows will come that
/// are not among those measured (a watch, a long listing), so the widths leave room for them.
pub fn fit(columns: &[Column], priority: &Priority, room: Option<usize>, more: bool) -> Fitted {
    let Some(room) = room else {
        return Fitted {
            shown: columns.iter().map(|c| c.widest).enumerate().collect(),
            left_out: Vec::new(),
        };
    };
    let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let ranked = priority.rank(&names);
    let floor = |i: usize| match more {
        true => room_for_more(columns[i].name),
        false => 0,
    };
    // As wide as it is shown when room allows, as narrow as it may be cut, as wide as it may grow.
    let want = |i: usize| {
        let c = &columns[i];
        match kind(c.name) {
            Kind::Whole => c.widest.max(floor(i)),
            // Rows to come may hold longer text: room for it up to the cap, as for ids.
            Kind::Text { cap } => c.widest.max(floor(i)).min(cap.max(c.header)),
        }
    };
    let least = |i: usize| match kind(columns[i].name) {
        Kind::Whole => want(i),
        Kind::Text { .. } => columns[i].widest.min(columns[i].header.clamp(6, 12)),
    };
    let most = |i: usize| columns[i].widest.max(floor(i));
    let mut widths: Vec<Option<usize>> = vec![None; columns.len()];
    let used = |widths: &[Option<usize>]| {
        let shown = widths.iter().flatten();
        shown.clone().sum::<usize>() + GAP * shown.count().saturating_sub(1)
    };
    for &i in ranked.iter().take(priority.keep) {
        widths[i] = Some(want(i));
    }
    // The columns that stay make room: the widest that may be cut gives a cell at a time.
    while used(&widths) > room {
        let cut = (0..columns.len())
            .filter(|&i| widths[i].is_some_and(|w| w > least(i)))
            .max_by_key(|&i| widths[i]);
        match cut {
            Some(i) => widths[i] = widths[i].map(|w| w - 1),
            None => break,
        }
    }
    for &i in ranked.iter().skip(priority.keep) {
        if used(&widths) + GAP + want(i) <= room {
            widths[i] = Some(want(i));
        }
    }
    // Room left: the columns cut by their cap grow towards their widest cell, in turn.
    let mut spare = room.saturating_sub(used(&widths));
    while spare > 0 {
        let before = spare;
        for &i in &ranked {
            if let Some(w) = widths[i].as_mut().filter(|w| **w < most(i) && spare > 0) {
                *w += 1;
                spare -= 1;
            }
        }
        if spare == before {
            break;
        }
    }
    Fitted {
        shown: (0..columns.len())
            .filter_map(|i| widths[i].map(|w| (i, w)))
            .collect(),
        left_out: ranked
            .into_iter()
            .filter(|&i| widths[i].is_none())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer;

    /// The default customer columns with widths as the sandbox's customers have them.
    fn customers() -> Vec<Column<'static>> {
        let widest = |name: &str| match name {
            "id" => 19,
            "full_name" => 31,
            "sms_phone" | "whatsApp_phone" => 13,
            "email" => 20,
            "country" => 7,
            "tags" => 29,
            "source_type" => 21,
            "created_at" => 19,
            _ => 10,
        };
        customer::TABLE_COLUMNS
            .iter()
            .map(|name| Column {
                name,
                header: name.len(),
                widest: widest(name),
            })
            .collect()
    }

    fn shown(fitted: &Fitted, columns: &[Column<'static>]) -> Vec<&'static str> {
        fitted.shown.iter().map(|&(i, _)| columns[i].name).collect()
    }

    fn priority() -> Priority {
        Priority {
            order: customer::customer_importance(customer::Labels::En),
            keep: 2,
        }
    }

    #[test]
    fn rows_to_come_get_room_for_their_names_as_for_their_ids() {
        // A watch's first batch of short names: the names after it are not cut to them.
        let mut columns = customers();
        for c in &mut columns {
            c.widest = c.widest.min(c.header.max(5));
        }
        let fitted = fit(&columns, &priority(), Some(120), true);
        let width = |name: &str| {
            let at = columns.iter().position(|c| c.name == name).unwrap();
            fitted.shown.iter().find(|(i, _)| *i == at).map(|(_, w)| *w)
        };
        assert_eq!(width("full_name"), Some(22), "{fitted:?}");
        assert_eq!(width("id"), Some(19), "{fitted:?}");
    }

    #[test]
    fn columns_claim_the_width_by_importance_and_fit_whole() {
        let columns = customers();
        for room in [80, 120, 200] {
            let fitted = fit(&columns, &priority(), Some(room), false);
            let total: usize = fitted.shown.iter().map(|(_, w)| w + GAP).sum::<usize>() - GAP;
            assert!(total <= room, "{room}: {fitted:?}");
            assert_eq!(fitted.shown.len() + fitted.left_out.len(), columns.len());
            let names = shown(&fitted, &columns);
            assert_eq!(names[..2], ["id", "full_name"], "{room}");
            for &(i, w) in &fitted.shown {
                if kind(columns[i].name) == Kind::Whole {
                    assert_eq!(w, columns[i].widest, "{room}: {} whole", columns[i].name);
                }
            }
        }
        let at = |room| shown(&fit(&columns, &priority(), Some(room), false), &columns);
        assert_eq!(at(80), ["id", "full_name", "sms_phone", "email"]);
        assert!(at(120).contains(&"tags") && at(120).contains(&"created_at"));
        assert_eq!(at(200).len(), columns.len());
        // With room to spare, nothing is cut.
        let wide = fit(&columns, &priority(), Some(250), false);
        assert!(wide.shown.iter().all(|&(i, w)| w == columns[i].widest));
    }

    #[test]
    fn a_column_filtered_on_stays() {
        let columns = customers();
        let mut filtered = priority();
        filtered.keep_also(&["tags", "id"]);
        assert_eq!(filtered.keep, 3);
        let fitted = fit(&columns, &filtered, Some(80), false);
        let names = shown(&fitted, &columns);
        assert!(names.contains(&"tags"), "{names:?}");
        assert!(fitted.left_out.iter().all(|&i| columns[i].name != "tags"));
    }

    #[test]
    fn columns_that_must_stay_are_cut_only_where_text_may_be() {
        let columns = customers();
        let fitted = fit(&columns, &Priority::all(), Some(100), false);
        assert!(fitted.left_out.is_empty());
        for &(i, w) in &fitted.shown {
            match kind(columns[i].name) {
                Kind::Whole => assert_eq!(w, columns[i].widest, "{}", columns[i].name),
                Kind::Text { .. } => assert!(w < columns[i].widest),
            }
        }
        assert_eq!(
            fit(&columns, &Priority::all(), None, false).shown[5],
            (5, 7),
            "-o wide: every column as wide as its widest cell"
        );
    }

    #[test]
    fn rows_to_come_find_room() {
        let narrow = [
            Column {
                name: "id",
                header: 2,
                widest: 4,
            },
            Column {
                name: "email",
                header: 5,
                widest: 9,
            },
        ];
        let keep = Priority::all();
        assert_eq!(
            fit(&narrow, &keep, Some(120), false).shown,
            [(0, 4), (1, 9)]
        );
        assert_eq!(
            fit(&narrow, &keep, Some(120), true).shown,
            [(0, 19), (1, 28)]
        );
    }
}
