//! `strata normalize` writes safely: a planted symlink is never followed or replaced, a replaced
//! file keeps its mode, and `--out-dir` is all or nothing when a write fails mid-set.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn raw(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw").join(name)
}

fn strata(args: &[&str], cwd: &Path) -> Output {
    // The messages asserted are English.
    Command::new(env!("CARGO_BIN_EXE_strata")).args(args).current_dir(cwd).env("LC_ALL", "C.UTF-8").output().unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn a_symlink_output_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "not yours").unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join("out.json")).unwrap();
    let o = strata(&["normalize", raw("tver.txt").to_str().unwrap(), "-o", "out.json"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("out.json") && err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not yours");
    assert!(std::fs::symlink_metadata(dir.path().join("out.json")).unwrap().file_type().is_symlink());
    assert_eq!(names(dir.path()), ["out.json", "victim.txt"], "no temporary left behind");
}

#[test]
fn a_replaced_output_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o604)).unwrap();
    let o = strata(&["normalize", raw("tver.txt").to_str().unwrap(), "-o", "out.json"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('{'));
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o604);
    assert_eq!(names(dir.path()), ["out.json"]);
}

/// The file-size limit (SIGXFSZ, then EFBIG) stops the second, larger output after the first
/// one's temporary was written: both temporaries are removed, the old set is untouched, exit 2.
#[test]
fn out_dir_is_all_or_nothing_past_the_file_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("astrakhan.json"), "old a").unwrap();
    std::fs::write(out.join("ivanovo.json"), "old i").unwrap();
    let (a, i) = (raw("astrakhan.txt"), raw("ivanovo.txt"));
    // astrakhan's JSON is about 620 KB, ivanovo's about 950 KB: the limit lies between them
    // (ulimit -f counts 512-byte blocks in POSIX sh).
    let script = format!(
        "ulimit -f 1500 && exec '{}' normalize '{}' '{}' --out-dir out",
        env!("CARGO_BIN_EXE_strata"),
        a.display(),
        i.display()
    );
    let o = Command::new("sh").arg("-c").arg(script).current_dir(dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("ivanovo.json") && err.contains("too large"), "{err}");
    assert_eq!(std::fs::read_to_string(out.join("astrakhan.json")).unwrap(), "old a");
    assert_eq!(std::fs::read_to_string(out.join("ivanovo.json")).unwrap(), "old i");
    assert_eq!(names(&out), ["astrakhan.json", "ivanovo.json"], "no temporary left behind");
    // Without the limit the whole set is written.
    let o = strata(&["normalize", a.to_str().unwrap(), i.to_str().unwrap(), "--out-dir", "out"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(out.join("ivanovo.json")).unwrap().starts_with('{'));
    assert_eq!(names(&out), ["astrakhan.json", "ivanovo.json"]);
}

#[test]
fn two_inputs_with_one_output_name_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("x")).unwrap();
    std::fs::copy(raw("tver.txt"), dir.path().join("x/tver.txt")).unwrap();
    let o = strata(&["normalize", raw("tver.txt").to_str().unwrap(), "x/tver.txt", "--out-dir", "out"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("would both be written"));
    assert_eq!(names(&dir.path().join("out")), Vec::<String>::new());
}
