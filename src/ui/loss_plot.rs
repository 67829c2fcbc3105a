//! What every loss plot shares: the loss axis (log10 plotted, ticks labelled in loss units,
//! when every loss is positive), a run's train line with its test line dashed under one
//! legend entry, and the weak colour of cursors and guides.

use egui_plot::{GridMark, HoverPosition, Line, LineStyle, Plot, PlotPoints};

use crate::core::fmt3;
use crate::i18n::fill;

/// A plot's y axis in loss units: on a log axis (log10 plotted) the ticks are round loss
/// values ([`log_ticks`]) labelled as losses.
pub fn with_loss_axis(plot: Plot<'_>, log: bool) -> Plot<'_> {
    if !log {
        return plot;
    }
    plot.y_axis_formatter(|mark, _| super::tick_label(libm::pow(10f64, mark.value)))
        .y_grid_spacer(|input| {
            log_ticks(input.bounds.0, input.bounds.1)
                .into_iter()
                .map(|(value, step_size)| GridMark { value, step_size })
                .collect()
        })
}

/// A plot of losses against steps: [`with_loss_axis`], and on hover the series' name, the step
/// and the loss (in loss units on a log axis).
pub fn step_loss_plot(plot: Plot<'_>, log: bool) -> Plot<'_> {
    let unlog = move |y: f64| if log { libm::pow(10f64, y) } else { y };
    with_loss_axis(plot, log)
        .label_formatter(move |hover| Some(step_label(hover, "common.hover.step_loss", unlog)))
}

/// The hover text of a per-step series: its name, then the message `key` filled with the step
/// (x) and `value(y)`.
pub fn step_label(
    hover: &HoverPosition<'_>,
    key: &'static str,
    value: impl Fn(f64) -> f64,
) -> String {
    let (name, p) = super::hovered(hover);
    let text = fill(key, &[&format!("{:.0}", p.x), &fmt3(value(p.y))]);
    format!("{name}{text}")
}

/// A training curve (solid, `width`) and its test curve (dashed, a little thinner), the way
/// every plot of the labs pairs them; `names` and `colors` are (train, test).
pub fn train_test_lines<'a>(
    plot_ui: &mut egui_plot::PlotUi<'a>,
    names: [String; 2],
    curves: [&'a [egui_plot::PlotPoint]; 2],
    colors: [egui::Color32; 2],
    width: f32,
) {
    let [train_name, test_name] = names;
    plot_ui.line(
        Line::new(train_name, PlotPoints::Borrowed(curves[0]))
            .color(colors[0])
            .width(width),
    );
    plot_ui.line(
        Line::new(test_name, PlotPoints::Borrowed(curves[1]))
            .color(colors[1])
            .width(width * 0.9)
            .style(LineStyle::dashed_loose()),
    );
}

/// The colour of the playback line in the plots.
pub fn ui_weak(dark: bool) -> egui::Color32 {
    if dark {
        egui::Color32::from_gray(200)
    } else {
        egui::Color32::from_gray(60)
    }
}

/// Grid marks for a log10 axis spanning `[lo, hi]` (in log10 units), as `(log10 value, step)`:
/// decades (and 2, 5 within them when few decades show); for a range narrower than a decade,
/// about five evenly spaced round loss values. Labels are then real loss values.
#[must_use]
pub fn log_ticks(lo: f64, hi: f64) -> Vec<(f64, f64)> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return Vec::new();
    }
    let span = hi - lo;
    if span >= 1.0 {
        let mantissas: &[f64] = if span <= 3.0 {
            &[1.0, 2.0, 5.0]
        } else {
            &[1.0]
        };
        let stride = (span / 8.0).ceil().max(1.0);
        let mut marks = Vec::new();
        let mut k = lo.floor();
        while k <= hi.ceil() {
            for &m in mantissas {
                let v = k + libm::log10(m);
                if (lo..=hi).contains(&v) {
                    marks.push((v, if m == 1.0 { stride } else { 0.3 }));
                }
            }
            k += stride;
        }
        return marks;
    }
    // Narrow range: round values in loss units, step 1, 2 or 5 × 10^k, about five of them.
    let (a, b) = (libm::pow(10f64, lo), libm::pow(10f64, hi));
    let raw = (b - a) / 5.0;
    let mag = libm::pow(10f64, libm::log10(raw).floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let mut marks = Vec::new();
    // Kept by their logarithms, the axis's own units: 10^lo and 10^hi may round across a round
    // value whose logarithm is lo or hi itself (10^log10(40) is 39.99999999999999).
    let mut v = (a / step).floor() * step;
    while v <= b + step {
        let at = libm::log10(v);
        if v > 0.0 && (lo..=hi).contains(&at) {
            marks.push((at, span / 5.0));
        }
        v += step;
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::log_ticks;

    fn values(lo: f64, hi: f64) -> Vec<f64> {
        log_ticks(lo, hi)
            .iter()
            .map(|(v, _)| (libm::pow(10f64, *v) * 1e6).round() / 1e6)
            .collect()
    }

    #[test]
    fn decades_are_labelled_with_round_losses() {
        assert_eq!(
            values(-0.5, 2.5),
            vec![0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0]
        );
        assert_eq!(values(-3.2, 2.2), vec![0.001, 0.01, 0.1, 1.0, 10.0, 100.0]);
    }

    #[test]
    fn a_narrow_range_gets_round_values_inside_it() {
        // 22 … 40
        let v = values(libm::log10(22f64), libm::log10(40f64));
        assert_eq!(v, vec![25.0, 30.0, 35.0, 40.0]);
    }
}
