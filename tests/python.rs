//! Runs the Python package's tests (`python/tests/`, pytest) against this
//! build's `kg` binary, so the README's one test command covers them. The
//! package must be installed (`pip install ./python`; `.ci/run` does it,
//! again after each change to kg, as the package is built from the source
//! at install time): without it, or without pytest, the test is skipped
//! with a note, and fails instead when `CI=true`.

use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn python_package_agrees_with_the_binary() {
    let probe = Command::new("python3")
        .args(["-c", "import pytest, kg._kg"])
        .current_dir(std::env::temp_dir())
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the kg Python package and pytest are required when CI=true (.ci/run installs them)"
        );
        eprintln!(
            "skipped: the kg Python package or pytest not installed (pip install ./python pytest)"
        );
        return;
    }
    // From the repository's root, where no `kg` directory hides the
    // installed package (`python/kg` has no native half).
    let out = Command::new("python3")
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "python/tests",
        ])
        .current_dir(ROOT)
        .env("KG_BIN", env!("CARGO_BIN_EXE_kg"))
        .env_remove("KG_DB")
        .output()
        .expect("run python3 -m pytest");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "pytest python/tests failed:\n{text}");
    // Skips are failures in CI: the sample and the binary are there.
    if std::env::var("CI").as_deref() == Ok("true") {
        assert!(
            !text.contains("skipped"),
            "pytest skipped tests in CI:\n{text}"
        );
    }
}
