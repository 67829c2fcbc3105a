//! Learning-rate schedules against values worked out from `torch.optim.lr_scheduler`'s
//! formulas (the arithmetic is in the comments), their step semantics in training, their
//! preset keys and errors, and the `schedules` preset's picture.

mod common;

use std::sync::atomic::AtomicBool;

use basin::core::optim::{OptimizerKind, OptimizerSpec};
use basin::core::schedule::{OneCycle, Schedule, ScheduleKind};
use basin::core::surface::{ShiftedCopies, Surface, SurfaceKind};
use basin::core::train::{RunSpec, train};

fn close(actual: &[f64], expected: &[f64], rel: f64) {
    assert_eq!(actual.len(), expected.len(), "{actual:?}");
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert!(
            (a - e).abs() <= rel * e.abs().max(1e-300),
            "epoch {i}: {a} vs {e} (all: {actual:?})"
        );
    }
}

#[test]
fn step_lr() {
    // StepLR(step_size=3, gamma=0.5), lr 0.1: × 0.5 at epochs 3 and 6.
    let s = Schedule::new(ScheduleKind::Step {
        step_size: 3,
        gamma: 0.5,
    });
    assert_eq!(
        s.lrs(0.1, 8),
        vec![0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025]
    );
}

#[test]
fn exponential_lr() {
    // ExponentialLR(gamma=0.9), lr 1: 1, 0.9, 0.81, 0.729, 0.6561.
    let s = Schedule::new(ScheduleKind::Exponential { gamma: 0.9 });
    close(&s.lrs(1.0, 5), &[1.0, 0.9, 0.81, 0.729, 0.6561], 1e-15);
}

#[test]
fn cosine_annealing_lr_follows_torch_through_and_past_t_max() {
    // CosineAnnealingLR(T_max=4, eta_min=0), lr 1: (1 + cos(πt/4))/2 for t ≤ 4 —
    // 1, (1 + √½)/2 = 0.853553390593…, 0.5, (1 − √½)/2 = 0.146446609406…, 0 — then torch
    // rises again: t = 5 is the special case lr + (1 − cos(π/4))/2 = 0.146446609406…, and
    // the ratio form continues the cosine: 0.5, 0.853553…, 1 at t = 8.
    let hi = (1.0 + 0.5_f64.sqrt()) / 2.0;
    let lo = (1.0 - 0.5_f64.sqrt()) / 2.0;
    let s = Schedule::new(ScheduleKind::Cosine {
        t_max: 4,
        eta_min: 0.0,
    });
    let lrs = s.lrs(1.0, 9);
    close(
        &lrs[..4],
        &[1.0, 0.853_553_390_593_273_8, 0.5, 0.146_446_609_406_726_24],
        1e-14,
    );
    assert!(lrs[4].abs() < 1e-16, "{}", lrs[4]);
    close(&lrs[5..], &[lo, 0.5, hi, 1.0], 1e-12);

    // With a floor: η_min + (1 − η_min)(1 + cos(πt/10))/2, e.g. t = 5 gives 0.1 + 0.9·0.5.
    let floor = Schedule::new(ScheduleKind::Cosine {
        t_max: 10,
        eta_min: 0.1,
    });
    let expected: Vec<f64> = (0..=10)
        .map(|t| 0.1 + 0.9 * (1.0 + libm::cos(std::f64::consts::PI * f64::from(t) / 10.0)) / 2.0)
        .collect();
    close(&floor.lrs(1.0, 11), &expected, 1e-13);
    assert!((floor.lrs(1.0, 6)[5] - 0.55).abs() < 1e-15);
}

#[test]
fn one_cycle_lr() {
    // OneCycleLR(max_lr=0.01, total_steps=10): initial 0.01/25 = 4e-4, min 4e-4/1e4 = 4e-8,
    // phase 1 ends at 0.3·10 − 1 = 2, phase 2 at 9. cos anneal: end + (start − end)/2·(cos πp + 1).
    // t=0: 4e-4; t=1 (p=½): 0.01 − 0.0096/2 = 0.0052; t=2: 0.01;
    // t=3 (p=1/7): 4e-8 + (0.01 − 4e-8)/2·(1 + cos(π/7)) = 0.0095048463…; t=9: 4e-8.
    let s = Schedule::new(ScheduleKind::OneCycle(OneCycle {
        max_lr: 0.01,
        total_steps: 10,
        pct_start: 0.3,
        div_factor: 25.0,
        final_div_factor: 1e4,
    }));
    let lrs = s.lrs(123.0, 12);
    let phase2 = |p: f64| 4e-8 + (0.01 - 4e-8) / 2.0 * (1.0 + libm::cos(std::f64::consts::PI * p));
    close(&lrs[..3], &[4e-4, 0.0052, 0.01], 1e-14);
    close(&[lrs[3], lrs[9]], &[phase2(1.0 / 7.0), 4e-8], 1e-12);
    assert!((lrs[3] - 0.009_504_846_32).abs() < 1e-12, "{}", lrs[3]);
    // Past total_steps torch raises; basin holds the value at total_steps (p = 8/7).
    assert_eq!(lrs[10], lrs[11]);
    assert!((lrs[10] - phase2(8.0 / 7.0)).abs() < 1e-18);
}

#[test]
fn linear_warm_up_then_the_schedule() {
    // SequentialLR([LinearLR(start_factor=0.25, total_iters=4), ConstantLR(1)], [4]), lr 1:
    // 0.25, then 0.25·(1 + 0.75/(4·0.25)) = 0.4375, 0.625, 0.8125 (LinearLR's recursion
    // equals its closed form 0.25 + 0.75·t/4), and 1 from epoch 4 on.
    let mut warm = Schedule::new(ScheduleKind::Constant);
    warm.warmup_steps = 4;
    warm.warmup_start_factor = 0.25;
    close(
        &warm.lrs(1.0, 6),
        &[0.25, 0.4375, 0.625, 0.8125, 1.0, 1.0],
        1e-15,
    );

    // Warm-up 2 (start_factor 0.5) before StepLR(2, 0.1): 0.5, 0.75, then the step
    // schedule from its epoch 0: 1, 1, 0.1, 0.1, 0.01.
    let mut step = Schedule::new(ScheduleKind::Step {
        step_size: 2,
        gamma: 0.1,
    });
    step.warmup_steps = 2;
    step.warmup_start_factor = 0.5;
    close(
        &step.lrs(1.0, 7),
        &[0.5, 0.75, 1.0, 1.0, 0.1, 0.1, 0.01],
        1e-15,
    );

    // Warm-up before cosine: the cosine starts at its own epoch 0 after the warm-up.
    let mut cosine = Schedule::new(ScheduleKind::Cosine {
        t_max: 4,
        eta_min: 0.0,
    });
    cosine.warmup_steps = 3;
    let lrs = cosine.lrs(2.0, 6);
    close(&lrs[3..], &[2.0, 2.0 * 0.853_553_390_593_273_8, 1.0], 1e-14);
    // torch's LinearLR default start_factor is 1/3.
    assert!((lrs[0] - 2.0 / 3.0).abs() < 1e-15);
}

#[test]
fn training_uses_the_initial_lr_first_and_records_every_step() {
    // f = ½(κx² + y²), κ = 10, full batch, plain SGD: x₁ = x₀ − lr₀·κx₀ with lr₀ the
    // initial lr (the scheduler steps after the optimizer).
    let problem = ShiftedCopies::new(Surface::new(SurfaceKind::Quadratic), 4, 0.0, 4, 1);
    let mut spec = OptimizerSpec::defaults(OptimizerKind::Sgd);
    spec.lr = 0.05;
    let run = RunSpec {
        schedule: Schedule::new(ScheduleKind::Step {
            step_size: 1,
            gamma: 0.5,
        }),
        ..RunSpec::new(spec)
    };
    let t = train(
        &problem,
        &run,
        0,
        &[1.0, 1.0],
        4,
        1,
        &AtomicBool::new(false),
    );
    assert_eq!(t.lr, vec![0.05, 0.025, 0.0125, 0.00625]);
    assert_eq!(t.lr, run.schedule.lrs(0.05, 4));
    // Step 1: x = 1 − 0.05·10 = 0.5; step 2: x = 0.5 − 0.025·5 = 0.375.
    assert!((t.point(1)[0] - 0.5).abs() < 1e-15);
    assert!((t.point(2)[0] - 0.375).abs() < 1e-15);
    // A constant schedule records the optimizer's lr at every step.
    let constant = train(
        &problem,
        &RunSpec::new(run.optimizer.clone()),
        0,
        &[1.0, 1.0],
        3,
        1,
        &AtomicBool::new(false),
    );
    assert_eq!(constant.lr, vec![0.05; 3]);
}

const PRESET: &str = r#"
name = "s"
[problem]
kind = "surface"
surface = "booth"
[training]
steps = 120
[[runs]]
optimizer = "sgd"
lr = 0.01
"#;

fn with_schedule(
    table: &str,
) -> Result<basin::preset::SurfaceExperiment, basin::preset::PresetError> {
    basin::preset::parse(PRESET, "test", &[format!("runs.0.schedule={table}")])?
        .into_surface("test")
}

#[test]
fn preset_schedules_take_torch_names_and_defaults() {
    let s = |table: &str| with_schedule(table).expect(table).runs[0].schedule;
    assert_eq!(
        s("{ kind = \"step\", step_size = 100, gamma = 0.5 }").kind,
        ScheduleKind::Step {
            step_size: 100,
            gamma: 0.5
        }
    );
    assert_eq!(
        s("{ kind = \"exponential\", gamma = 0.99 }").kind,
        ScheduleKind::Exponential { gamma: 0.99 }
    );
    // T_max defaults to the training steps, eta_min to 0.
    assert_eq!(
        s("{ kind = \"cosine\" }").kind,
        ScheduleKind::Cosine {
            t_max: 120,
            eta_min: 0.0
        }
    );
    // max_lr defaults to the run's lr, total_steps to the steps; torch's other defaults.
    assert_eq!(
        s("{ kind = \"one_cycle\" }").kind,
        ScheduleKind::OneCycle(OneCycle {
            max_lr: 0.01,
            total_steps: 120,
            pct_start: 0.3,
            div_factor: 25.0,
            final_div_factor: 1e4
        })
    );
    let warm = s("{ kind = \"cosine\", T_max = 300, eta_min = 0.001, warmup_steps = 20 }");
    assert_eq!(warm.warmup_steps, 20);
    assert!((warm.warmup_start_factor - 1.0 / 3.0).abs() < 1e-16);
    assert!(s("{ kind = \"constant\" }").is_constant());

    // A saved preset keeps the schedule.
    let e = with_schedule("{ kind = \"step\", step_size = 7, gamma = 0.5, warmup_steps = 3 }")
        .expect("valid");
    let saved = basin::preset::to_toml(&e);
    let again = basin::preset::parse(&saved, "saved", &[])
        .and_then(|p| p.into_surface("saved"))
        .expect("valid");
    assert_eq!(again.runs[0].schedule, e.runs[0].schedule);
}

#[test]
fn bad_schedules_are_errors_that_name_the_key() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "{ kind = \"warp\" }",
            "runs.0.schedule.kind",
            "unknown schedule \"warp\"",
        ),
        (
            "{ kind = \"step\" }",
            "runs.0.schedule.step_size",
            "is required",
        ),
        (
            "{ kind = \"step\", step_size = 0 }",
            "runs.0.schedule.step_size",
            "at least 1",
        ),
        (
            "{ kind = \"exponential\" }",
            "runs.0.schedule.gamma",
            "is required",
        ),
        (
            "{ kind = \"exponential\", gamma = -1.0 }",
            "runs.0.schedule.gamma",
            "> 0",
        ),
        (
            "{ kind = \"cosine\", T_max = 0 }",
            "runs.0.schedule.T_max",
            "at least 1",
        ),
        (
            "{ kind = \"cosine\", eta_min = -1.0 }",
            "runs.0.schedule.eta_min",
            "≥ 0",
        ),
        (
            "{ kind = \"cosine\", gamma = 0.5 }",
            "runs.0.schedule.gamma",
            "not a parameter of the cosine",
        ),
        (
            "{ kind = \"one_cycle\", pct_start = 1.5 }",
            "runs.0.schedule.pct_start",
            "[0, 1]",
        ),
        (
            "{ kind = \"one_cycle\", max_lr = 0.0 }",
            "runs.0.schedule.max_lr",
            "> 0",
        ),
        (
            "{ kind = \"constant\", warmup_steps = 5, warmup_start_factor = 0.0 }",
            "runs.0.schedule.warmup_start_factor",
            "(0, 1]",
        ),
    ];
    for &(table, key, words) in cases {
        let err = with_schedule(table).expect_err(table);
        assert_eq!(err.key(), Some(key), "{table}: {err}");
        assert!(err.to_string().contains(words), "{table}: {err}");
    }
    // Unknown keys and a missing kind come from the mirror.
    assert!(with_schedule("{ kind = \"step\", step_size = 2, Gamma = 0.5 }").is_err());
    assert!(with_schedule("{ gamma = 0.5 }").is_err());

    // The CLI exits 2 with the message.
    let dir = common::tempdir();
    let out = common::basin(
        dir.path(),
        &[
            "trajectory",
            "rosenbrock-race",
            "--set",
            "runs.0.schedule={ kind = \"cosine\", T_max = 0 }",
            "--out",
            "t.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("T_max"),
        "{}",
        common::stderr(&out)
    );
}

#[test]
fn the_schedules_preset_bounces_with_a_constant_lr_and_settles_with_cosine() {
    let e = basin::preset::load_surface("schedules", &[]).expect("built in");
    assert_eq!(e.runs[0].schedule, Schedule::default());
    assert!(matches!(
        e.runs[1].schedule.kind,
        ScheduleKind::Cosine { .. }
    ));
    let problem = e.problem.build(e.seed);
    let cancel = AtomicBool::new(false);
    let spread = |run: usize| {
        let t = train(
            &problem,
            &e.runs[run],
            run,
            &e.training.start,
            e.training.steps,
            e.seed,
            &cancel,
        );
        assert_eq!(t.len(), e.training.steps + 1);
        // Mean distance from the origin (the valley's bottom) over the last 50 points.
        (t.len() - 50..t.len())
            .map(|i| libm::hypot(t.point(i)[0], t.point(i)[1]))
            .sum::<f64>()
            / 50.0
    };
    let (constant, cosine) = (spread(0), spread(1));
    assert!(
        constant > 4.0 * cosine,
        "constant {constant} vs cosine {cosine}"
    );
}

/// The same schedules bit for bit against torch's arithmetic: the literals are printed by
/// `tools/golden/lr_schedules.py`, a line-for-line port of torch 2.x's `get_lr` (chainable
/// forms; `OneCycleLR`'s phase table; `SequentialLR` with `LinearLR`), which runs in float64
/// with the same libm `cos`.
#[test]
fn bit_for_bit_with_torchs_arithmetic() {
    let exp = Schedule::new(ScheduleKind::Exponential { gamma: 0.9 });
    assert_eq!(
        exp.lrs(0.1, 6),
        [
            0.1,
            0.09000000000000001,
            0.08100000000000002,
            0.07290000000000002,
            0.06561000000000002,
            0.05904900000000002
        ]
    );
    let cosine = Schedule::new(ScheduleKind::Cosine {
        t_max: 4,
        eta_min: 0.0,
    });
    assert_eq!(
        cosine.lrs(1.0, 9),
        [
            1.0,
            0.8535533905932737,
            0.5,
            0.14644660940672627,
            0.0,
            0.1464466094067262,
            0.5000000000000001,
            0.8535533905932742,
            1.0000000000000004
        ]
    );
    let floor = Schedule::new(ScheduleKind::Cosine {
        t_max: 10,
        eta_min: 0.1,
    });
    assert_eq!(
        floor.lrs(1.0, 11),
        [
            1.0,
            0.9779754323328191,
            0.9140576474687263,
            0.8145033635316129,
            0.6890576474687263,
            0.55,
            0.41094235253127376,
            0.2854966364683872,
            0.18594235253127372,
            0.12202456766718092,
            0.1
        ]
    );
    let one_cycle = Schedule::new(ScheduleKind::OneCycle(OneCycle {
        max_lr: 0.01,
        total_steps: 10,
        pct_start: 0.3,
        div_factor: 25.0,
        final_div_factor: 1e4,
    }));
    assert_eq!(
        one_cycle.lrs(0.5, 11),
        [
            0.0003999999999999993,
            0.0052,
            0.01,
            0.009504846320134737,
            0.008117456539497631,
            0.0061126202193628925,
            0.003887419780637108,
            0.00188258346050237,
            0.0004951936798652628,
            4e-08,
            0.0004951936798652623
        ]
    );
    // SequentialLR([LinearLR(1/3, total_iters=3), CosineAnnealingLR(5, 0.001)], [3]), lr 0.1.
    let mut warm = Schedule::new(ScheduleKind::Cosine {
        t_max: 5,
        eta_min: 0.001,
    });
    warm.warmup_steps = 3;
    assert_eq!(
        warm.lrs(0.1, 10),
        [
            0.03333333333333333,
            0.05555555555555556,
            0.07777777777777778,
            0.1,
            0.0905463412215599,
            0.06579634122155989,
            0.035203658778440096,
            0.010453658778440105,
            0.001,
            0.010453658778440102
        ]
    );
}
