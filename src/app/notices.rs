//! The status line's messages: [`Notices`], owned by the shell and lent to the labs. Errors
//! stay red until dismissed; at most four are kept, and the same message twice in a row is
//! shown once.

/// How loud a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something worked (a file was written).
    Info,
    /// Something failed (a preset did not load); shown in red until dismissed.
    Error,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Info or error.
    pub kind: NoticeKind,
    /// What happened, with the file and the reason.
    pub text: String,
}

/// How many notices are kept (the oldest goes first).
const KEPT: usize = 4;

/// The notices on screen, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notices {
    list: Vec<Notice>,
}

impl Notices {
    /// Adds a notice (errors are also logged).
    pub fn notify(&mut self, kind: NoticeKind, text: String) {
        if kind == NoticeKind::Error {
            log::error!("{text}");
        } else {
            log::info!("{text}");
        }
        // The same message twice in a row (a button and Enter in one frame) is shown once.
        if self
            .list
            .last()
            .is_some_and(|n| n.kind == kind && n.text == text)
        {
            return;
        }
        self.list.push(Notice { kind, text });
        if self.list.len() > KEPT {
            self.list.remove(0);
        }
    }

    /// An error notice.
    pub fn error(&mut self, text: impl Into<String>) {
        self.notify(NoticeKind::Error, text.into());
    }

    /// An info notice.
    pub fn info(&mut self, text: impl Into<String>) {
        self.notify(NoticeKind::Info, text.into());
    }

    /// Removes notice `index` (nothing if there is none).
    pub fn dismiss(&mut self, index: usize) {
        if index < self.list.len() {
            self.list.remove(index);
        }
    }

    /// Removes the errors (a new experiment loaded: the old complaints are moot).
    pub fn clear_errors(&mut self) {
        self.list.retain(|n| n.kind != NoticeKind::Error);
    }

    /// The notices, oldest first.
    #[must_use]
    pub fn list(&self) -> &[Notice] {
        &self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_keep_four_drop_repeats_and_clear_errors() {
        let mut n = Notices::default();
        for i in 0..6 {
            n.info(format!("{i}"));
        }
        n.info("5");
        let texts: Vec<&str> = n.list().iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["2", "3", "4", "5"]);
        n.error("bad");
        n.clear_errors();
        assert_eq!(n.list().len(), 3);
        n.dismiss(0);
        n.dismiss(9);
        assert_eq!(n.list()[0].text, "4");
    }
}
