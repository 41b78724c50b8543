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

fn assert_has(out: &str, line: &str) {
    assert!(out.contains(line), "missing {line:?} in:\n{out}");
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
        "6. Pledge level (ILLUSTRATIVE numbers, not real records)",
        // 365/1461 of €4bn, the largest remainder taking the extra cent.
        "DK €999,315,537.31",
        // £3bn ÷ 0.842 and SEK 30bn ÷ 10.98.
        "GB €3,562,945,368.17",
        "SE €2,732,240,437.16",
        "all over €20,684,674,753.04",
        "the data give over €20,684,674,753.04, which supports it.",
    ] {
        assert_has(&out, line);
    }
}

#[test]
fn spreading_adds_up_to_the_cent() {
    let out = run("spreading");
    for line in [
        // 1e9 × 366/1461 and 365/1461, remainders handed out by size.
        "2024      366 days       €250,513,347.02",
        "2027      365 days       €249,828,884.32",
        "total                     €1,000,000,000.00",
        "2024: quarters add up to €250,513,347.02 (the year: €250,513,347.02)",
        "all at the start: 2024 €1bn",
        "2024 €400m, 2025 €300m, 2026 €150m, 2027 €150m",
        "grand total: €1,300,000,000.00",
    ] {
        assert_has(&out, line);
    }
}

#[test]
fn currencies_prints_the_audit_trail() {
    let out = run("currencies");
    for line in [
        // £300m ÷ 0.8374 (2025-01-31), US$500m ÷ 1.0393 (Friday's rate for Saturday).
        "£300m → €358,251,731.55 at 0.8374 GBP per EUR (2025-01-31) (rate on the announcement date)",
        "US$500m → €481,093,043.39 at 1.0393 USD per EUR (2025-01-31) (rate on the announcement date)",
        "PLN 1.5bn → €359,109,408.67 at 4.177 PLN per EUR (2025-03-14)",
        "no USD rate on 2025-03-01 or in the 7 days before it",
    ] {
        assert_has(&out, line);
    }
}

#[test]
fn targets_and_claims_shares_the_baseline_and_checks_the_claims() {
    let out = run("targets_and_claims");
    for line in [
        // €40bn × GDP ÷ €47,275bn (the 31 participants' illustrative GDP).
        "Germany          GDP     €4.1tn  fair share    €3,469,063,987.31",
        "United States    GDP      €25tn  fair share   €21,152,829,190.90",
        "31 participants; the shares add up to €40,000,000,000.00 exactly.",
        // The six pledges announced in 2025-Q1, all for 2025.
        "total counted: over €22,316,414,348.28 from 6 pledges (0 pending a condition)",
        "claimed over €20bn = (€20bn, ∞); data give over €22,316,414,348.28 (6 pledges counted): supported",
        // The three pledges for 2024: €7.5bn + £3bn ÷ 0.842 + (US$40bn ± 4bn) ÷ 1.105
        // = €47,262,040,390.795… with bounds €43,642,130,888.533… and
        // €50,881,949,893.058…; "about" keeps its centre rounded, and its tolerance
        // is the wider side, rounded up, so the range holds both bounds.
        "data give about €47,262,040,390.80 ± €3,619,909,502.27 (3 pledges counted): cannot tell",
        "claimed about €50bn = [€45bn, €55bn];",
        // 41 / 3,000 = 1.3666…%, shown as its interval rounded outward; 60 − 41 = 19.
        "Canada   [1.36%, 1.37%] of GDP counted: short by CAD 19bn",
    ] {
        assert_has(&out, line);
    }
}

// The totals of a pledge CSV from the command line are the `alliance`
// command's job (tool/): its tests, tool/tests/cli.rs, run the built binary.

#[test]
fn tracker_tables_shows_what_a_tracker_publishes() {
    let out = run("tracker_tables");
    for line in [
        // Committed: DE 1.2bn + 300m + 820m; the EU's 5bn + the undated
        // 23,417,159.978473667, which rounds once, in the total.
        "  DE           €2,320,000,000.00",
        "  EU           €5,023,417,159.98",
        // 2.32 + 3 + 5.023417159978473667 + 0.4.
        "  total        €10,743,417,159.98",
        // GB's €5bn guarantee waits on its condition.
        "  pending      €5,000,000,000.00 (conditional, not in the total)",
        // Allocated: DE 800m + 300m; EU 2.5bn + 10m; total with FR 1bn and EIB 150m.
        "  DE           €1,100,000,000.00",
        "  EU           €2,510,000,000.00",
        "  total        €4,760,000,000.00",
        // EU + EIB: 5,023,417,159.978473667 + 400m.
        "  EU + EIB     €5,423,417,159.98",
        // The EU's 502,341,715,997 cents by 5:3:2 (the cent left over to DE,
        // the largest remainder, with the 0.008473667 below the cent), the
        // EIB's 400m by 5:4:1: DE 2,511,708,579.998473667 + 200m.
        "  DE        €2,320,000,000.00      €2,711,708,580.00      €5,031,708,580.00",
        "  FR        €3,000,000,000.00      €1,667,025,147.99      €4,667,025,147.99",
        "  PL                    €0.00      €1,044,683,431.99      €1,044,683,431.99",
        // 1.5bn ÷ 83.6m = 17.9425…; 1.5bn ÷ €4,300bn = 0.03488…%.
        "  DE      €1,500,000,000.00   between €17.94 and €17.95 per person   [0.034%, 0.035%] of GDP",
        // 3bn ÷ 68.4m = 43.8596…; 3bn ÷ €2,900bn = 0.10344…%.
        "  FR      €3,000,000,000.00   between €43.85 and €43.86 per person   [0.103%, 0.104%] of GDP",
        // 2024: 1.2 + 0.3 + 5 + 0.4 + 3; 2025: DE's 820m (GB's is pending).
        "  2024         €9,900,000,000.00\n  2025         €820,000,000.00\n  total        €10,720,000,000.00",
        // 820m × 100 ÷ 102.5 = 800m; 9.9bn + 800m.
        "  2025         €800,000,000.00 (in prices of the year: €820,000,000.00)",
        "  total        €10,700,000,000.00",
        // Deliveries by month: EU 03-05, DE 04-10, FR 08-20, EIB 09-30.
        "  2024-03      €2,500,000,000.00\n  2024-04      €500,000,000.00\n  2024-08      €600,000,000.00\n  2024-09      €100,000,000.00",
        // Delivered by 2024-04-30: EU 2.5bn (03-05) + DE 500m (04-10); the
        // same at 07-31 (the pause); by 09-30 FR 600m and EIB 100m more.
        "Delivered as of 2024-04-30 (illustrative)\n  all          €3,000,000,000.00",
        "Delivered as of 2024-07-31 (illustrative)\n  all          €3,000,000,000.00",
        "Delivered as of 2024-09-30 (illustrative)\n  all          €3,700,000,000.00",
        "  DE: of €2.32bn committed, €500m delivered, €1.82bn outstanding",
    ] {
        assert_has(&out, line);
    }
    // The rows including the shares add up to the commitments' total.
    assert_has(&out, &format!("  all  {:>68}", "€10,743,417,159.98"));
}
