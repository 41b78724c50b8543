//! Runs the examples (built by `cargo test` beside the tests) and checks
//! what they print: examples are documentation that must stay true.

use std::path::PathBuf;
use std::process::Command;

/// `target/<profile>/examples/<name>`, found from this test binary's path
/// (`target/<profile>/deps/examples-<hash>`).
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let path = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} not built: run through `cargo test`",
        path.display()
    );
    path
}

fn run(name: &str) -> String {
    let output = Command::new(example(name)).output().expect("example runs");
    assert!(
        output.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn nato_ukraine_reports_what_the_figures_support() {
    let out = run("nato_ukraine");
    for line in [
        "over €20bn pledged by allies",
        "as an interval: (€20bn, ∞)",
        "as an interval: [€45bn, €55bn]",
        "2025 so far (over €20bn) against 2024 (about €50bn): cannot tell.",
        "Half the baseline is €20bn; 2025 so far is over €20bn: definitely greater.",
        "= over €81,111,111,111.11",
        "\"over €81bn a year\"",
        "Finland: an ally on 2023-04-03? no. On 2023-04-04? yes. (31 allies that day)",
        "Sweden: an ally on 2024-03-06? no. On 2024-03-07? yes. (32 allies that day)",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
}
