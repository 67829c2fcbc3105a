//! How long the parts of one frame's own work took (each lab's update, its drawing, the
//! commands), so that a slow frame says where its time went.
//!
//! [`super::App`] opens the frame with [`begin`], wraps its parts in [`part`] and closes it
//! with [`end`]. When the parts add up to more than [`LOG_OVER_MS`], [`end`] logs one line,
//! `basin: a frame's update and layout took N ms: network update 31.2 ms, …`, the parts of
//! at least a millisecond, longest first. In the browser that line goes to the console, where
//! `web/test.cjs` collects it with the frame it came from. What the line cannot include is
//! egui's own work after the layout (tessellating, and painting with WebGL): the page's frame
//! callback minus this line's total is that.

use std::cell::RefCell;

use web_time::Instant;

/// A frame whose own work takes longer than this (ms) is logged: a third of the browser's
/// ~50 ms budget for a whole frame, so that a frame over budget has its line.
pub const LOG_OVER_MS: f64 = 16.0;

/// One timed part: who (a lab's key, or "app"), what, its milliseconds, and whether it ran
/// inside another part (whose time includes it).
type Part = (&'static str, &'static str, f64, bool);

/// The frame being timed: when it began, its parts so far, how many parts are open now.
struct Frame {
    started: Instant,
    parts: Vec<Part>,
    open: usize,
}

thread_local! {
    static FRAME: RefCell<Option<Frame>> = const { RefCell::new(None) };
}

/// Starts timing a frame's work (a frame's `logic`, before its first part).
pub fn begin() {
    FRAME.with(|f| {
        *f.borrow_mut() = Some(Frame {
            started: Instant::now(),
            parts: Vec::new(),
            open: 0,
        });
    });
}

/// Runs `f` as the part `what` of `who`, timing it when a frame is being timed. Parts may
/// nest: a part inside another is listed, but only the outermost ones count towards the
/// frame's time the line calls "elsewhere" (everything outside them: eframe's own work
/// between `logic` and `ui`, and what no part wraps).
pub fn part<R>(who: &'static str, what: &'static str, f: impl FnOnce() -> R) -> R {
    let nested = FRAME.with(|frame| {
        frame.borrow_mut().as_mut().map(|frame| {
            frame.open += 1;
            frame.open > 1
        })
    });
    let started = Instant::now();
    let result = f();
    let ms = started.elapsed().as_secs_f64() * 1e3;
    if let Some(nested) = nested {
        FRAME.with(|frame| {
            if let Some(frame) = frame.borrow_mut().as_mut() {
                frame.open -= 1;
                frame.parts.push((who, what, ms, nested));
            }
        });
    }
    result
}

/// Ends the frame's timing; returns its line when it took longer than [`LOG_OVER_MS`] (the
/// caller logs it), `None` otherwise or when no frame was begun.
pub fn end() -> Option<String> {
    let frame = FRAME.with(|f| f.borrow_mut().take())?;
    let total = frame.started.elapsed().as_secs_f64() * 1e3;
    (total > LOG_OVER_MS).then(|| line(total, frame.parts))
}

/// The log line of a frame that took `total` ms in `parts`.
fn line(total: f64, mut parts: Vec<Part>) -> String {
    let outermost: f64 = parts.iter().filter(|p| !p.3).map(|p| p.2).sum();
    parts.push(("", "elsewhere", (total - outermost).max(0.0), false));
    parts.sort_by(|a, b| b.2.total_cmp(&a.2));
    let listed: Vec<String> = parts
        .iter()
        .filter(|p| p.2 >= 1.0)
        .map(|(who, what, ms, nested)| {
            let who = if who.is_empty() {
                String::new()
            } else {
                format!("{who} ")
            };
            let inside = if *nested { " (inside another)" } else { "" };
            format!("{who}{what} {ms:.1} ms{inside}")
        })
        .collect();
    format!(
        "basin: a frame's update and layout took {total:.1} ms: {}",
        if listed.is_empty() {
            "no part over 1 ms".to_string()
        } else {
            listed.join(", ")
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_frame_names_its_parts_longest_first() {
        let text = line(
            40.0,
            vec![
                ("app", "commands", 0.5, false),
                ("network", "results", 12.26, true),
                ("network", "update", 12.5, false),
                ("network", "view", 25.0, false),
            ],
        );
        assert_eq!(
            text,
            "basin: a frame's update and layout took 40.0 ms: network view 25.0 ms, \
             network update 12.5 ms, network results 12.3 ms (inside another), elsewhere 2.0 ms"
        );
        let quick = line(20.0, vec![("app", "commands", 19.2, false)]);
        assert_eq!(
            quick,
            "basin: a frame's update and layout took 20.0 ms: app commands 19.2 ms"
        );
        assert!(line(0.5, vec![]).ends_with("no part over 1 ms"));
    }

    #[test]
    fn a_quick_frame_has_no_line_and_parts_outside_a_frame_are_dropped() {
        assert_eq!(end(), None);
        assert_eq!(part("app", "outside", || 7), 7);
        begin();
        part("app", "quick", || ());
        assert_eq!(end(), None);
        begin();
        part("app", "slow", || {
            part("app", "inner", || {
                std::thread::sleep(std::time::Duration::from_millis(20))
            });
        });
        let text = end().expect("a 20 ms frame is logged");
        assert!(text.contains(": app slow 2"), "{text}");
        assert!(text.contains(" ms, app inner 2"), "{text}");
        assert!(text.contains(" ms (inside another)"), "{text}");
    }
}
