//! Custom formula surfaces: the parser (precedence, every function, every error with its
//! position, the caps, a fuzz run), exact derivatives (against finite differences on random
//! formulas, and against the built-in surfaces' analytic gradients and Hessians), and a
//! custom surface everywhere a built-in one goes (shifted copies, grids, training,
//! sharpness, presets, the CLI).

mod common;

use std::sync::atomic::AtomicBool;

use basin::core::formula::{Formula, MAX_CHARS, MAX_DEPTH};
use basin::core::landscape::{GridRows, GridSpec, Layer};
use basin::core::rng;
use basin::core::surface::{Copies, ShiftedCopies, Surface, SurfaceKind};
use basin::core::train::{RunSpec, train};
use rand::RngExt as _;

fn value(source: &str, p: [f64; 2]) -> f64 {
    Formula::parse(source)
        .unwrap_or_else(|e| panic!("{source}: {e}"))
        .value(p)
}

#[test]
fn precedence_and_associativity() {
    let p = [3.0, -2.0];
    let cases: &[(&str, f64)] = &[
        ("2^3^2", 512.0),
        ("(2^3)^2", 64.0),
        ("-x^2", -9.0),
        ("(-x)^2", 9.0),
        ("-2^2", -4.0),
        ("2^-1", 0.5),
        ("2**3", 8.0),
        ("2 + 3*4", 14.0),
        ("(2 + 3)*4", 20.0),
        ("10 - 4 - 3", 3.0),
        ("64 / 4 / 2", 8.0),
        ("2*x^2*y", -36.0),
        ("x - -y", 1.0),
        ("+x", 3.0),
        ("--x", 3.0),
        ("x*y - y/x", -6.0 + 2.0 / 3.0),
        ("1e3 + .5 + 2.5e-1", 1000.75),
        ("3 \u{2212} x", 0.0),
        ("2\u{d7}x \u{b7} y \u{f7} 4", -3.0),
        ("\u{3c0}", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("pi", std::f64::consts::PI),
        ("2*pi*x", 6.0 * std::f64::consts::PI),
    ];
    for &(source, expected) in cases {
        assert_eq!(value(source, p), expected, "{source}");
    }
}

#[test]
fn every_function() {
    let (x, y) = (0.7_f64, -1.3_f64);
    let cases: &[(&str, f64)] = &[
        ("sin(x)", libm::sin(x)),
        ("cos(x)", libm::cos(x)),
        ("tan(x)", libm::tan(x)),
        ("exp(y)", libm::exp(y)),
        ("log(x)", libm::log(x)),
        ("sqrt(x)", x.sqrt()),
        ("abs(y)", 1.3),
        ("tanh(y)", libm::tanh(y)),
        ("min(x, y)", y),
        ("max(x, y)", x),
        ("min(x, x + 1)", x),
    ];
    for &(source, expected) in cases {
        assert_eq!(value(source, [x, y]), expected, "{source}");
    }
    // sigmoid = 1/(1 + e^−a), evaluated as ½(1 + tanh(a/2)) (no overflow).
    let s = value("sigmoid(y)", [x, y]);
    assert!((s - 1.0 / (1.0 + libm::exp(1.3_f64))).abs() < 1e-15, "{s}");
    assert_eq!(value("sigmoid(-1000*x)", [x, y]), 0.0);
    assert_eq!(value("sigmoid(1000*x)", [x, y]), 1.0);
    // Outside the domain: NaN, not a panic.
    assert!(value("log(y)", [x, y]).is_nan());
    assert!(value("sqrt(y)", [x, y]).is_nan());
}

/// Each malformed formula, the byte span its error points at, and words of its message.
#[test]
fn every_error_has_its_position_and_says_what_was_expected() {
    let cases: &[(&str, (usize, usize), &[&str])] = &[
        (
            "x^2 + * y",
            (6, 7),
            &["character 7", "expected a number", "found '*'"],
        ),
        ("", (0, 0), &["empty"]),
        ("   ", (0, 3), &["empty"]),
        ("x +", (3, 3), &["ends too early", "expected"]),
        ("(x + 1", (6, 6), &["expected ')'", "character 1"]),
        ("x + 1)", (5, 6), &["no matching '('"]),
        (
            "foo + x",
            (0, 3),
            &[
                "unknown name 'foo'",
                "known names: x, y, pi, e, sin",
                "sigmoid, min, max",
            ],
        ),
        ("sin x", (0, 3), &["'sin' is a function", "sin(...)"]),
        ("x(2)", (0, 1), &["'x' is not a function"]),
        ("min(x)", (0, 6), &["min takes 2 arguments, got 1"]),
        ("sin(x, y)", (0, 9), &["sin takes 1 argument, got 2"]),
        (
            "2x",
            (1, 2),
            &["expected an operator", "multiplication needs '*'"],
        ),
        ("x $ y", (2, 3), &["unexpected character '$'"]),
        ("1e999", (0, 5), &["too large"]),
        ("sin()", (4, 5), &["expected a number", "found ')'"]),
        ("max(x,,y)", (6, 7), &["found ','"]),
        ("x ^ ", (4, 4), &["ends too early"]),
        (
            "1..2",
            (2, 4),
            &["expected an operator", "found the number 0.2"],
        ),
        ("(x + 1]", (6, 7), &["unexpected character ']'"]),
        (
            "sin(x",
            (5, 5),
            &["expected ')' to close the arguments of sin"],
        ),
        ("x y", (2, 3), &["expected an operator", "found 'y'"]),
        (
            "x\u{b2} + 1",
            (1, 3),
            &["unexpected character '\u{b2}'", "x^2"],
        ),
        ("E", (0, 1), &["unknown name 'E'"]),
        ("()", (1, 2), &["found ')'"]),
        ("x^^2", (2, 3), &["found '^'"]),
        ("min(x, y, 1)", (0, 12), &["min takes 2 arguments, got 3"]),
        ("sin(x)cos(y)", (6, 9), &["multiplication needs '*'"]),
    ];
    for &(source, (start, end), words) in cases {
        let err = Formula::parse(source).expect_err(source);
        assert_eq!((err.start, err.end), (start, end), "{source}: {err}");
        let text = err.to_string();
        for w in words {
            assert!(text.contains(w), "{source}: {text:?} lacks {w:?}");
        }
        assert!(
            text.starts_with(&format!("at character {}", err.column)),
            "{text}"
        );
    }
    // Positions count characters, not bytes, after a non-ASCII character.
    let err = Formula::parse("\u{2212}x + * y").expect_err("bad");
    assert_eq!(err.column, 6);
    assert_eq!(err.pointer("\u{2212}x + * y"), "\u{2212}x + * y\n     ^");
}

#[test]
fn long_and_deep_formulas_are_refused_with_a_message() {
    let long = "x+".repeat(5_000);
    assert_eq!(long.len(), 10_000);
    let err = Formula::parse(&long).expect_err("too long");
    assert!(err.message.contains("10000 characters"), "{err}");
    assert!(
        err.message.contains(&format!("at most {MAX_CHARS}")),
        "{err}"
    );

    // The longest accepted formula works and is bounded.
    let longest = format!("{}x", "x+".repeat((MAX_CHARS - 1) / 2));
    assert!(longest.len() <= MAX_CHARS);
    let f = Formula::parse(&longest).expect("at the cap");
    assert_eq!(f.value([1.0, 0.0]), ((MAX_CHARS - 1) / 2 + 1) as f64);

    let nested = |depth: usize| format!("{}x{}", "(".repeat(depth), ")".repeat(depth));
    assert_eq!(
        Formula::parse(&nested(MAX_DEPTH))
            .expect("ok")
            .value([2.0, 0.0]),
        2.0
    );
    let err = Formula::parse(&nested(MAX_DEPTH + 1)).expect_err("too deep");
    assert!(err.message.contains("nests deeper than"), "{err}");
    let err = Formula::parse(&format!("{}x", "-".repeat(200))).expect_err("too deep");
    assert!(err.message.contains("nests deeper than"), "{err}");
    let err = Formula::parse(&"sin(".repeat(100)).expect_err("too deep");
    assert!(err.message.contains("nests deeper than"), "{err}");
}

#[test]
fn random_text_never_panics() {
    let pieces = [
        "x", "y", "1", "2.5", "e", "pi", "+", "-", "*", "/", "^", "**", "(", ")", ",", " ", "sin",
        "min", "max", "log", "sigmoid", "1e", "3e-2", ".", "$", "é", "\u{2212}", "abs(", "foo",
    ];
    let mut rng = rng::rng_for(11, 1);
    let mut parsed = 0;
    for _ in 0..20_000 {
        let n = rng.random_range(0..14);
        let text: String = (0..n)
            .map(|_| pieces[rng.random_range(0..pieces.len())])
            .collect();
        match Formula::parse(&text) {
            Ok(f) => {
                parsed += 1;
                let p = [rng.random_range(-3.0..3.0), rng.random_range(-3.0..3.0)];
                let _ = (f.value(p), f.value_gradient(p), f.hessian(p));
            }
            Err(e) => {
                assert!(e.start <= e.end && e.end <= text.len(), "{text:?}: {e:?}");
                assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
                assert!(!e.message.is_empty());
                let _ = e.pointer(&text);
            }
        }
    }
    assert!(
        parsed > 100,
        "the fuzz should also produce valid formulas: {parsed}"
    );
}

/// A random smooth formula of depth ≤ `depth`.
fn random_formula(rng: &mut rng::Rng, depth: usize) -> String {
    if depth == 0 || rng.random_range(0..4) == 0 {
        return match rng.random_range(0..4) {
            0 => "x".into(),
            1 => "y".into(),
            _ => format!("{:.2}", rng.random_range(-2.0..2.0)),
        };
    }
    let a = random_formula(rng, depth - 1);
    let b = random_formula(rng, depth - 1);
    match rng.random_range(0..11) {
        0 => format!("({a} + {b})"),
        1 => format!("({a} - {b})"),
        2 => format!("({a} * {b})"),
        3 => format!("({a} / (2 + {b}^2))"),
        4 => format!("({a})^3"),
        5 => format!("sin({a})"),
        6 => format!("exp(cos({a}))"),
        7 => format!("log(1 + {a}^2)"),
        8 => format!("sqrt(1 + {a}^2)"),
        9 => format!("tanh({a}) * sigmoid({b})"),
        _ => format!("(1 + {a}^2)^0.5"),
    }
}

#[test]
fn derivatives_match_finite_differences_on_random_formulas() {
    let mut rng = rng::rng_for(5, 2);
    let mut checked = 0;
    for _ in 0..300 {
        let source = random_formula(&mut rng, 4);
        let f = Formula::parse(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let p = [rng.random_range(-1.5..1.5), rng.random_range(-1.5..1.5)];
        let (v, g) = f.value_gradient(p);
        let h = f.hessian(p);
        if !(v.is_finite() && g.iter().all(|g| g.is_finite()) && v.abs() < 1e6) {
            continue;
        }
        assert_eq!(v, f.value(p), "{source}");
        let step = 1e-5;
        for axis in 0..2 {
            let shifted = |d: f64| {
                let mut q = p;
                q[axis] += d;
                q
            };
            let fd = (f.value(shifted(step)) - f.value(shifted(-step))) / (2.0 * step);
            let scale = 1.0 + g[axis].abs() + v.abs();
            assert!(
                (fd - g[axis]).abs() < 1e-6 * scale,
                "{source} ∂{axis}: {fd} vs {}",
                g[axis]
            );
            let (_, g_plus) = f.value_gradient(shifted(step));
            let (_, g_minus) = f.value_gradient(shifted(-step));
            for other in 0..2 {
                let fd = (g_plus[other] - g_minus[other]) / (2.0 * step);
                let scale = 1.0 + h[axis][other].abs() + g[other].abs();
                assert!(
                    (fd - h[axis][other]).abs() < 1e-5 * scale,
                    "{source} H[{axis}][{other}]: {fd} vs {}",
                    h[axis][other]
                );
            }
        }
        assert_eq!(h[0][1], h[1][0]);
        checked += 1;
    }
    assert!(checked > 200, "{checked}");
}

/// Built-in surfaces typed as formulas.
const TWINS: &[(SurfaceKind, &str)] = &[
    (SurfaceKind::Rosenbrock, "(1-x)^2 + 100*(y-x^2)^2"),
    (
        SurfaceKind::Himmelblau,
        "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    ),
    (SurfaceKind::Booth, "(x + 2*y - 7)^2 + (2*x + y - 5)^2"),
    (
        SurfaceKind::Beale,
        "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    ),
    (
        SurfaceKind::Rastrigin,
        "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
    ),
    (SurfaceKind::Saddle, "x^2 - y^2"),
];

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

#[test]
fn formulas_of_built_in_surfaces_have_their_exact_gradients_and_hessians() {
    let mut rng = rng::rng_for(3, 4);
    for &(kind, source) in TWINS {
        let built_in = Surface::new(kind);
        let custom = Surface::custom(Formula::parse_shared(source).expect("valid"));
        let ([x0, x1], [y0, y1]) = kind.default_view();
        for _ in 0..200 {
            let p = [rng.random_range(x0..x1), rng.random_range(y0..y1)];
            let (v, g) = built_in.value_gradient(p);
            let (cv, cg) = custom.value_gradient(p);
            assert!(
                (v - cv).abs() <= 1e-12 * v.abs().max(1e-300),
                "{source} {p:?}"
            );
            let diff = [g[0] - cg[0], g[1] - cg[1]];
            assert!(
                norm(&diff) <= 1e-12 * norm(&g),
                "{source} {p:?}: {g:?} {cg:?}"
            );
            let h = built_in.hessian(p);
            let ch = custom.hessian(p);
            let flat = [h[0][0], h[0][1], h[1][0], h[1][1]];
            let diff: Vec<f64> = flat
                .iter()
                .zip([ch[0][0], ch[0][1], ch[1][0], ch[1][1]])
                .map(|(a, b)| a - b)
                .collect();
            assert!(
                norm(&diff) <= 1e-12 * norm(&flat),
                "{source} {p:?}: {h:?} {ch:?}"
            );
        }
    }
}

#[test]
fn a_custom_rosenbrock_races_like_the_built_in_one() {
    let formula = Formula::parse_shared(TWINS[0].1).expect("valid");
    let cancel = AtomicBool::new(false);
    for noise in [0.0, 0.1] {
        let built_in = ShiftedCopies::new(Surface::new(SurfaceKind::Rosenbrock), 16, noise, 32, 3);
        let custom = ShiftedCopies::new(Surface::custom(formula.clone()), 16, noise, 32, 3);
        let mut spec =
            basin::core::optim::OptimizerSpec::defaults(basin::core::optim::OptimizerKind::Adam);
        spec.lr = 0.02;
        let run = RunSpec {
            batch_size: 4,
            ..RunSpec::new(spec)
        };
        let a = train(&built_in, &run, 0, &[-1.5, 2.0], 300, 3, &cancel);
        let b = train(&custom, &run, 0, &[-1.5, 2.0], 300, 3, &cancel);
        assert_eq!(a.len(), b.len());
        for (i, (pa, pb)) in a.params.iter().zip(&b.params).enumerate() {
            assert!((pa - pb).abs() < 1e-9, "σ={noise} index {i}: {pa} vs {pb}");
        }
        for (la, lb) in a.test_loss.iter().zip(&b.test_loss) {
            assert!((la - lb).abs() <= 1e-9 * la.abs().max(1.0), "{la} vs {lb}");
        }
    }
}

#[test]
fn custom_grids_equal_point_losses_and_flag_undefined_views() {
    let formula = Formula::parse_shared("log(1 + x^2 + y^2) + sin(3*x)*y").expect("valid");
    let problem = ShiftedCopies::new(Surface::custom(formula), 70, 0.3, 90, 4);
    let spec = GridSpec::square([-2.0, 2.0], [-1.5, 2.5], 37);
    for layer in Layer::ALL {
        let rows = GridRows::new(&problem, layer, spec);
        let mut row = vec![0.0; spec.nx];
        for i in [0, 17, 36] {
            rows.fill(i, &mut row);
            for (j, v) in row.iter().enumerate() {
                let p = [spec.x_at(j), spec.y_at(i)];
                let expected = match layer {
                    Layer::Train => problem.mean_loss_at(Copies::Train, p),
                    Layer::Test => problem.mean_loss_at(Copies::Test, p),
                    Layer::Gap => {
                        problem.mean_loss_at(Copies::Test, p)
                            - problem.mean_loss_at(Copies::Train, p)
                    }
                };
                assert_eq!(v.to_bits(), expected.to_bits(), "{layer:?} ({i}, {j})");
            }
        }
    }
    // The mean over copies is the mean of the per-copy values.
    let p = [0.3, -0.4];
    let manual: f64 = problem
        .train_shifts()
        .iter()
        .map(|[a, b]| problem.surface().value([p[0] - a, p[1] - b]))
        .sum::<f64>()
        / 70.0;
    assert!((problem.train_loss_at(p) - manual).abs() < 1e-12);

    // log(x) is undefined on the left half of a symmetric view (and −∞ at x = 0).
    let undefined = ShiftedCopies::new(
        Surface::custom(Formula::parse_shared("log(x) + y^2").expect("valid")),
        8,
        0.0,
        8,
        1,
    );
    let grid = basin::core::landscape::surface_grid(&undefined, Layer::Train, spec);
    assert!(grid.largely_non_finite());
    assert!(
        (grid.non_finite_share() - 19.0 / 37.0).abs() < 1e-12,
        "{}",
        grid.non_finite_share()
    );
    let fine = basin::core::landscape::surface_grid(&problem, Layer::Train, spec);
    assert_eq!(fine.non_finite_share(), 0.0);
    assert!(!fine.largely_non_finite());
}

#[test]
fn polynomial_formulas_get_the_closed_form_mean_of_their_built_in_twins() {
    let spec = GridSpec::square([-2.0, 2.0], [-1.0, 3.0], 33);
    for &(kind, source) in TWINS {
        if kind == SurfaceKind::Rastrigin {
            continue;
        }
        let built_in = ShiftedCopies::new(Surface::new(kind), 64, 0.3, 128, 9);
        let custom = ShiftedCopies::new(
            Surface::custom(Formula::parse_shared(source).expect("valid")),
            64,
            0.3,
            128,
            9,
        );
        for layer in Layer::ALL {
            let a = basin::core::landscape::surface_grid(&built_in, layer, spec);
            let b = basin::core::landscape::surface_grid(&custom, layer, spec);
            let scale = a.values.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
            for (x, y) in a.values.iter().zip(&b.values) {
                assert!(
                    (x - y).abs() <= 1e-12 * scale,
                    "{source} {layer:?}: {x} vs {y}"
                );
            }
        }
        // The closed form is the mean of the copies.
        let p = [0.4, 0.9];
        let direct: f64 = custom
            .train_shifts()
            .iter()
            .map(|[a, b]| custom.surface().value([p[0] - a, p[1] - b]))
            .sum::<f64>()
            / 64.0;
        let mean = custom.train_loss_at(p);
        assert!(
            (mean - direct).abs() <= 1e-11 * direct.abs().max(1.0),
            "{source}"
        );
    }
    // Too high a degree, or a non-polynomial, falls back to summing the copies: still right.
    for source in ["x^9 + y", "x^2 / (1 + y^2)", "(x*y)^5 * x^4"] {
        let custom = ShiftedCopies::new(
            Surface::custom(Formula::parse_shared(source).expect("valid")),
            16,
            0.2,
            16,
            1,
        );
        let p = [0.3, -0.2];
        let direct: f64 = custom
            .train_shifts()
            .iter()
            .map(|[a, b]| custom.surface().value([p[0] - a, p[1] - b]))
            .sum::<f64>()
            / 16.0;
        assert!((custom.train_loss_at(p) - direct).abs() < 1e-12, "{source}");
    }
}

#[test]
fn sharpness_of_a_custom_surface_is_its_exact_hessian() {
    let formula = Formula::parse_shared(TWINS[1].1).expect("valid");
    for noise in [0.0, 0.2] {
        let built_in = ShiftedCopies::new(Surface::new(SurfaceKind::Himmelblau), 12, noise, 12, 2);
        let custom = ShiftedCopies::new(Surface::custom(formula.clone()), 12, noise, 12, 2);
        let p = [2.5, 1.5];
        let a = built_in.train_hessian(p);
        let b = custom.train_hessian(p);
        for i in 0..2 {
            for j in 0..2 {
                assert!((a[i][j] - b[i][j]).abs() < 1e-10 * a[i][j].abs().max(1.0));
            }
        }
        let hessian =
            basin::core::sharpness::hvp::SurfaceHessian::new(&custom, &p).expect("finite");
        let reference =
            basin::core::sharpness::hvp::SurfaceHessian::new(&built_in, &p).expect("finite");
        let (e, r) = (hessian.eigen(), reference.eigen());
        assert!((e.trace() - r.trace()).abs() < 1e-9 * r.trace().abs());
    }
}

#[test]
fn presets_and_the_cli_take_a_formula() {
    let text = r#"
name = "custom"
[problem]
kind = "surface"
surface = "custom"
formula = "(1-x)^2 + 100*(y-x^2)^2"
[[runs]]
optimizer = "adam"
lr = 0.01
"#;
    let e = basin::preset::parse(text, "test", &[])
        .and_then(|p| p.into_surface("test"))
        .expect("valid");
    assert_eq!(e.problem.surface.kind, SurfaceKind::Custom);
    assert_eq!(e.problem.surface.formula_text(), "(1-x)^2 + 100*(y-x^2)^2");
    assert_eq!(e.training.start, SurfaceKind::Custom.default_start());
    // Saving keeps the formula.
    let saved = basin::preset::to_toml(&e);
    assert!(
        saved.contains("formula = \"(1-x)^2 + 100*(y-x^2)^2\""),
        "{saved}"
    );
    let again = basin::preset::parse(&saved, "saved", &[])
        .and_then(|p| p.into_surface("saved"))
        .expect("valid");
    assert_eq!(again.problem.surface, e.problem.surface);

    // --set problem.formula turns any surface preset custom; a number is a formula too.
    let set = |value: &str| {
        basin::preset::parse(
            text.replace("surface = \"custom\"", "surface = \"booth\"")
                .replace("formula = \"(1-x)^2 + 100*(y-x^2)^2\"\n", "")
                .as_str(),
            "test",
            &[format!("problem.formula={value}")],
        )
        .and_then(|p| p.into_surface("test"))
    };
    let e = set("x^2 + 3*y^2").expect("valid");
    assert_eq!(e.problem.surface.formula_text(), "x^2 + 3*y^2");
    assert_eq!(
        set("2").expect("valid").problem.surface.value([5.0, 5.0]),
        2.0
    );
    let err = set("x^2 + * y").expect_err("bad").to_string();
    assert!(err.contains("problem.formula"), "{err}");
    assert!(err.contains("x^2 + * y\n      ^"), "{err}");
    let err = basin::preset::parse(&text.replace("formula = ", "# "), "test", &[])
        .expect_err("missing")
        .to_string();
    assert!(err.contains("is required by surface = \"custom\""), "{err}");

    // The CLI: a trajectory on a typed formula, and a malformed one exits 2.
    let dir = common::tempdir();
    let out = dir.path().join("t.csv");
    let ok = common::basin(
        dir.path(),
        &[
            "trajectory",
            "rosenbrock-race",
            "--set",
            "problem.formula=(1-x)^2 + 100*(y-x^2)^2",
            "--out",
            out.to_str().expect("utf-8"),
        ],
    );
    common::ok(&ok);
    let bad = common::basin(
        dir.path(),
        &[
            "trajectory",
            "rosenbrock-race",
            "--set",
            "problem.formula=sin(x",
            "--out",
            out.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        common::stderr(&bad).contains("expected ')'"),
        "{}",
        common::stderr(&bad)
    );
}
