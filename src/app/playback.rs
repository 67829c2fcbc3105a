//! [`Playback`]: where a lab's animation is (in steps), whether it runs and how fast; the
//! [`PlaybackCommand`]s of the playback bar and the keys (Space, →, R) that drive it. Each
//! lab that animates owns one; the shell reaches it through [`super::lab::Lab::playback`].

/// A request of the playback bar or a key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlaybackCommand {
    /// Start or stop.
    TogglePlay,
    /// Advance by one step (and pause).
    StepForward,
    /// Back to step 0 (and pause).
    Reset,
    /// Jump to a step.
    SetCursor(f64),
    /// Steps per second.
    SetSpeed(f64),
}

/// A lab's animation state.
#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    /// The position, in steps (fractional while animating).
    pub cursor_step: f64,
    /// Whether it advances.
    pub playing: bool,
    /// Steps per second.
    pub speed_steps_per_sec: f64,
}

impl Playback {
    /// Playing from step 0 at a pace that shows `steps` in about eight seconds.
    #[must_use]
    pub fn for_steps(steps: usize) -> Self {
        Self {
            cursor_step: 0.0,
            playing: true,
            speed_steps_per_sec: race_speed(steps),
        }
    }

    /// The position in whole steps.
    #[must_use]
    pub fn step(&self) -> usize {
        // The cursor is kept in [0, last step], so the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let step = self.cursor_step.max(0.0).floor() as usize;
        step
    }

    /// Back to the start, playing (new results are coming).
    pub fn rewind(&mut self) {
        self.cursor_step = 0.0;
        self.playing = true;
    }

    /// Applies a command, with `end` the last step that can be shown.
    pub fn apply(&mut self, command: PlaybackCommand, end: f64) {
        match command {
            PlaybackCommand::TogglePlay => {
                if !self.playing && self.cursor_step >= end {
                    self.cursor_step = 0.0;
                }
                self.playing = !self.playing;
            }
            PlaybackCommand::StepForward => {
                self.playing = false;
                self.cursor_step = (self.cursor_step.floor() + 1.0).min(end);
            }
            PlaybackCommand::Reset => {
                self.playing = false;
                self.cursor_step = 0.0;
            }
            PlaybackCommand::SetCursor(step) => self.cursor_step = step.clamp(0.0, end),
            PlaybackCommand::SetSpeed(steps_per_sec) => {
                self.speed_steps_per_sec = steps_per_sec.max(0.1);
            }
        }
    }

    /// Moves the cursor by `dt` seconds of play, up to `end`. Returns whether another frame
    /// is wanted; at the end with nothing pending (`busy` false) it stops, so an idle window
    /// does not repaint.
    pub fn advance(&mut self, dt: f64, end: f64, busy: bool) -> bool {
        if !self.playing {
            return false;
        }
        self.cursor_step = (self.cursor_step + self.speed_steps_per_sec * dt).min(end);
        if self.cursor_step < end {
            return true;
        }
        if !busy {
            self.playing = false;
        }
        false
    }

    /// Jumps to `end` and pauses (a scripted screenshot shows the whole race).
    pub fn show_end(&mut self, end: f64) {
        self.cursor_step = end;
        self.playing = false;
    }
}

/// A playback speed that shows a whole race in about eight seconds (10 to 2000 steps/s).
#[must_use]
pub fn race_speed(steps: usize) -> f64 {
    (steps as f64 / 8.0).clamp(10.0, 2000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn playback_steps_toggles_and_stops_at_the_end() {
        let mut p = Playback::for_steps(800);
        assert_eq!(p.speed_steps_per_sec, 100.0);
        p.apply(PlaybackCommand::StepForward, 10.0);
        assert_eq!((p.cursor_step, p.playing), (1.0, false));
        p.apply(PlaybackCommand::SetCursor(99.0), 10.0);
        assert_eq!(p.cursor_step, 10.0);
        // Play at the end starts over.
        p.apply(PlaybackCommand::TogglePlay, 10.0);
        assert_eq!((p.cursor_step, p.playing), (0.0, true));
        assert!(p.advance(0.05, 10.0, false));
        assert_eq!(p.cursor_step, 5.0);
        assert!(!p.advance(1.0, 10.0, true));
        assert!(p.playing, "still busy: keeps playing as results grow");
        assert!(!p.advance(1.0, 10.0, false));
        assert!(!p.playing);
        p.apply(PlaybackCommand::Reset, 10.0);
        assert_eq!(p.step(), 0);
        assert_eq!(race_speed(10), 10.0);
        assert_eq!(race_speed(1_000_000), 2000.0);
    }
}
