//! `basin render` end to end (PNG of the asked size with real content, SVG that parses and
//! carries the legend, GIF with the asked number of frames and the same bytes on any number
//! of threads, every lab's figure, bad input refused with exit 2 and nothing left behind),
//! and the 3-D view's math (a known point to a known pixel, depth order).

mod common;

use common::*;

use std::path::Path;

use basin::core::landscape::{Grid, GridSpec, Layer};
use basin::render::mesh3d::{
    Camera, HeightOptions, Path3d, Strokes, Surface, Viewport, build_mesh, far_first, project,
};
use basin::render::palette::{ColorMap, ColorScale};
use ndarray::Array2;

fn png_pixels(path: &Path) -> (u32, u32, Vec<u8>) {
    let image = image::ImageReader::open(path)
        .expect("open png")
        .with_guessed_format()
        .expect("format")
        .decode()
        .expect("decode png")
        .to_rgb8();
    let (w, h) = image.dimensions();
    (w, h, image.into_raw())
}

fn distinct_colors(rgb: &[u8]) -> usize {
    let mut colors: Vec<[u8; 3]> = rgb.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect();
    colors.sort_unstable();
    colors.dedup();
    colors.len()
}

fn gif_frames(bytes: &[u8]) -> Vec<(u16, u16)> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    let mut decoder = options.read_info(bytes).expect("gif header");
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().expect("gif frame") {
        frames.push((frame.width, frame.height));
    }
    frames
}

#[test]
fn png_has_the_asked_size_and_real_content() {
    let dir = tempdir();
    let out = basin(
        dir.path(),
        &[
            "render",
            "rosenbrock-race",
            "--out",
            "fig.png",
            "--width",
            "640",
            "--height",
            "400",
        ],
    );
    ok(&out);
    let (w, h, rgb) = png_pixels(&dir.path().join("fig.png"));
    assert_eq!((w, h), (640, 400));
    // A heatmap, five runs, text: far more than a handful of colours.
    assert!(distinct_colors(&rgb) > 500, "{}", distinct_colors(&rgb));
    // The page is white at the top-left corner, the heatmap is not at the plot's centre.
    assert_eq!(&rgb[..3], &[255, 255, 255]);
    let centre = ((h / 2) * w + w / 3) as usize * 3;
    assert_ne!(&rgb[centre..centre + 3], &[255, 255, 255]);
}

#[test]
fn svg_parses_and_carries_the_legend_and_the_heatmap() {
    let dir = tempdir();
    ok(&basin(
        dir.path(),
        &[
            "render",
            "rosenbrock-race",
            "--out",
            "fig.svg",
            "--set",
            "view.resolution=64",
        ],
    ));
    let text = std::fs::read_to_string(dir.path().join("fig.svg")).expect("svg");
    let doc = roxmltree::Document::parse(&text).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("1600"));
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect();
    // The legend names each run with its optimizer's key hyperparameters.
    for label in [
        "SGD + momentum: SGD μ=0.9 lr=0.00100 B=full",
        "Nesterov μ=0.9 lr=0.00100 B=full",
        "RMSprop lr=",
        "Adam lr=",
        "loss (log)",
    ] {
        assert!(
            texts.iter().any(|t| t.starts_with(label)),
            "{label} missing from {texts:?}"
        );
    }
    assert!(texts.iter().any(|t| t.contains("seed 7")), "{texts:?}");
    let image = doc
        .descendants()
        .find(|n| n.has_tag_name("image"))
        .expect("the heatmap is embedded");
    assert!(
        image
            .attribute("href")
            .is_some_and(|h| h.starts_with("data:image/png;base64,"))
    );
    // The placeholder is gone.
    assert!(!text.contains("#010203"));
}

#[test]
fn gif_has_the_asked_frames_and_is_the_same_on_any_thread_count() {
    let dir = tempdir();
    let args = |out: &'static str| {
        vec![
            "render",
            "rosenbrock-race",
            "--out",
            out,
            "--fps",
            "4",
            "--seconds",
            "1.5",
            "--width",
            "320",
            "--height",
            "200",
            "--set",
            "view.resolution=48",
        ]
    };
    let one = basin_with(dir.path(), &args("one.gif"), Some("1"));
    ok(&one);
    assert!(stderr(&one).contains("frames 6/6"), "{}", stderr(&one));
    ok(&basin_with(dir.path(), &args("two.gif"), Some("2")));
    let bytes = std::fs::read(dir.path().join("one.gif")).expect("gif");
    let frames = gif_frames(&bytes);
    assert_eq!(frames.len(), 6);
    // The first frame is whole; later ones are only what changed.
    assert_eq!(frames[0], (320, 200));
    assert!(frames[1..].iter().all(|&(w, h)| w <= 320 && h <= 200));
    let again = std::fs::read(dir.path().join("two.gif")).expect("gif");
    assert!(bytes == again, "the GIF depends on the number of threads");
}

#[test]
fn bias_variance_and_network_presets_render() {
    let dir = tempdir();
    ok(&basin(
        dir.path(),
        &[
            "render",
            "bias-variance",
            "--out",
            "bv.png",
            "--width",
            "500",
            "--height",
            "400",
            "--set",
            "resampling.repeats=20",
        ],
    ));
    let (w, h, rgb) = png_pixels(&dir.path().join("bv.png"));
    assert_eq!((w, h), (500, 400));
    assert!(distinct_colors(&rgb) > 50);
    ok(&basin(
        dir.path(),
        &[
            "render",
            "moons",
            "--out",
            "net.png",
            "--width",
            "400",
            "--height",
            "300",
            "--set",
            "view.resolution=15",
            "--set",
            "training.steps=20",
        ],
    ));
    let (w, h, rgb) = png_pixels(&dir.path().join("net.png"));
    assert_eq!((w, h), (400, 300));
    assert!(distinct_colors(&rgb) > 50);
}

#[test]
fn the_sharp_vs_flat_figure_has_the_interpolation_and_the_sweep() {
    let dir = tempdir();
    let small = SMALL_SHARP_FLAT;
    let mut args = vec![
        "render",
        "sharp-vs-flat-net",
        "--lab",
        "sharp-vs-flat",
        "--out",
        "sf.svg",
        "--width",
        "900",
        "--height",
        "600",
    ];
    args.extend_from_slice(&small);
    ok(&basin(dir.path(), &args));
    let text = std::fs::read_to_string(dir.path().join("sf.svg")).expect("svg");
    let doc = roxmltree::Document::parse(&text).expect("the SVG parses as XML");
    let words: String = doc
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    for needle in [
        "loss between the two solutions",
        "final test accuracy",
        "small batch, B = 8",
        "large batch, B = 64",
        "64 (full)",
    ] {
        assert!(words.contains(needle), "{needle} missing from the SVG text");
    }
    // The default sweep around run 0 for N = 64: B = 4, 8, 16, 32, full × six learning rates.
    let cells = doc.descendants().filter(|n| n.has_tag_name("rect")).count();
    assert!(cells >= 30, "{cells} rectangles");
    args[5] = "sf.png";
    ok(&basin(dir.path(), &args));
    let (w, h, rgb) = png_pixels(&dir.path().join("sf.png"));
    assert_eq!((w, h), (900, 600));
    assert!(distinct_colors(&rgb) > 50);
}

#[test]
fn bad_input_exits_2_and_leaves_nothing() {
    let dir = tempdir();
    let cases: [(&[&str], &str); 7] = [
        (&["--out", "fig.jpg"], ".jpg"),
        (&["--out", "fig.png", "--width", "0"], "width 0"),
        (&["--out", "fig.png", "--height", "9000"], "height 9000"),
        (
            &["--out", "no/such/folder/fig.png"],
            "no/such/folder/fig.png",
        ),
        (&["--out", "fig.gif", "--fps", "0"], "--fps 0"),
        (&["--out", "fig.gif", "--lab", "sharp-vs-flat"], "no motion"),
        (
            &["--out", "fig.png", "--lab", "bias-variance"],
            "--lab bias-variance",
        ),
    ];
    for (extra, needle) in cases {
        let mut args = vec!["render", "rosenbrock-race", "--set", "view.resolution=16"];
        args.extend_from_slice(extra);
        let out = basin(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
    let out = basin(
        dir.path(),
        &[
            "render",
            "bias-variance",
            "--out",
            "bv.gif",
            "--set",
            "resampling.repeats=5",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no motion"), "{}", stderr(&out));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_known_point_projects_to_a_known_pixel() {
    let viewport = Viewport::fit([100.0, 50.0], 800.0, 600.0);
    assert_eq!(viewport.center, [500.0, 350.0]);
    assert!((viewport.scale - 186.0).abs() < 1e-3);
    // Turned a quarter: world +x points away from the viewer, world +y to the left.
    let camera = Camera {
        yaw: std::f32::consts::FRAC_PI_2,
        pitch: 0.0,
        zoom: 1.0,
    };
    let p = project(&camera, &viewport, 0.5, [0.0, 1.0, 1.0]);
    assert!((p[0] - (500.0 - 186.0)).abs() < 1e-3, "{p:?}");
    assert!((p[1] - (350.0 - 0.5 * 186.0)).abs() < 1e-3, "{p:?}");
    let far = project(&camera, &viewport, 0.5, [1.0, 0.0, 0.5]);
    let near = project(&camera, &viewport, 0.5, [-1.0, 0.0, 0.5]);
    assert!(far[2] > near[2]);
}

#[test]
fn overlapping_triangles_are_drawn_far_first() {
    // Two triangles covering the same pixels from above: one on the floor, one high up.
    let camera = Camera {
        yaw: 0.3,
        pitch: 1.2,
        zoom: 1.0,
    };
    let viewport = Viewport::fit([0.0, 0.0], 400.0, 400.0);
    let triangle = |z: f32| {
        [[-0.5, -0.5, z], [0.5, -0.5, z], [0.0, 0.5, z]]
            .map(|p| project(&camera, &viewport, 0.0, p))
    };
    let (high, low) = (triangle(0.8), triangle(0.0));
    let depth = |t: &[[f32; 3]; 3]| t.iter().map(|p| p[2]).sum::<f32>() / 3.0;
    // Listed high first; the low one (farther from a camera above) must be drawn first.
    assert_eq!(far_first(&[depth(&high), depth(&low)]), vec![1, 0]);
    assert_eq!(far_first(&[depth(&low), depth(&high)]), vec![0, 1]);

    // In a whole mesh, a marker on the surface is drawn after the surface under it.
    let spec = GridSpec::square([-1.0, 1.0], [-1.0, 1.0], 9);
    let values = Array2::from_shape_fn((9, 9), |(i, j)| (i * i + j * j) as f64);
    let grid = Grid {
        spec,
        layer: Layer::Train,
        values,
    };
    let scale = ColorScale::for_grid(&grid, false);
    let surface = Surface::new(&grid, &scale, ColorMap::Viridis, HeightOptions::default());
    let paths = [Path3d {
        rgb: [230, 159, 0],
        points: vec![[-0.5, -0.5], [0.0, 0.0]],
    }];
    let mesh = build_mesh(&surface, &camera, &viewport, &paths, Strokes::default());
    let triangles = mesh.indices.len() / 3;
    // 8 × 8 cells × 2, the floor frame (4 quads), one segment (a quad), two 12-sided discs.
    assert_eq!(triangles, 128 + 8 + 2 + 24);
    // Where (in drawing order) the surface triangles around the marker's grid vertex (row 4,
    // column 4, at (0, 0)) and the marker's triangles are.
    let order: Vec<&[u32]> = mesh.indices.chunks_exact(3).collect();
    let under: Vec<usize> = (0..order.len())
        .filter(|&k| order[k].contains(&40) && order[k].iter().all(|&v| v < 81))
        .collect();
    let marker: Vec<usize> = (0..order.len())
        .filter(|&k| {
            order[k]
                .iter()
                .all(|&v| mesh.colors[v as usize] == [230, 159, 0, 255])
        })
        .filter(|&k| order[k].iter().all(|&v| v >= 81))
        .collect();
    assert_eq!(under.len(), 6);
    assert!(marker.len() >= 12, "{}", marker.len());
    let last_under = under.iter().max().copied().unwrap_or(0);
    assert!(
        marker.iter().all(|&k| k > last_under),
        "marker {marker:?} drawn before the surface under it (last at {last_under})"
    );
}

#[test]
fn a_figure_draws_the_step_overlays_the_preset_turns_on() {
    use basin::core::anatomy::Overlay;
    use basin::render::{Figure, FigureSize, experiment::surface_figure, render_rgb};
    let set = |extra: &[&str]| {
        let mut o: Vec<String> = ["training.steps=30", "view.resolution=32", "view.step_run=2"]
            .iter()
            .map(|s| (*s).to_string())
            .collect();
        o.extend(extra.iter().map(|s| (*s).to_string()));
        basin::preset::load_surface("rosenbrock-race", &o).expect("valid")
    };
    let lang = basin::i18n::Lang::En;
    let plain = surface_figure(&set(&[]), "t", lang).expect("figure");
    let with = surface_figure(
        &set(&[
            "view.step_overlays=[\"update\", \"look_ahead\", \"step_size\"]",
            "view.step_at=12",
        ]),
        "t",
        lang,
    )
    .expect("figure");
    let Figure::Landscape(fig) = &with else {
        panic!("a landscape figure")
    };
    let step = fig.step.as_ref().expect("overlays on");
    // Run 2 is Nesterov: it has a look-ahead but no per-coordinate step sizes.
    assert_eq!(step.on, [Overlay::Update, Overlay::LookAhead]);
    assert_eq!(step.anatomy.step, 12);
    assert_eq!(fig.still_upto(), Some(12));
    let size = FigureSize::new(640, 400).expect("size");
    assert_ne!(
        render_rgb(&plain, size).unwrap(),
        render_rgb(&with, size).unwrap()
    );
}
