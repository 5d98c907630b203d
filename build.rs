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
    normalizer_hash();
    link_options();
}

/// How the `strata` binary is linked on Linux with glibc, to start faster (README, "Diff", speed);
/// it stays position-independent. Its start-up relocations are packed (`DT_RELR`, glibc 2.36 and
/// later; GNU ld 2.38+ and LLD take the option): the dynamic loader reads a few kilobytes of
/// relocation records at each start instead of the 316 KiB of 13,000 `R_X86_64_RELATIVE` entries.
/// And the unwinder is linked in ([`static_unwinder`]).
fn link_options() {
    let var = |k| env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
        static_unwinder();
    }
}

/// The unwinder is linked in from gcc's static `libgcc_eh.a` (as a `+crt-static` build links it)
/// instead of loading `libgcc_s.so.1` at every start: one shared library fewer to map, relocate
/// and bind, and no run of its constructor, whose CPU probes (`cpuid`) trap to the hypervisor on
/// a virtual machine (README, "Diff", speed). std asks for `-lgcc_s`; a linker script of that
/// name, in a folder searched before the system's, answers with `libgcc_eh.a`. The binary stays
/// position-independent and dynamically linked to glibc.
fn static_unwinder() {
    let dir = Path::new(&env::var("OUT_DIR").unwrap()).join("unwinder");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("libgcc_s.so"), "INPUT(-lgcc_eh)\n").unwrap();
    println!("cargo:rustc-link-search=native={}", dir.display());
}

/// `STRATA_NORMALIZER_HASH`: FNV-1a over the reader and parser sources, so caches of normalized
/// documents are keyed by the code that made them.
fn normalizer_hash() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("src");
    let mut files = Vec::new();
    let mut stack = vec![root.join("normalize"), root.join("read")];
    while let Some(d) = stack.pop() {
        println!("cargo:rerun-if-changed={}", d.display());
        for e in fs::read_dir(&d).into_iter().flatten().filter_map(|e| e.ok()) {
            let p = e.path();
            if p.is_dir() { stack.push(p) } else { files.push(p) }
        }
    }
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        for b in fs::read(f).unwrap_or_default() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=STRATA_NORMALIZER_HASH={h:016x}");
}
