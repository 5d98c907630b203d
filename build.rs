//! Compiles the normalized sample documents (`samples/*.json`) into the binary, so that `strata`
//! with no arguments works from any folder.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("samples");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<_> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from(
        "/// Bundled sample documents: (file name, JSON text).\npub const BUNDLED: &[(&str, &str)] = &[\n",
    );
    for p in &names {
        println!("cargo:rerun-if-changed={}", p.display());
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            p.file_name().unwrap().to_string_lossy(),
            p.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("samples.rs"), out).unwrap();
}
