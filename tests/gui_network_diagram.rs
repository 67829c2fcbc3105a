#![cfg(feature = "gui")]
//! The Network lab's diagram ("Inside the network") through its real widgets (egui_kittest):
//! the view switch above the right half opens it on the moons — a thumbnail per shown hidden
//! neuron, computed on a worker at the playback step and following it — and back to the
//! landscape; on the digits (opened with `[view] diagram = true`) the first layer's neurons
//! are 8×8 weight pictures. The pipeline runs on real threads, so the tests step frames with
//! a short sleep until results arrive (bounded).

mod common;

use common::gui::{app_harness, network_settled as settled, step_until};

use basin::app::{App, Startup};
use basin::preset::{self, Preset};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const WINDOW: egui::Vec2 = egui::vec2(1440.0, 1000.0);

fn harness(text: &str, name: &str) -> Harness<'static, App> {
    let Ok(Preset::Network(experiment)) = preset::parse(text, name, &[]) else {
        panic!("a network preset");
    };
    let startup = Startup {
        preset: Some(experiment.into()),
        preset_name: Some(name.to_string()),
        ..Startup::default()
    };
    app_harness(startup, WINDOW)
}

/// The diagram on screen shows `step`.
fn diagram_at(app: &App, step: usize) -> bool {
    let net = &app.labs.network;
    net.diagram.as_ref().is_some_and(|d| d.diagram.step == step)
}

#[test]
fn the_switch_opens_the_diagram_on_the_moons_and_it_follows_the_playback() {
    let text = "name = \"small moons\"\n[problem]\nkind = \"network\"\ndataset = \"moons\"\n\
                n_train = 128\nn_test = 128\nhidden = [20, 6]\n\
                [training]\nsteps = 30\n[[runs]]\noptimizer = \"sgd\"\nlr = 0.1\n\
                [view]\nresolution = 11\n";
    let mut h = harness(text, "small-moons.toml");
    step_until(&mut h, "the first results", settled);
    assert!(
        h.state().labs.network.diagram.is_none(),
        "not computed unseen"
    );
    h.get_by_label("Inside the network").click();
    h.step();
    assert!(h.state().labs.network.experiment.view.diagram);
    h.state_mut().labs.network.playback.show_end(30.0);
    step_until(&mut h, "the diagram at step 30", |app| diagram_at(app, 30));
    {
        let picture = h.state().labs.network.diagram.as_ref().expect("diagram");
        // Layer 1 of 20 neurons: the first 16 drawn; layer 2 all 6.
        let shown: Vec<usize> = picture.textures.iter().map(Vec::len).collect();
        assert_eq!(shown, [16, 6]);
        assert_eq!(picture.diagram.pictures.layers[0].width(), 20);
    }
    h.get_by_label_contains("activation over the input plane");
    // The playback moves: the diagram follows.
    h.state_mut().labs.network.playback.show_end(10.0);
    step_until(&mut h, "the diagram at step 10", |app| diagram_at(app, 10));
    // Back to the landscape; the decision boundary stays on the left all along.
    h.get_by_label("Loss landscape").click();
    h.step();
    assert!(!h.state().labs.network.experiment.view.diagram);
    h.step();
    h.get_by_label("Data and decision boundary");
    h.get_by_label_contains("Landscape: training loss");
}

#[test]
fn digits_open_with_the_diagram_and_first_layer_weight_pictures() {
    let text = "name = \"small digits\"\n[problem]\nkind = \"network\"\ndataset = \"digits\"\n\
                n_train = 300\nhidden = [12, 8]\nactivation = \"relu\"\n\
                [training]\nsteps = 20\nbatch_size = 32\n\
                [[runs]]\noptimizer = \"sgd\"\nlr = 0.1\nmomentum = 0.9\n\
                [view]\nresolution = 11\ndiagram = true\n";
    let mut h = harness(text, "small-digits.toml");
    assert!(h.state().labs.network.experiment.view.diagram);
    step_until(&mut h, "the digits trained", settled);
    h.state_mut().labs.network.playback.show_end(20.0);
    step_until(&mut h, "the diagram at step 20", |app| diagram_at(app, 20));
    let picture = h.state().labs.network.diagram.as_ref().expect("diagram");
    assert_eq!(picture.diagram.pictures.image_side(), Some(8));
    // Layer 1: 12 weight pictures of 8×8; layer 2: plain nodes.
    assert_eq!(picture.textures[0].len(), 12);
    assert_eq!(picture.textures[0][0].size(), [8, 8]);
    assert!(picture.textures[1].is_empty());
    h.get_by_label_contains("weights on the 8×8 pixels");
    // The preset written back keeps the view.
    assert!(
        basin::app::Lab::to_toml(&h.state().labs.network).contains("diagram = true"),
        "the saved preset reopens the diagram"
    );
}
