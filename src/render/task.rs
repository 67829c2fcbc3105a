//! A figure drawn where the page's memory is not: [`FigureTask`], a PNG or GIF export as a
//! [`Task`], which the web edition's single-threaded build hands to a Web Worker like the
//! labs' jobs ([`crate::jobs::task`]), so that a long GIF does not stop the page. An SVG is
//! never one: it is drawn on the page, whose fonts measure its text.
//!
//! It lives here, beside what it draws, and not among [`crate::jobs`]' kinds, because
//! [`crate::render`] already uses the jobs (never the other way): the worker's entry point,
//! [`crate::web`]'s `run_task`, dispatches it beside them. A Korean figure carries the Hangul
//! font's bytes, which a worker's copy of basin has not fetched.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use serde_bytes::ByteBuf;

use super::{Animation, Figure, FigureSize, Format, RenderError};
use crate::jobs::task::Task;
use crate::jobs::{JobCtx, ProgressStep};

/// A figure to draw, in a format, at a size (with an animation's length for a GIF).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FigureTask {
    /// What to draw.
    pub figure: Figure,
    /// PNG, SVG or GIF.
    pub format: Format,
    /// Its size in pixels.
    pub size: FigureSize,
    /// A GIF's frames per second and length.
    pub animation: Animation,
    /// The file it is for (its messages name it).
    pub path: PathBuf,
    /// The Hangul font for a Korean figure drawn by a worker of the single-threaded web build
    /// (which has no font of its own); empty everywhere else.
    #[serde(with = "serde_bytes")]
    pub hangul_font: Vec<u8>,
}

impl FigureTask {
    /// Draws the figure as its format's bytes, reporting progress as (done, total) and
    /// stopping early when `cancel` is set.
    ///
    /// # Errors
    /// [`RenderError`]: drawing or encoding failed, or the export was cancelled.
    pub fn encode(
        self,
        cancel: &AtomicBool,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Vec<u8>, RenderError> {
        // The first font installed wins: a worker keeps the one the first Korean figure
        // brought (the page's copy of basin has its own already).
        #[cfg(target_arch = "wasm32")]
        if !self.hangul_font.is_empty() && super::font::hangul_font_bytes().is_empty() {
            super::font::install_hangul_font(self.hangul_font);
        }
        super::encode_figure(
            &self.path,
            self.format,
            &self.figure,
            self.size,
            self.animation,
            cancel,
            progress,
        )
    }
}

impl Task for FigureTask {
    const KIND: &'static str = "figure";
    type Progress = f32;
    /// The file's bytes, or what went wrong (in English: the page words its notice).
    type Output = Result<ByteBuf, String>;

    fn run(self, ctx: &JobCtx<f32, Self::Output>) -> Self::Output {
        let step = ProgressStep::default();
        self.encode(ctx.cancel_flag(), &|done, total| {
            ctx.fraction(&step, done, total)
        })
        .map(ByteBuf::from)
        .map_err(|err| err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::task::{self, Report, Reporter};
    use std::sync::{Arc, Mutex};

    /// The Bias–Variance lab's figure of the shipped preset, as the lab makes it.
    fn figure_task(format: Format, width: u32, height: u32) -> FigureTask {
        let crate::preset::Preset::Regression(mut e) =
            crate::preset::load("bias-variance", &[]).expect("bias-variance loads")
        else {
            panic!("bias-variance is a regression preset");
        };
        e.config.complexities = vec![1, 3, 6];
        e.config.repeats = 8;
        let never = AtomicBool::new(false);
        let sweep = crate::jobs::tasks::bias_variance(&e.config, &never, &|_, _| {})
            .expect("the sweep runs");
        let figure = crate::render::biasvar::BiasVarianceFigure::new(
            &e,
            "bias-variance",
            &sweep,
            crate::i18n::Lang::Ko,
        );
        FigureTask {
            figure: Figure::BiasVariance(Box::new(figure)),
            format,
            size: FigureSize::new(width, height).expect("a size"),
            animation: Animation::default(),
            path: PathBuf::from("exports/bias-variance-figure.png"),
            hangul_font: Vec::new(),
        }
    }

    /// Drawn from its bytes (as a worker does) the figure is the same PNG as drawn directly:
    /// the figure, its size and its Korean words make the trip.
    #[test]
    fn a_figure_drawn_from_its_bytes_is_the_same_file() {
        let task = figure_task(Format::Png, 320, 200);
        let never = AtomicBool::new(false);
        let direct = task.clone().encode(&never, &|_, _| {}).expect("it draws");
        assert_eq!(&direct[1..4], b"PNG");
        let got = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&got);
        let report: Reporter = Arc::new(move |r| sink.lock().expect("unpoisoned").push(r));
        task::run_one::<FigureTask>(&task::encode(&task), &report).expect("it runs");
        let got = std::mem::take(&mut *got.lock().expect("unpoisoned"));
        let Some(Report::Finished(bytes)) = got.last() else {
            panic!("the result comes last");
        };
        let drawn: Result<ByteBuf, String> = task::decode(bytes).expect("the result decodes");
        assert!(drawn.expect("it draws") == direct, "the same PNG");
        // The file travels as one block of bytes, not a number per byte.
        assert!(bytes.len() < direct.len() + 16, "{} bytes", bytes.len());
    }

    /// A figure that cannot be drawn comes back from the worker as the reason, in words.
    #[test]
    fn a_failed_figure_says_why() {
        // A bias–variance figure does not move: a GIF of it is refused.
        let task = figure_task(Format::Gif, 320, 200);
        let got = Arc::new(Mutex::new(None));
        let sink = Arc::clone(&got);
        let report: Reporter = Arc::new(move |r| {
            if let Report::Finished(bytes) = r {
                *sink.lock().expect("unpoisoned") = Some(bytes);
            }
        });
        task::run_one::<FigureTask>(&task::encode(&task), &report).expect("it runs");
        let bytes = got.lock().expect("unpoisoned").take().expect("a result");
        let drawn: Result<ByteBuf, String> = task::decode(&bytes).expect("the result decodes");
        let err = drawn.expect_err("no GIF of a still figure");
        assert!(err.contains("have no motion"), "{err}");
    }
}
